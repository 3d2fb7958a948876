"""The news section's models, where Django looks for them.

Items, their types and topics live in news/items.py, the section page in
news/index_page.py (it lists items through news.listing, which reads the items). This
module only gathers them: nothing in the app imports it, so there is no import cycle.
"""

from news.index_page import NewsIndexPage
from news.items import NamedSnippet, NewsItemPage, NewsType, Topic

__all__ = ["NewsIndexPage", "NamedSnippet", "NewsType", "Topic", "NewsItemPage"]
