"""Publications go through the pages' moderation workflow: Moderators get the right to
publish them and manage series and categories, Editors keep drafting and submitting
(pages/groups.py says what and why)."""

from django.db import migrations

from pages.groups import set_up_editorial_groups


def grant(apps, schema_editor):
    set_up_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0007_translators_per_language"),
        ("documents", "0009_publications_live_with_a_first_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
