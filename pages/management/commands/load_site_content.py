"""Load INPUD's first content (pages/content/site.yaml) into an empty site.

Runs on every `make run` and every production start, so it must be harmless: it creates
the whole tree in one transaction only while the site has no home page yet, and never
touches anything afterwards. Editors' later work (edits, deletions) always survives.
"""

from pathlib import Path

import yaml
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from documents.seed import seed_library
from pages.models import (
    AboutPage,
    AimsPage,
    Footer,
    GovernancePage,
    HomePage,
    PrinciplesPage,
    StandardPage,
)
from pages.signals import site_content_loaded

CONTENT_FILE = Path(__file__).resolve().parents[2] / "content" / "site.yaml"


class Command(BaseCommand):
    help = "Create INPUD's first pages, documents and footer from pages/content/site.yaml."

    @transaction.atomic
    def handle(self, *args, **options):
        self.locale = Locale.get_default()
        if HomePage.objects.filter(locale=self.locale).exists():
            self.stdout.write("Site content already present; nothing changed.")
            return
        self.content = yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))
        self.load()
        self.stdout.write("Loaded INPUD's first content from " + CONTENT_FILE.name)

    def load(self):
        content = self.content
        self.remove_wagtail_welcome_page()
        home = self.add(Page.get_first_root_node(), HomePage, content["home"])
        self.ensure_default_site(home)

        privacy = self.add(home, StandardPage, content["privacy"])
        # About and Governance link to the library's permanent links for the Strategic
        # Plan and the Articles, so a new version never needs a page edit.
        about = self.add(home, AboutPage, content["about"])
        about.vancouver_declaration = self.add(
            about, StandardPage, content["vancouver_declaration"]
        )
        about.save_revision(log_action=True).publish()
        self.add(about, AimsPage, content["aims"], aims=self.blocks("aim", content["aims"]))
        self.add(
            about,
            PrinciplesPage,
            content["principles"],
            principles=self.blocks("principle", content["principles"]),
        )
        self.add(about, GovernancePage, content["governance"])
        seed_library(home)
        Footer.objects.create(
            locale=self.locale, legal_links=[("page", {"label": "", "page": privacy})]
        )
        site_content_loaded.send(sender=self.__class__, home=home)

    def add(self, parent, page_type, data, **fields):
        """Create, place and publish a page from its seed entry."""
        page = page_type(
            title=data["title"],
            slug=data["slug"],
            show_in_menus=data.get("show_in_menus", False),
            search_description=data.get("search_description", ""),
            locale=self.locale,
            **fields,
        )
        for field in ("intro", "body"):
            if field in data:
                setattr(page, field, self.rich_text_field_value(page_type, field, data[field]))
        parent.add_child(instance=page)
        # Logged like an editor's save, so that the page's History lists this first version
        # with its "Preview" and "Review this version" links: Wagtail offers them on saved
        # versions only, and an unlogged one could never be rolled back to.
        page.save_revision(log_action=True).publish()
        return page

    @staticmethod
    def rich_text_field_value(page_type, field, html):
        # StandardPage.body is a StreamField; the others are plain rich-text fields.
        if page_type is StandardPage and field == "body":
            return [("text", html)]
        return html

    @staticmethod
    def blocks(block_type, data):
        return [(block_type, f"<p>{item}</p>") for item in data["items"]]

    def remove_wagtail_welcome_page(self):
        """Wagtail's installer leaves a "Welcome to your new Wagtail site!" page; remove
        it only while it is still that untouched, childless placeholder."""
        placeholders = Page.objects.filter(
            depth=2, content_type__app_label="wagtailcore", content_type__model="page"
        )
        for page in placeholders:
            if page.is_leaf():
                Site.objects.filter(root_page=page).delete()
                page.delete()

    def ensure_default_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                site_name="INPUD",
                root_page=home,
                is_default_site=True,
            )
        else:
            site.root_page = home
            site.save()
