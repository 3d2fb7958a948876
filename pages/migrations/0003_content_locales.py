"""One Wagtail Locale per content language (English exists already)."""

from django.db import migrations

LANGUAGES = ["en", "fr", "es", "ru"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_aimspage_principlespage_standardpage_aboutpage_and_more"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
