"""The people who use the site, in a real browser: editors and moderators in the admin,
translators in wagtail-localize's editor, visitors on a phone. Each journey clicks what a
person would click and checks what the public then sees; screenshots go to artifacts/e2e/."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from documents.models import Publication
from documents.pdf_cleaning import clean_pdf
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_admin_csp import RECORD_VIOLATIONS
from tests.factories import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}


def test_editor_changes_the_aims_and_a_moderator_approves_them(
    page, browser, live_server, loaded_site
):
    from pages.models import AimsPage

    aims = AimsPage.objects.get(locale__language_code="en")
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/{aims.pk}/edit/")

    first_aim = page.locator("[data-contentpath='aims'] .public-DraftEditor-content").first
    first_aim.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("To advocate, everywhere, for the rights of people who use drugs.")
    page.locator("[data-contentpath='aims'] button[title='Insert a block']").last.click()
    eighth = page.locator("[data-contentpath='aims'] .public-DraftEditor-content").nth(7)
    eighth.click()
    page.keyboard.type("To end the war on drugs.")
    # Draftail copies what was typed into its (hidden) form field a moment later.
    expect(
        page.locator(
            "[data-contentpath='aims'] input[type=hidden][value*='To end the war on drugs.']"
        )
    ).to_be_attached()
    screenshot(page, "1-editor-edits-aims")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("has been submitted for moderation").is_visible()
    screenshot(page, "1-editor-submitted")
    assert (
        "To end the war on drugs."
        not in page.context.request.get(f"{live_server.url}/en/about/aims/").text()
    )

    moderator = browser.new_page()
    log_in(moderator, live_server, "moderator")
    screenshot(moderator, "1-moderator-dashboard")
    moderator.goto(f"{live_server.url}/admin/pages/{aims.pk}/edit/")
    moderator.get_by_role("button", name="More actions").click()
    screenshot(moderator, "1-moderator-reviews")
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    moderator.wait_for_load_state("networkidle")
    screenshot(moderator, "1-moderator-approved")

    moderator.goto(f"{live_server.url}/en/about/aims/")
    screenshot(moderator, "1-public-aims")
    items = moderator.locator("ol.numbered-list > li").all_inner_texts()
    assert len(items) == 8
    assert items[0] == "To advocate, everywhere, for the rights of people who use drugs."
    assert items[7] == "To end the war on drugs."
    moderator.close()


def upload_in_document_chooser(editor, title, filename, content, language):
    """Choose a document (the only empty chooser on the form) by uploading it in the
    chooser's Upload tab, as an editor does for a file that is not in the admin yet."""
    editor.get_by_role("button", name="Choose a document").click()
    chooser = editor.locator(".modal-dialog")
    chooser.wait_for(state="visible")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.get_by_label("File").set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": content}
    )
    chooser.get_by_label("Title").fill(title)  # after the file: Wagtail fills it from the name
    chooser.get_by_label("Language").select_option(label=language)
    screenshot(editor, f"2-editor-uploads-{language.lower()}")
    chooser.get_by_role("button", name="Upload").click()
    chooser.wait_for(state="detached")


