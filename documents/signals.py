"""The publications' search index follows who may see each file.

A publication's index entry holds the titles and text of its public files only
(documents/publications.py). Whatever changes which of its files are public, or what they say,
indexes the publications concerned again: a document saved (moved to another collection,
retitled, its file replaced), a collection view restriction added, changed or removed, a
collection moved or renamed, a language file deleted with its document; a category
renamed or translated (publications are found by their category's names). Publishing a
publication indexes it (Publication.on_published); saving a draft changes nothing visitors
read: the public search reads live publications only (documents/queries.py).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.search import index
from wagtail.signals import published

from documents.files import LibraryDocument
from documents.publications import Category, Publication, PublicationFile


def reindex(publications):
    for publication in publications:
        index.insert_or_update_object(publication)


def publications_with_files_under(collection_id):
    """Publications with a file in the collection `collection_id` or in one below it."""
    path = Collection.objects.filter(pk=collection_id).values_list("path", flat=True).first()
    if path is None:
        return Publication.objects.none()
    return Publication.objects.filter(files__document__collection__path__startswith=path).distinct()


@receiver(post_save, sender=LibraryDocument, dispatch_uid="reindex-publications-of-document")
def reindex_publications_of_document(instance, raw=False, **kwargs):
    if not raw:
        reindex(Publication.objects.filter(files__document=instance).distinct())


@receiver(post_delete, sender=PublicationFile, dispatch_uid="reindex-publication-of-deleted-file")
def reindex_publication_of_deleted_file(instance, origin=None, **kwargs):
    # Its publication saves (and indexes) itself when an editor removes a file; a file
    # also goes when its document is deleted, and then nothing else tells the index.
    if isinstance(origin, LibraryDocument):
        reindex(Publication.objects.filter(pk=instance.publication_id))


@receiver(post_save, sender=CollectionViewRestriction, dispatch_uid="reindex-on-restriction")
@receiver(post_delete, sender=CollectionViewRestriction, dispatch_uid="reindex-on-unrestriction")
def reindex_publications_under_restriction(instance, raw=False, **kwargs):
    # A restriction stays with its collection: the admin sets privacy per collection.
    if not raw:
        reindex(publications_with_files_under(instance.collection_id))


@receiver(post_save, sender=Collection, dispatch_uid="reindex-on-collection-move")
def reindex_publications_in_moved_collection(instance, raw=False, **kwargs):
    # The admin's collection form saves the collection, then moves it (treebeard's move
    # sends no signal): its new place is known once the request's transaction commits.
    if not raw:
        collection_id = instance.pk
        transaction.on_commit(lambda: reindex(publications_with_files_under(collection_id)))


@receiver(post_save, sender=Category, dispatch_uid="reindex-publications-of-category")
def reindex_publications_of_category(instance, raw=False, **kwargs):
    # A category renamed or translated: its publications are found by its names.
    if not raw:
        same = Category.objects.filter(translation_key=instance.translation_key)
        reindex(Publication.objects.filter(category__in=same))


@receiver(published, sender=Publication, dispatch_uid="publication-published")
def apply_publication_published(instance, **kwargs):
    # Wagtail also sends `published` when it schedules a first version for later (the
    # object is then saved, not live): the effects wait for the real publishing.
    if instance.live:
        instance.on_published()
