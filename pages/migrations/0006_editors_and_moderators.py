"""Editors and Moderators get exactly what they need; the whole site is moderated
(pages/groups.py says what and why)."""

from django.db import migrations

from pages.groups import set_up_editorial_groups


def grant(apps, schema_editor):
    set_up_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_link_to_permalinks"),
        ("documents", "0003_publication_newest_first_index"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
