import pytest
from wagtail.models import Locale

from tests.factories import NewsIndexPageFactory, TopicFactory, news_type


@pytest.fixture
def news(home):
    """The news section with the five types editors start with and two topics."""
    for code in ("fr", "es", "ru"):
        Locale.objects.get_or_create(language_code=code)
    types = {
        slug: news_type(slug, name)
        for slug, name in [
            ("news", "News"),
            ("statement", "Statement"),
            ("response", "Response or letter"),
            ("call", "Call"),
            ("event", "Event announcement"),
        ]
    }
    topics = {
        "harm-reduction": TopicFactory(name="Harm reduction", slug="harm-reduction"),
        "ukraine": TopicFactory(name="Ukraine", slug="ukraine"),
    }
    return {
        "home": home,
        "index": NewsIndexPageFactory(parent=home),
        "types": types,
        "topics": topics,
    }
