"""One translators' group per translated language, with page rights on that language's
tree only, beside the Translators group for every language (pages/groups.py)."""

from django.db import migrations

from pages.groups import set_up_translator_groups, translated_languages, translators_group_name


def create_groups(apps, schema_editor):
    set_up_translator_groups(apps)


def remove_groups(apps, schema_editor):
    names = [translators_group_name(code) for code in translated_languages()]
    apps.get_model("auth", "Group").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_editors_and_moderators"),
        ("documents", "0005_index_only_public_file_text"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
