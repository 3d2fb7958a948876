"""factory-boy factories for every model of the site."""

import factory
from django.utils.text import slugify
from wagtail.models import Page

from pages.models import HomePage


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