def test_editor_submits_and_a_moderator_publishes_the_new_strategic_plan(
    page, browser, live_server, loaded_site
):
    english = pdf_bytes("INPUD Strategic Plan 2025-2028", pages=2)
    french = pdf_bytes("Plan stratégique d'INPUD 2025-2028", pages=2)
    visitor = browser.new_context()
    before = visitor.request.get(f"{live_server.url}/en/resources/strategic-plan/")
    assert 'filename="inpud-strategic-plan-2021-2024.pdf"' in before.headers["content-disposition"]
    library = visitor.new_page()
    library.goto(f"{live_server.url}/en/resources/")  # a visitor's view, now in the page cache

    # Publications are moderated: the Editor submits, a Moderator publishes.
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/snippets/documents/publication/")
    page.get_by_role("link", name="Add publication").click()
    page.wait_for_url("**/publication/add/")
    page.get_by_role("textbox", name="Title").fill("INPUD Strategic Plan 2025-2028")
    page.get_by_role("textbox", name="Slug").fill("inpud-strategic-plan-2025-2028")
    page.get_by_role("textbox", name="Summary").fill(
        "INPUD's strategy for 2025 to 2028: its priorities and how it works with its members."
    )
    page.get_by_role("button", name="Choose library category").click()
    category_chooser = page.locator(".modal-dialog")
    category_chooser.get_by_role("link", name="Strategy").click()
    category_chooser.wait_for(state="detached")
    page.get_by_role("textbox", name="Publication date").fill("2025-01-15")
    # The date picker's layer may catch a click meant for the next button (as in
    # test_news_journey): the editor opens the series chooser with the keyboard.
    page.get_by_role("button", name="Choose publication series").press("Enter")
    series_chooser = page.locator(".modal-dialog")
    series_chooser.get_by_role("link", name="INPUD Strategic Plan").click()
    series_chooser.wait_for(state="detached")
    page.get_by_role("textbox", name="Version label").fill("2025-2028")
    page.get_by_role("checkbox", name="Is current version").check()
    upload_in_document_chooser(
        page,
        "INPUD Strategic Plan 2025-2028",
        "inpud-strategic-plan-2025-2028.pdf",
        english,
        "English",
    )
    page.get_by_role("button", name="Add file").click()
    upload_in_document_chooser(
        page,
        "Plan stratégique d'INPUD 2025-2028",
        "inpud-plan-strategique-2025-2028.pdf",
        french,
        "French",
    )
    screenshot(page, "2-editor-fills-in-the-plan")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.wait_for_load_state("networkidle")
    # Either wording: "has been" is Wagtail's when the draft existed before (autosave on).
    message = page.get_by_text(re.compile("(created and|has been) submitted for moderation"))
    refused = page.locator(".error-message, .help-critical")
    message.or_(refused.first).wait_for()  # the listing the admin redirects to, or the form
    screenshot(page, "2-editor-submitted")
    assert message.is_visible(), f"the form was refused: {refused.all_inner_texts()}"
    waiting = visitor.request.get(f"{live_server.url}/en/resources/strategic-plan/")
    assert 'filename="inpud-strategic-plan-2021-2024.pdf"' in waiting.headers["content-disposition"]

    submitted = Publication.objects.get(slug="inpud-strategic-plan-2025-2028")
    moderator = browser.new_page()
    log_in(moderator, live_server, "moderator")
    moderator.goto(f"{live_server.url}/admin/snippets/documents/publication/edit/{submitted.pk}/")
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    moderator.wait_for_load_state("networkidle")
    published = moderator.get_by_text("approved and published")
    refused = moderator.locator(".error-message, .help-critical")
    published.or_(refused.first).wait_for()
    assert published.is_visible(), f"the approval was refused: {refused.all_inner_texts()}"
    screenshot(moderator, "2-moderator-published")

    for language, expected, filename in [
        ("en", english, "inpud-strategic-plan-2025-2028.pdf"),
        ("fr", french, "inpud-plan-strategique-2025-2028.pdf"),
    ]:
        served = visitor.request.get(f"{live_server.url}/{language}/resources/strategic-plan/")
        assert served.status == 200
        assert served.headers["content-type"] == "application/pdf"
        assert f'filename="{filename}"' in served.headers["content-disposition"]
        assert served.body() == clean_pdf(expected)  # as the upload gate stored it

    library.reload()
    screenshot(library, "2-public-library")
    entries = library.locator("li.publication")
    new_plan = entries.filter(has_text="INPUD Strategic Plan 2025-2028")
    old_plan = entries.filter(has_text="INPUD Strategic Plan 2021-2024")
    assert new_plan.locator(".status").inner_text() == "Current version"
    assert old_plan.locator(".status").inner_text() == "Superseded"
    visitor.close()


def translate_segment(panel, source_text, translation, exact=False):
    """In wagtail-localize's editor: the segment whose English text is (or starts with)
    source_text; click Translate, type the translation, Save, and wait for it to be saved."""
    segment = panel.get_by_text(source_text, exact=exact).locator("..")
    segment.get_by_role("button", name="Translate").click()
    segment.get_by_role("textbox").fill(translation)
    with panel.page.expect_response(
        lambda response: "/strings/" in response.url and response.request.method == "PUT"
    ) as saved:
        segment.get_by_role("button", name="Save").click()
    assert saved.value.ok


SPANISH_ABOUT_BODY = [
    (
        "The International Network of People who Use Drugs (INPUD) is a global",
        "La Red Internacional de Personas que Usan Drogas (INPUD) es una organización "
        "mundial de pares que promueve la salud y defiende los derechos de las personas "
        "que usan drogas.",
    ),
    (
        "INPUD is a movement of people who use drugs",
        "INPUD es un movimiento de personas que usan o han usado drogas y que apoyan la "
        "Declaración de Vancouver.",
    ),
]


