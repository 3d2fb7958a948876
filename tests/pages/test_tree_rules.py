"""Page type rules keep editors from building a broken tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from contact.models import ContactPage, MemberNetworksPage
from documents.models import DocumentLibraryPage
from news.models import NewsIndexPage
from pages.models import (
    AboutPage,
    AimsPage,
    GovernancePage,
    HomePage,
    PrinciplesPage,
    StandardPage,
)
from tests.factories import AboutPageFactory, AimsPageFactory, HomePageFactory


def addable_children(parent):
    """The page types an editor can add under a page at its usual depth (Wagtail's own
    base Page is never creatable; the library also checks its parent's depth)."""
    return {
        model
        for model in type(parent).allowed_subpage_models()
        if model.is_creatable and model.can_exist_under(parent)
    }


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_holds_about_standard_pages_the_library_and_the_news(self):
        self.assertEqual(
            addable_children(HomePage(depth=2)),
            {
                AboutPage,
                StandardPage,
                DocumentLibraryPage,
                NewsIndexPage,
                ContactPage,
                MemberNetworksPage,
            },
        )

    def test_about_holds_aims_principles_governance_and_standard_pages(self):
        self.assertEqual(
            addable_children(AboutPage(depth=3)),
            {AimsPage, PrinciplesPage, GovernancePage, StandardPage, MemberNetworksPage},
        )

    def test_aims_principles_and_governance_only_live_under_about(self):
        for page_type in (AimsPage, PrinciplesPage, GovernancePage):
            self.assertAllowedParentPageTypes(page_type, {AboutPage})
            self.assertAllowedSubpageTypes(page_type, set())

    def test_home_pages_sit_at_the_top_of_the_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_one_about_page_per_home_and_one_aims_page_per_about(self):
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="another-home")
        self.assertTrue(AboutPage.can_create_at(home))
        about = AboutPageFactory(parent=home)
        self.assertFalse(AboutPage.can_create_at(home))

        self.assertTrue(AimsPage.can_create_at(about))
        AimsPageFactory(parent=about)
        self.assertFalse(AimsPage.can_create_at(about))
        self.assertTrue(PrinciplesPage.can_create_at(about))
        self.assertTrue(StandardPage.can_create_at(about))

    def test_every_page_type_describes_itself_for_the_type_chooser(self):
        for page_type in (HomePage, AboutPage, AimsPage, PrinciplesPage, GovernancePage):
            self.assertTrue(page_type.get_page_description())
        self.assertTrue(StandardPage.get_page_description())

    def test_the_library_lives_under_a_language_home_only(self):
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="library-home")
        about = AboutPageFactory(parent=home)
        self.assertTrue(DocumentLibraryPage.can_create_at(home))
        self.assertFalse(DocumentLibraryPage.can_create_at(Page.get_first_root_node()))
        self.assertFalse(DocumentLibraryPage.can_create_at(about))
