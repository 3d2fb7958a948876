"""A snapshot of what wagtail-localize translates and syncs for each model.

When a field is added, this test fails until the snapshot is updated on purpose, so a
new field never starts syncing over translators' work (or escaping them) silently.
"""

from wagtail_localize.fields import get_translatable_fields

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

PAGE_FIELDS = {"title": "T", "slug": "T", "seo_title": "T", "search_description": "T"}
EXPECTED = {
    HomePage: {**PAGE_FIELDS, "intro": "T"},
    AboutPage: {
        **PAGE_FIELDS,
        "intro": "T",
        "body": "T",
        "vancouver_declaration": "S",
        "strategic_plan": "O",
    },
    AimsPage: {**PAGE_FIELDS, "intro": "T", "aims": "T"},
    PrinciplesPage: {**PAGE_FIELDS, "intro": "T", "principles": "T"},
    GovernancePage: {**PAGE_FIELDS, "body": "T", "articles_of_association": "O"},
    StandardPage: {**PAGE_FIELDS, "intro": "T", "body": "T"},
    Person: {"name": "T", "role": "T", "region": "T", "bio": "T", "photo": "O"},
    Footer: {"contact": "T", "social_links": "T", "legal_links": "T"},
}


def describe(model):
    """{field: T (translated) | S (synchronised) | O (synchronised, overridable per language)}"""
    described = {}
    for field in get_translatable_fields(model):
        if field.field_name in {"show_in_menus", "sort_order", "locale", "translation_key"}:
            continue
        if type(field).__name__ == "TranslatableField":
            described[field.field_name] = "T"
        else:
            described[field.field_name] = "O" if field.overridable else "S"
    return described


def test_translatable_fields_match_the_snapshot():
    for model, expected in EXPECTED.items():
        assert describe(model) == expected, model.__name__