def test_a_translator_translates_about_into_spanish_and_publishes_it(
    page, browser, live_server, loaded_site, external_requests
):
    from pages.models import AboutPage

    english_about = AboutPage.objects.get(locale__language_code="en")
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/es/about/")
    # Not translated yet: the English page under /es/, marked as English, with a notice.
    assert visitor.locator("main").get_attribute("lang") == "en"
    assert visitor.locator("p.notice").is_visible()

    page.add_init_script(RECORD_VIOLATIONS)
    console_errors, uncaught, failed = [], [], []
    page.on(
        "console",
        lambda m: console_errors.append((m.text, m.location["url"])) if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: uncaught.append(str(error)))
    page.on("response", lambda r: failed.append(urlsplit(r.url).path) if r.status >= 400 else None)

    # The translator starts the Spanish translation herself: Translators may submit pages
    # for translation (wagtail_localize.submit_translation), and the Spanish tree this
    # creates is theirs to edit and publish (pages/signals.py).
    log_in(page, live_server, "traductora")
    page.get_by_role("link", name="Translation status").click()
    page.wait_for_url("**/admin/translation-status/")
    screenshot(page, "3-translator-translation-status")
    about_row = page.get_by_role("row", name="Who we are")
    about_row.locator("td[data-language='es']").get_by_role("link").click()
    page.wait_for_url(f"**/admin/localize/submit/page/{english_about.pk}/?select_locale=es")
    # The Spanish cell opens the form with Spanish ticked, and only Spanish.
    assert page.get_by_role("checkbox", name="Spanish").is_checked()
    assert not page.get_by_role("checkbox", name="French").is_checked()
    screenshot(page, "3-translator-chooses-spanish")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert page.get_by_text("successfully submitted for translation into Spanish").is_visible()

    content = page.get_by_role("tabpanel", name="Content")
    translate_segment(content, "Who we are", "Quiénes somos", exact=True)
    for english, spanish in SPANISH_ABOUT_BODY:
        translate_segment(content, english, spanish)
    screenshot(page, "3-translator-has-translated")
    page.get_by_role("tab", name="Promote").click()
    promote = page.get_by_role("tabpanel", name="Promote")
    # The site keeps one address per page in every language (/es/about/, as /en/about/).
    translate_segment(promote, "about", "about", exact=True)
    translate_segment(
        promote,
        "About INPUD, a global peer-based organisation",
        "Sobre INPUD, una organización mundial de pares de personas que usan drogas que "
        "defiende su salud y sus derechos.",
    )
    # The editor's choosers have their URLs although the admin CSP refuses the inline
    # script that would set them (templates/wagtail_localize/admin/edit_translation.html).
    assert page.evaluate("window.chooserUrls.pageChooser") == "/admin/choose-page/"

    page.get_by_role("button", name="Publish in Spanish").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert page.get_by_text("Published 'Quiénes somos' in Spanish.").is_visible()
    screenshot(page, "3-translator-published")

    visitor.goto(f"{live_server.url}/es/about/")
    screenshot(visitor, "3-public-about-in-spanish")
    assert visitor.locator("html").get_attribute("lang") == "es"
    assert visitor.locator("main").get_attribute("lang") is None  # Spanish, not a fallback
    assert visitor.locator("p.notice").count() == 0
    assert visitor.locator("h1").inner_text() == "Quiénes somos"
    prose = visitor.locator(".prose").inner_text()
    assert "La Red Internacional de Personas que Usan Drogas (INPUD)" in prose
    assert "Declaración de Vancouver" in prose
    assert "global peer-based" not in prose
    visitor.context.close()

    assert page.evaluate("window.__cspViolations") == []
    assert [text for text, _ in console_errors if "Content Security Policy" in text] == []
    assert external_requests == []
    # Nothing failed: the editor fetches no page the translator may not see (the About
    # page's link to the declaration is not theirs to choose: pages/models.py).
    assert failed == []
    assert console_errors == []
    assert uncaught == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_visitor_on_a_phone_finds_and_downloads_the_strategic_plan(
    browser, live_server, loaded_site, javascript
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    visitor = context.new_page()
    name = f"4-visitor-{'js' if javascript else 'nojs'}"

    visitor.goto(f"{live_server.url}/en/")
    screenshot(visitor, f"{name}-home")
    # On a phone, search and languages are one tap away (a disclosure, no script needed).
    visitor.get_by_text("Search and languages").click()
    visitor.get_by_role("navigation", name="Languages").get_by_role("link", name="Français").click()
    visitor.wait_for_url(f"{live_server.url}/fr/")
    assert visitor.locator("html").get_attribute("lang") == "fr"
    visitor.locator("details.header-tools > summary").click()
    visitor.locator("nav.language-switcher").get_by_role("link", name="English").click()
    visitor.wait_for_url(f"{live_server.url}/en/")

    visitor.goto(f"{live_server.url}/en/resources/")
    visitor.get_by_label("Search publications").fill("strategic")
    visitor.get_by_role("button", name="Show publications").click()
    visitor.wait_for_url("**/resources/?*q=strategic*")
    screenshot(visitor, f"{name}-search")
    results = visitor.locator("li.publication")
    assert "Strategic Plan" in results.first.inner_text()

    link = results.first.get_by_role("link", name="Download")
    href = link.get_attribute("href")
    # Chromium shows or saves the PDF itself: check the response the click brought.
    with visitor.expect_response(lambda response: href in response.url) as clicked:
        link.click()
    response = clicked.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # (Chromium's PDF viewer replaces the body it reports: fetch the file itself.)
    assert context.request.get(response.url).body().startswith(b"%PDF")
    context.close()
