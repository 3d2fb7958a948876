"""Load INPUD's first content (pages/content/site.yaml) into an empty site.

Idempotent: each item is created only when it is missing, and nothing an editor has
since changed is ever overwritten.
"""

from pathlib import Path

import yaml
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from documents.seed import seed_library
from pages.models import HomePage

CONTENT_FILE = Path(__file__).resolve().parents[2] / "content" / "site.yaml"


class Command(BaseCommand):
    help = "Create INPUD's page tree and documents from pages/content/site.yaml, once."

    @transaction.atomic
    def handle(self, *args, **options):
        content = yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))
        self.created = []
        home = self.ensure_home(content["home"])
        self.ensure_site(home)
        self.created += seed_library(home)
        if self.created:
            self.stdout.write("Created: " + ", ".join(self.created))
        else:
            self.stdout.write("Site content already present; nothing changed.")

    def ensure_home(self, data):
        english = Locale.get_default()
        home = HomePage.objects.filter(locale=english).first()
        if home:
            return home
        self.remove_wagtail_welcome_page()
        home = HomePage(
            title=data["title"],
            slug=data["slug"],
            seo_title=data["seo_title"],
            search_description=data["search_description"],
            intro=data["intro"],
            locale=english,
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        self.created.append("Home page")
        return home

    def remove_wagtail_welcome_page(self):
        """Wagtail's installer leaves a "Welcome to your new Wagtail site!" page; remove
        it only while it is still that untouched, childless placeholder."""
        for page in Page.objects.filter(
            depth=2, content_type__app_label="wagtailcore", content_type__model="page"
        ):
            if page.is_leaf():
                Site.objects.filter(root_page=page).delete()
                page.delete()

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                site_name="INPUD",
                root_page=home,
                is_default_site=True,
            )
            self.created.append("default site")
