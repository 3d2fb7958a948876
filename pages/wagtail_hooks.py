from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hosting import query_rules
from hosting.page_cache import generation
from pages.content_checker import use_site_content_checker
from pages.dashboard import add_needs_attention_panel
from pages.snippets import Footer, Person
from pages.translation_status import can_see_status, translation_status
from pages.translation_sync import UpdateTranslationsView


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["name", "role", "region"]
    search_fields = ["name", "role", "region"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "list-ul"
    menu_label = "Footer"


register_snippet(PersonViewSet)
register_snippet(FooterViewSet)


@hooks.register("register_admin_urls")
def translation_status_urls():
    return [path("translation-status/", translation_status, name="translation_status")]


# Before wagtail-localize's own address for the same screen (hooks run in this order).
@hooks.register("register_admin_urls", order=-1)
def translation_sync_urls():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="update_translations_moderated",
        )
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_status(request.user)


@hooks.register("register_admin_menu_item")
def translation_status_menu_item():
    return TranslationStatusMenuItem(
        "Translation status", reverse("translation_status"), icon_name="globe", order=250
    )


hooks.register("construct_wagtail_userbar", use_site_content_checker)
hooks.register("construct_homepage_panels", add_needs_attention_panel)


@hooks.register("before_serve_page")
def record_query_parameters(page, request, serve_args, serve_kwargs):
    """The page cache keys this address on the parameters its page type reads only."""
    query_rules.remember(request, generation(), getattr(page, "query_parameters", ()))
