from django.db import migrations

from news.groups import grant_news_permissions


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial"), ("pages", "0006_editors_and_moderators")]

    operations = [
        migrations.RunPython(lambda apps, schema: grant_news_permissions(apps), migrations.RunPython.noop)
    ]
