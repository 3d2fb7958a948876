"""Translators may edit and publish each translated language's tree, and nothing else.

wagtail-localize creates a language's home page (as a translation, or as an alias when
a deeper page is translated first) the first time something is translated into it; that
is when the Translators group gets its page permissions on that tree.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Locale, Page

from pages import i18n

TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_translators(home):
    translators = Group.objects.filter(name="Translators").first()
    if translators is None:
        return
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=translators,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


@receiver(post_save)
def grant_translators_on_new_language_home(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale.language_code != i18n.default_language():
        grant_translators(instance)


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def forget_cached_locales(**kwargs):
    i18n.forget_locales()
