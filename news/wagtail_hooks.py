"""News types and topics in the admin (Snippets › News), translatable with wagtail-localize."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from news.items import NewsType, Topic


class NewsTypeViewSet(SnippetViewSet):
    model = NewsType
    icon = "tag"
    menu_label = "Types"
    list_display = ["name", "slug"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug"]


class NewsViewSetGroup(SnippetViewSetGroup):
    items = (NewsTypeViewSet, TopicViewSet)
    menu_icon = "info-circle"
    menu_label = "News types and topics"
    menu_name = "news-snippets"
    menu_order = 260


register_snippet(NewsViewSetGroup)
