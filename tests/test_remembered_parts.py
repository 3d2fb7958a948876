"""Parts of a page remembered until the next published change (hosting/page_cache.py
`remembered`): the page an address routes to (hosting/page_routes.py), its navigation
(pages/navigation.py) and the publications the site search shows. Remembered or made
afresh, a visitor gets the same answer; a published change makes them afresh."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, Site

from hosting import page_cache
from hosting.page_cache import PublicPageCacheMiddleware
from hosting.page_routes import describe, rebuild
from tests.conftest import kept_for_the_module
from tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db

# Every kind of route: pages of the English tree, the library's own routes (a routable
# page), English pages under another language's prefix, and a translated page with a slug
# of its own reached by its English address.
ADDRESSES = [
    "/en/",
    "/en/about/",
    "/en/about/aims/",
    "/en/about/governance/",
    "/en/resources/",
    "/en/resources/publications/inpud-strategic-plan-2021-2024/",
    "/en/resources/publications/inpud-strategic-plan-2021-2024/read/",
    "/en/resources/publications/no-such-publication/",
    "/en/news/",
    "/fr/",
    "/fr/about/aims/",
    "/ru/resources/publications/inpud-strategic-plan-2021-2024/",
    "/fr/a-propos/",
    "/fr/about/",
    "/fr/a-propos/ressources/",
    # The French library (moved below À propos: one level deeper than the English one),
    # its views found on the English library, by the English addresses.
    "/fr/resources/",
    "/fr/resources/publications/inpud-strategic-plan-2021-2024/",
    "/fr/resources/publications/inpud-strategic-plan-2021-2024/read/",
]


@pytest.fixture(scope="module")
def site_for_the_module(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with kept_for_the_module(django_db_blocker, media):
        call_command("load_site_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
        about = Page.objects.get(url_path="/home/about/")
        fr = Locale.objects.get(language_code="fr")
        french = about.copy_for_translation(fr, copy_parents=True)
        french.title, french.slug = "À propos", "a-propos"
        french.save_revision().publish()
        library = Page.objects.get(url_path="/home/resources/")
        french_library = library.specific.copy_for_translation(fr)
        french_library.title, french_library.slug = "Ressources", "ressources"
        french_library.save_revision().publish()
        french_library.move(french, pos="last-child")
        yield media


@pytest.fixture
def site(site_for_the_module, settings):
    settings.MEDIA_ROOT = site_for_the_module


def wagtail_route(path):
    """What Wagtail's own routing finds for `path` (/<language>/<rest>), the Site it found
    it on, and the path its serve view is given (after the language prefix)."""
    language, rest = path[1:3], path[4:]
    request = RequestFactory().get(path)
    with translation.override(language):
        result = Page.route_for_request(request, rest)
    return result, Site.find_for_request(request), rest


def summary(result):
    """A route as visitors meet it: the page, and the sub-page view with its arguments."""
    page, args, kwargs = result
    view = args[0].__func__.__name__ if args else None
    bound_to = args[0].__self__.pk if args else None
    return (type(page), page.pk, view, bound_to, list(args[1:]), kwargs)


@pytest.mark.parametrize("path", ADDRESSES)
def test_a_remembered_route_leads_where_wagtails_routing_leads(site, path):
    routed, found_site, rest = wagtail_route(path)
    assert routed is not None  # control: Wagtail routes every address of the list

    described = describe(found_site, routed, rest)
    with translation.override(path[1:3]):
        rebuilt = rebuild(RequestFactory().get(path), described)

    assert summary(rebuilt) == summary(routed)


def render(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200
    return response, sum(1 for q in queries if "SAVEPOINT" not in q["sql"])


def test_a_page_routed_before_costs_fewer_queries_and_reads_the_same(client, site):
    """Searches of the library, which the page cache knows none of, after a first render
    filled what all pages share (as render_queries in tests/conftest.py)."""
    bypass = {page_cache.BYPASS_ENVIRON_KEY: True}
    render(client, "/en/resources/?q=vancouver", **bypass)
    _, first = render(client, "/en/resources/?q=strategic")
    second_page, second = render(client, "/en/resources/?q=plan")
    fresh_page, fresh = render(client, "/en/resources/?q=plan&year=2021", **bypass)

    assert second <= first - 5  # the site, its root, the page, its navigation
    assert fresh == first  # control: made afresh, nothing remembered is read
    assert "INPUD Strategic Plan" in second_page.content.decode()
    assert "INPUD Strategic Plan" in fresh_page.content.decode()


@pytest.mark.parametrize("path", ADDRESSES)
def test_an_address_visited_again_gets_the_same_answer(client, site, path):
    """The second visit finds the route remembered (as stored in the cache), the page
    cache's copy of the first being gone."""
    first = client.get(path)
    cache.delete(page_cache.cache_key(RequestFactory().get(path)))
    second = client.get(path)

    assert second.status_code == first.status_code
    assert second.content == first.content
    assert "X-Page-Cache" not in first or second["X-Page-Cache"] == "miss"


