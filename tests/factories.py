"""factory-boy factories for every model of the site."""

import factory
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.models import Locale, Page

from documents.models import LibraryDocument
from documents.placeholders import placeholder_pdf
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


class LibraryDocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda doc: ContentFile(placeholder_pdf(doc.title), name=f"{slugify(doc.title)}.pdf")
    )

    class Meta:
        model = LibraryDocument
        skip_postgeneration_save = True

    @factory.post_generation
    def file_facts(document, create, extracted, **kwargs):
        document._set_document_file_metadata()
        if create:
            document.save()


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
