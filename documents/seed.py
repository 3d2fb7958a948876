"""The library's first content, loaded by `manage.py load_site_content`.

Idempotent: each item is created only when missing (matched by slug or key), and nothing
an editor has changed since is overwritten. The two PDFs are generated placeholders whose
title says so, for editors to replace with INPUD's real files. The Strategic Plan's is
shaped like the real one (documents/seed_plan.py) and gets an online edition, drafted from
that PDF as the admin's button drafts one, then tidied as an editor would (its table made
a table) and published.
"""

import datetime

from django.core.files.base import ContentFile
from fpdf import FPDF
from wagtail.models import Locale

from documents.editions import draft_from_pdf
from documents.files import LibraryDocument
from documents.library_page import DocumentLibraryPage
from documents.publications import Category, Publication, PublicationFile, PublicationSeries
from documents.seed_plan import TABLE, strategic_plan_pdf

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
        "pdf": strategic_plan_pdf,
        "online_edition": True,
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
            file=ContentFile(
                data["pdf"]() if "pdf" in data else placeholder_pdf(data["title"]),
                name=data["filename"],
            ),
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
        if data.get("online_edition"):
            publish_online_edition(publication)
            created.append(f"online edition of {data['title']}")

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


def publish_online_edition(publication):
    """The publication's online edition, drafted from its PDF, tidied and published."""
    edition = draft_from_pdf(publication)
    body = [
        {"type": block.block_type, "value": block.block.get_prep_value(block.value)}
        for block in edition.body
    ]
    # The cover's lines repeat the title; the table came out as one paragraph of its cells.
    while body and body[0]["type"] == "paragraph":
        body.pop(0)
    cells = " ".join(" ".join(row) for row in TABLE)
    body = [table_block() if b["value"] == f"<p>{cells}</p>" else b for b in body]
    edition.body = body
    edition.save_revision().publish()
    return edition


def table_block():
    headings, *rows = TABLE
    return {
        "type": "table",
        "value": {
            "caption": "Indicators (placeholder)",
            "columns": [{"type": "text", "heading": heading} for heading in headings],
            "rows": [{"values": list(row)} for row in rows],
        },
    }
