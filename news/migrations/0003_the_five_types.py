"""The five types INPUD's communications staff publish, in the default language, for
editors to rename, translate or extend (Snippets › News types and topics)."""

import uuid

from django.conf import settings
from django.db import migrations

TYPES = [
    ("news", "News"),
    ("statement", "Statement"),
    ("response", "Response or letter"),
    ("call", "Call"),
    ("event", "Event announcement"),
]


def add_types(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    NewsType = apps.get_model("news", "NewsType")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is None or NewsType.objects.exists():
        return
    for slug, name in TYPES:
        NewsType.objects.create(name=name, slug=slug, locale=locale, translation_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("news", "0002_editorial_permissions"), ("wagtailcore", "0094_alter_page_locale")]

    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
