"""Online editions go through the pages' moderation workflow, as publications do: Editors
may also lock them, Moderators unlock them (pages/groups.py says what and why)."""

from django.db import migrations

from pages.groups import set_up_editorial_groups


def grant(apps, schema_editor):
    set_up_editorial_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0009_site_identity"),
        ("documents", "0010_online_edition_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
