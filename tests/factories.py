"""factory-boy factories for every model of the site."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils.text import slugify
from fpdf import FPDF
from wagtail.models import Locale, Page

from documents.models import (
    Category,
    DocumentLibraryPage,
    LibraryDocument,
    Publication,
    PublicationFile,
    PublicationSeries,
)
from pages.models import (
    AboutPage,
    AimsPage,
    Footer,
    GovernancePage,
    HomePage,
    Person,
    PrinciplesPage,
    StandardPage,
)


class PageFactory(factory.django.DjangoModelFactory):
    """Base for Wagtail pages: pass parent=<page> to place the page in the tree."""

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    live = True

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or Page.get_first_root_node()).add_child(instance=page)
        page.save_revision().publish()
        return page


class HomePageFactory(PageFactory):
    title = "International Network of People who Use Drugs"
    slug = "home"
    intro = "<p>INPUD is a global peer-based organisation.</p>"

    class Meta:
        model = HomePage


class AboutPageFactory(PageFactory):
    title = "Who we are"
    slug = "about"
    show_in_menus = True
    body = "<p>INPUD is a global peer-based organisation.</p>"

    class Meta:
        model = AboutPage


class AimsPageFactory(PageFactory):
    title = "Our aims"
    slug = "aims"
    aims = factory.LazyFunction(
        lambda: [("aim", "<p>First aim.</p>"), ("aim", "<p>Second aim.</p>")]
    )

    class Meta:
        model = AimsPage


class PrinciplesPageFactory(PageFactory):
    title = "Our principles"
    slug = "principles"
    principles = factory.LazyFunction(
        lambda: [("principle", "<p>Pro equality</p>"), ("principle", "<p>Anti-prohibitionist</p>")]
    )

    class Meta:
        model = PrinciplesPage


class GovernancePageFactory(PageFactory):
    title = "Governance"
    slug = "governance"
    body = "<p>How INPUD is governed.</p>"

    class Meta:
        model = GovernancePage


class StandardPageFactory(PageFactory):
    intro = "<p>A standard page.</p>"

    class Meta:
        model = StandardPage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    role = "Board member"
    region = "Europe"
    sort_order = factory.Sequence(int)
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Person


class FooterFactory(factory.django.DjangoModelFactory):
    contact = "<p>Contact INPUD.</p>"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Footer


PDF_CREATION_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def pdf_bytes(text="A test document", pages=1):
    """A real PDF with `text` on each of its `pages`: the same bytes for the same text
    (its creation date is fixed, or two calls a second apart would differ)."""
    pdf = FPDF()
    pdf.set_creation_date(PDF_CREATION_DATE)
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 12)
        pdf.multi_cell(0, 8, f"{text} (page {number + 1})")
    return bytes(pdf.output())


class LibraryDocumentFactory(factory.django.DjangoModelFactory):
    """A PDF in the library, with its facts computed as on upload. Pass content=bytes to
    store other content, pages=N for a longer PDF."""

    title = factory.Sequence(lambda n: f"Document {n}")
    language = "en"

    class Meta:
        model = LibraryDocument

    @classmethod
    def _create(cls, model_class, *args, content=None, pages=1, filename=None, **kwargs):
        document = model_class(*args, **kwargs)
        data = content if content is not None else pdf_bytes(document.title, pages)
        document.file = ContentFile(data, name=filename or f"{slugify(document.title)}.pdf")
        document._set_document_file_metadata()
        document.save()
        return document


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Category


class PublicationSeriesFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Series {n}")
    key = factory.LazyAttribute(lambda series: slugify(series.title))

    class Meta:
        model = PublicationSeries


class PublicationFactory(factory.django.DjangoModelFactory):
    """A publication; languages=["en", "fr"] gives it one generated PDF per language,
    documents=[...] lists documents that exist already instead."""

    title = factory.Sequence(lambda n: f"Publication {n}")
    slug = factory.LazyAttribute(lambda publication: slugify(publication.title))
    summary = "A summary of the publication."
    publication_date = datetime.date(2024, 1, 1)

    class Meta:
        model = Publication

    @classmethod
    def _create(cls, model_class, *args, languages=("en",), documents=None, **kwargs):
        publication = model_class(*args, **kwargs)
        if documents is None:
            documents = [
                LibraryDocumentFactory(title=f"{publication.title} ({language})", language=language)
                for language in languages
            ]
        publication.files = [PublicationFile(document=document) for document in documents]
        publication.save()
        return publication


class DocumentLibraryPageFactory(PageFactory):
    title = "Resources"
    slug = "resources"

    class Meta:
        model = DocumentLibraryPage
