"""The library's first content, loaded by `manage.py load_site_content`.

Idempotent: each item is created only when missing (matched by slug or key), and nothing
an editor has changed since is overwritten. The two PDFs are generated placeholders whose
title says so, for editors to replace with INPUD's real files.
"""

import datetime

from django.core.files.base import ContentFile
from fpdf import FPDF
from wagtail.models import Locale

from documents.files import LibraryDocument
from documents.library_page import DocumentLibraryPage
from documents.publications import Category, Publication, PublicationFile, PublicationSeries

CATEGORIES = [
    ("Strategy", "strategy"),
    ("Governance", "governance"),
    ("Technical brief", "technical-brief"),
    ("Guide", "guide"),
    ("Statement", "statement"),
    ("Consensus statement", "consensus-statement"),
    ("Report", "report"),
]

SERIES = [
    ("strategic-plan", "INPUD Strategic Plan"),
    ("articles-of-association", "INPUD Articles of Association"),
]

PUBLICATIONS = [
    {
        "title": "INPUD Strategic Plan 2021-2024",
        "slug": "inpud-strategic-plan-2021-2024",
        "summary": "INPUD's strategy for 2021 to 2024: its priorities and how it works with "
        "its member networks.",
        "category": "strategy",
        "series": "strategic-plan",
        "version_label": "2021-2024",
        "publication_date": datetime.date(2021, 1, 1),
        "filename": "inpud-strategic-plan-2021-2024.pdf",
    },
    {
        "title": "INPUD Articles of Association",
        "slug": "inpud-articles-of-association",
        "summary": "The Articles of Association: how INPUD is constituted and governed.",
        "category": "governance",
        "series": "articles-of-association",
        "version_label": "",
        "publication_date": datetime.date(2020, 1, 1),
        "filename": "inpud-articles-of-association.pdf",
    },
]


def placeholder_pdf(title):
    """A one-page PDF that says it is a placeholder for `title`."""
    pdf = FPDF()
    pdf.set_title(f"PLACEHOLDER - {title}")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, "PLACEHOLDER - replace this file")
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 14)
    pdf.multi_cell(0, 8, title)
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        "This file was generated when the website was set up. Editors: replace it in the "
        "admin (Library > Publications) with INPUD's real document.",
    )
    return bytes(pdf.output())


def seed_library(home):
    """Create the library's categories, series, two publications and page; return a list
    of what was created, for the command's summary."""
    created = []
    english = Locale.get_default()

    categories = {}
    for name, slug in CATEGORIES:
        category, made = Category.objects.get_or_create(
            slug=slug, locale=english, defaults={"name": name}
        )
        categories[slug] = category
        if made:
            created.append(f"category {name}")

    series = {}
    for key, title in SERIES:
        item, made = PublicationSeries.objects.get_or_create(key=key, defaults={"title": title})
        series[key] = item
        if made:
            created.append(f"series {key}")

    for data in PUBLICATIONS:
        if Publication.objects.filter(slug=data["slug"]).exists():
            continue
        document = LibraryDocument(
            title=f"PLACEHOLDER - {data['title']} (replace this file)",
            language="en",
            file=ContentFile(placeholder_pdf(data["title"]), name=data["filename"]),
        )
        document._set_document_file_metadata()
        document.save()
        publication = Publication(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            category=categories[data["category"]],
            publication_date=data["publication_date"],
            series=series[data["series"]],
            version_label=data["version_label"],
            is_current_version=True,
        )
        publication.files = [PublicationFile(document=document)]
        publication.save_and_publish()  # live, with a first revision in its History
        created.append(f"publication {data['title']}")

    if not DocumentLibraryPage.objects.child_of(home).exists():
        library = DocumentLibraryPage(
            title="Resources",
            slug="resources",
            show_in_menus=True,
            intro="<p>INPUD's publications: strategy, governance, technical briefs, guides "
            "and statements, in every language they exist in.</p>",
            locale=home.locale,
        )
        home.add_child(instance=library)
        library.save_revision(log_action=True).publish()  # listed in History: see load_site_content
        created.append("Resources library page")
    return created
