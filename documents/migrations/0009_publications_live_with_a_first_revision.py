"""Every publication that existed before moderation stays live, with a first revision.

Until now a saved publication was public at once; from now on the row is the published
version and drafts are revisions (documents/publications.py). Each existing publication
is kept live (0006 added `live` as True) and gets the revision Wagtail would have made
when publishing it: its fields and language files, as the live and latest revision, so
its History starts there and an editor's first draft can be compared with it.

Backwards: the revisions are deleted. Refused while a publication is a draft that was
never published: without moderation it would become public.
"""

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields


def content_of(publication, PublicationFile):
    """What Publication.serializable_data() gives (modelcluster): the fields, then the
    language files. Built here because historical models are not ClusterableModels."""
    content = get_serializable_data_for_fields(publication)
    files = PublicationFile.objects.filter(publication=publication).order_by("sort_order", "pk")
    content["files"] = [get_serializable_data_for_fields(file) for file in files]
    return content


def give_first_revisions(apps, schema_editor):
    Publication = apps.get_model("documents", "Publication")
    PublicationFile = apps.get_model("documents", "PublicationFile")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    publication_type, _ = ContentType.objects.get_or_create(
        app_label="documents", model="publication"
    )
    now = timezone.now()
    for publication in Publication.objects.filter(latest_revision__isnull=True).order_by("pk"):
        publication.live = True
        publication.has_unpublished_changes = False
        publication.first_published_at = publication.first_published_at or now
        publication.last_published_at = now
        revision = Revision.objects.create(
            content_type=publication_type,
            base_content_type=publication_type,
            object_id=str(publication.pk),
            created_at=now,
            content=content_of(publication, PublicationFile),
            object_str=publication.title,
        )
        publication.latest_revision = revision
        publication.live_revision = revision
        publication.save(
            update_fields=[
                "live",
                "has_unpublished_changes",
                "first_published_at",
                "last_published_at",
                "latest_revision",
                "live_revision",
            ]
        )


def remove_revisions(apps, schema_editor):
    Publication = apps.get_model("documents", "Publication")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    drafts = Publication.objects.filter(live=False)
    if drafts.exists():
        titles = ", ".join(drafts.values_list("title", flat=True)[:5])
        raise RuntimeError(
            f"Publications never published ({titles}): publish or delete them first, "
            "or they would become public without moderation."
        )
    Publication.objects.update(latest_revision=None, live_revision=None)
    publication_type = ContentType.objects.filter(app_label="documents", model="publication")
    Revision.objects.filter(base_content_type__in=publication_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0008_publication_moderation"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(give_first_revisions, remove_revisions)]
