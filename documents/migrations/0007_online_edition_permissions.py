"""Who may work on online editions: Editors write and save drafts, Moderators also publish
and delete, translators save their translations (a moderator publishes them: snippet rights
are per model, not per language, so a translator who could publish could publish English).
Translators' groups that a later migration makes (pages/0007 on a new database) get their
right from pages/groups.py's TRANSLATOR_PERMISSIONS."""

from django.db import migrations

RIGHTS = {
    "Editors": ["add", "change"],
    "Moderators": ["add", "change", "publish", "delete"],
    "Translators": ["change"],
    "Translators (French)": ["change"],
    "Translators (Spanish)": ["change"],
    "Translators (Russian)": ["change"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="documents", model="onlineedition")
    for group in Group.objects.filter(name__in=RIGHTS):
        for action in RIGHTS[group.name]:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_onlineedition",
                defaults={"name": f"Can {action} online edition"},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="documents", codename__endswith="_onlineedition"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0006_onlineedition"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
