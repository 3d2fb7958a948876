"""What happens when editors save: translators' permissions, cached locales, board photos.

Translators may edit and publish each translated language's tree, and nothing else.
wagtail-localize creates a language's home page (as a translation, or as an alias when
a deeper page is translated first) the first time something is translated into it; that
is when the Translators group gets its page permissions on that tree.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from wagtail.images.models import Filter
from wagtail.models import GroupPagePermission, Locale, Page

from pages import i18n
from pages.snippets import BOARD_PHOTO_FILTERS, Person

# Sent by load_site_content once it has made a new site's pages (with home=<English home>):
# content apps above pages (news) add their own first pages without pages importing them.
site_content_loaded = Signal()

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


def make_board_photo_renditions(image):
    image.get_renditions(*Filter.expand_spec(BOARD_PHOTO_FILTERS))


# After the editor's change is committed (Wagtail's image form deletes the old renditions
# after saving a new file), and robust: should it fail, the page still makes them itself.
@receiver(post_save, sender=Person)
def make_renditions_for_a_saved_person(sender, instance, raw=False, **kwargs):
    if not raw and instance.photo_id is not None:
        photo = instance.photo
        transaction.on_commit(lambda: make_board_photo_renditions(photo), robust=True)


@receiver(post_save, sender="wagtailimages.Image")
def make_renditions_for_a_changed_photo(sender, instance, raw=False, **kwargs):
    if not raw and Person.objects.filter(photo=instance).exists():
        transaction.on_commit(lambda: make_board_photo_renditions(instance), robust=True)
