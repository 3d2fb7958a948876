"""What happens when editors save: translators' permissions, board photos.

Translators may edit and publish their language's tree, and nothing else.
wagtail-localize creates a language's home page (as a translation, or as an alias when
a deeper page is translated first) the first time something is translated into it; that
is when that language's translators' group, and the group for every language, get their
page permissions on that tree (pages/groups.py).
"""

from django.apps import apps as django_apps
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver
from wagtail.images.models import Filter
from wagtail.models import Page

from pages.groups import grant_translators
from pages.snippets import BOARD_PHOTO_FILTERS, Person
from sitewide import languages

# Sent by load_site_content once it has made a new site's pages (with home=<English home>):
# content apps above pages (news) add their own first pages without pages importing them.
site_content_loaded = Signal()


@receiver(post_save)
def grant_translators_on_new_language_home(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale.language_code != languages.default_language():
        grant_translators(django_apps, instance)


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
