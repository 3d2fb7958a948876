"""Editors and Moderators may add and change news types and topics; news items are pages,
covered by the page rights and the moderation workflow of pages/groups.py."""

from pages.groups import permission

NEWS_PERMISSIONS = [
    ("news", "newstype", "add_newstype"),
    ("news", "newstype", "change_newstype"),
    ("news", "topic", "add_topic"),
    ("news", "topic", "change_topic"),
]


def grant_news_permissions(apps):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        for app_label, model, codename in NEWS_PERMISSIONS:
            group.permissions.add(permission(apps, app_label, model, codename))
