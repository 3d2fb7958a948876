from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from contact.models import MemberNetwork


class MemberNetworkViewSet(SnippetViewSet):
    model = MemberNetwork
    icon = "group"
    menu_label = "Member networks"
    list_display = ["name", "region", "country", "agreed_to_be_listed"]
    list_filter = ["region", "agreed_to_be_listed"]
    add_to_admin_menu = True
    menu_order = 270


register_snippet(MemberNetworkViewSet)