def test_what_is_made_afresh_is_not_remembered(client, site):
    """The static mirror's build (as previews) neither reads nor stores remembered parts."""
    bypass = {page_cache.BYPASS_ENVIRON_KEY: True}
    render(client, "/en/about/", **bypass)
    _, mirror_before = render(client, "/en/about/", **bypass)
    _, first_visit = render(client, "/en/about/")
    _, mirror_after = render(client, "/en/about/", **bypass)
    cache.delete(page_cache.cache_key(RequestFactory().get("/en/about/")))
    _, second_visit = render(client, "/en/about/")

    assert first_visit == mirror_before  # nothing left behind by the mirror's render
    assert mirror_after == mirror_before  # nor read from what the visitor's left
    assert second_visit < first_visit  # control: a visitor's render is remembered


def test_a_lost_generation_never_comes_back(db):
    """The file cache culls entries at random when full: the generation may go with them."""
    first = page_cache.generation()
    assert page_cache.generation() == first  # control: kept while nothing changes
    page_cache.invalidate()
    second = page_cache.generation()
    cache.delete(page_cache.GENERATION_KEY)

    assert page_cache.generation() not in (first, second)


def test_a_change_starts_a_new_generation_again_once_committed(
    db, django_capture_on_commit_callbacks
):
    """A visitor's render between the change and its commit reads the old data: what it
    stores under the first new generation is left behind by the second."""
    before = page_cache.generation()
    with django_capture_on_commit_callbacks() as on_commit:
        page_cache.invalidate()
    during = page_cache.generation()
    for callback in on_commit:
        callback()

    assert before != during != page_cache.generation()


def render_part(view_body, path="/en/"):
    """Run `view_body(request)` as a visitor's view, inside the page cache's middleware."""

    def view(request):
        return HttpResponse(view_body(request), content_type="text/plain")

    return PublicPageCacheMiddleware(view)(RequestFactory().get(path)).content.decode()


@pytest.mark.parametrize("change_lands_meanwhile", [False, True])
def test_a_part_made_while_a_change_lands_is_kept_under_the_generation_it_began_with(
    db, change_lands_meanwhile
):
    """What a render read before a change committed is never kept as if made after it:
    the render's parts are stored under the generation its request began with."""

    def first_visit(request):
        if change_lands_meanwhile:  # another editor's change commits during this render
            page_cache.invalidate()
        return page_cache.remembered(request, "test-part", ["x"], lambda: "read before")

    assert render_part(first_visit) == "read before"
    second = render_part(
        lambda request: page_cache.remembered(request, "test-part", ["x"], lambda: "afresh")
    )

    assert second == ("afresh" if change_lands_meanwhile else "read before")


def test_a_live_alias_starts_a_new_generation(about_tree):
    """wagtail-localize makes live aliases (a translation's parents) without publishing."""
    before = page_cache.generation()
    assert page_cache.generation() == before  # control
    about_tree["aims"].create_alias(parent=about_tree["home"], update_slug="aims-again")

    assert page_cache.generation() != before


def test_a_published_change_changes_routes_and_navigation(client, about_tree):
    governance, about = about_tree["governance"], about_tree["about"]
    assert client.get("/en/about/governance/").status_code == 200
    assert "INPUD today" not in client.get("/en/about/aims/").content.decode()

    about.title = "INPUD today"
    about.save_revision().publish()
    governance.unpublish()

    assert client.get("/en/about/governance/").status_code == 404
    aims = client.get("/en/about/aims/").content.decode()
    # The menu and the breadcrumb: the page's navigation is made again.
    assert len(re.findall(r'href="/en/about/"[^>]*>INPUD today</a>', aims)) == 2
    assert 'href="/en/about/governance/"' not in aims


def test_the_site_search_shows_a_publication_as_last_published(client, home):
    from tests.factories import DocumentLibraryPageFactory

    DocumentLibraryPageFactory(parent=home)
    brief = PublicationFactory(title="Naloxone brief", summary="First summary")
    assert "First summary" in client.get("/en/search/?q=naloxone").content.decode()
    assert "First summary" in client.get("/en/search/?q=naloxone+brief").content.decode()

    brief.summary = "Second summary"
    brief.save_revision().publish()
    html = client.get("/en/search/?q=brief+naloxone").content.decode()

    assert "Second summary" in html and "First summary" not in html
