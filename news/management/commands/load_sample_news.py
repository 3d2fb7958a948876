"""Sample news for development and the audit only: `manage.py load_sample_news`.

Never run by `make run`, `prepare_database` or production. Every item says it is sample
data, so none can pass for INPUD's real news if it is ever loaded by mistake."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from news.index_page import NewsIndexPage
from news.items import NewsItemPage, NewsType, Topic

SAMPLES = [
    ("sample-joint-statement", "statement", "Sample joint statement (not real news)"),
    ("sample-news-item", "news", "Sample news item (not real news)"),
    ("sample-call", "call", "Sample call for applications (not real news)"),
]


class Command(BaseCommand):
    help = "Add three clearly labelled sample news items (development and audit only)."

    @transaction.atomic
    def handle(self, *args, **options):
        section = NewsIndexPage.objects.filter(locale=Locale.get_default()).first()
        if section is None:
            self.stderr.write("No news section: run prepare_database first.")
            return
        topic, _ = Topic.objects.get_or_create(
            slug="sample-topic", locale=section.locale, defaults={"name": "Sample topic"}
        )
        for number, (slug, type_slug, title) in enumerate(SAMPLES):
            if NewsItemPage.objects.filter(slug=slug).exists():
                continue
            item = NewsItemPage(
                title=title,
                slug=slug,
                date=datetime.date(2026, 1, 1 + number),
                news_type=NewsType.objects.filter(slug=type_slug).first(),
                summary="Sample text to try the news pages. It is not INPUD's news.",
                body=[
                    ("heading", "A sample heading"),
                    ("paragraph", "<p>Sample paragraph.</p>"),
                    ("quote", {"quote": "A sample quote.", "attribution": "Sample"}),
                    ("cosignatories", {"heading": "", "organisations": ["Sample network"]}),
                ],
            )
            section.add_child(instance=item)
            item.topics.set([topic])
            item.save_revision().publish()
        self.stdout.write("Sample news loaded.")
