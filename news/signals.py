"""The news section is part of INPUD's first content: a new site gets an empty one."""

from django.dispatch import receiver

from news.index_page import NewsIndexPage
from pages.signals import site_content_loaded


@receiver(site_content_loaded)
def add_news_section(sender, home, **kwargs):
    section = NewsIndexPage(
        title="News and statements",
        slug="news",
        show_in_menus=True,
        # What search engines and link previews show for the section (editors can change it).
        search_description=(
            "News, statements, responses and letters from INPUD, the International Network "
            "of People who Use Drugs."
        ),
    )
    home.add_child(instance=section)
    section.save_revision(log_action=True).publish()
