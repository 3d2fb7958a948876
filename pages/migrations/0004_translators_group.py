"""The Translators group: translate pages and snippets, never publish or delete English.

Page permissions on each translated language's tree are granted when that tree's home
page appears (pages/signals.py); this migration creates the group and its model-level
permissions.
"""

from django.db import migrations

TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    ("wagtaildocs", "document", "choose_document"),
    ("documents", "librarydocument", "choose_document"),
    ("wagtailimages", "image", "choose_image"),
    ("pages", "person", "change_person"),
    ("pages", "footer", "change_footer"),
]


def create_translators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    translators, _ = Group.objects.get_or_create(name="Translators")
    for app_label, model, codename in TRANSLATOR_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        translators.permissions.add(permission)


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Translators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_content_locales"),
        ("documents", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
