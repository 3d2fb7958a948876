"""Take members-only text out of the publications' search index.

Until now a publication's index entry held the text of all its files, members-only ones
included. The publications that have a file in a restricted collection (or below one)
are indexed again, by the current rule (Publication.public_file_text). A database without
such publications (a new one above all) has nothing to do. (Documents indexed before
their text was, for the editors' search, need `manage.py update_index` once.)
"""

from django.db import migrations
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith


def reindex_publications_with_restricted_files(apps, schema_editor):
    PublicationFile = apps.get_model("documents", "PublicationFile")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    restricted = CollectionViewRestriction.objects.filter(
        StartsWith(OuterRef("document__collection__path"), F("collection__path"))
    )
    publication_ids = set(
        PublicationFile.objects.filter(Exists(restricted)).values_list("publication_id", flat=True)
    )
    if not publication_ids:
        return
    # The index is written from the models' search fields, which historical models lack:
    # the current model is used, reading only the columns its index needs (a later
    # migration may add others, not there yet when this one runs).
    from wagtail.search import index

    from documents.models import Publication
    from hosting import page_cache

    indexed = ("title", "summary", "publication_date")
    for publication in Publication.objects.filter(pk__in=publication_ids).only(*indexed):
        index.insert_or_update_object(publication)
    page_cache.invalidate()  # a stored search result may have found them by those words


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_document_help_text"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(reindex_publications_with_restricted_files, migrations.RunPython.noop)
    ]
