"""E-mail through a real SMTP server on loopback (aiosmtpd), configured as production is,
from an EMAIL_URL: password resets and moderation notices reach staff, with links to the
site's own address, and no page text."""

import email
import re
from email import policy

import environ
import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.test import Client
from wagtail.models import Comment

from harness.servers import free_port
from tests.factories import StandardPageFactory
from tests.second_factor import StaffClient

pytestmark = pytest.mark.django_db

BASE_URL = "https://staff.inpud.example"
EMBARGOED = "Embargoed statement text that must not leave the site"


class Inbox:
    """aiosmtpd's handler: keeps every message the server accepted."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if address in m["X-Envelope-To"]]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in environ.Env.email_url_config(f"smtp://127.0.0.1:{port}").items():
        setattr(settings, name, value)
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.DEFAULT_FROM_EMAIL = "INPUD website <noreply@inpud.example>"
    yield inbox
    controller.stop()


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_password_reset_mail_arrives_with_a_link_to_the_sites_address(
    smtp_inbox, django_user_model, settings
):
    settings.ALLOWED_HOSTS = ["*"]  # as behind a proxy that passes any Host header
    django_user_model.objects.create_user("editor", "editor@inpud.example", "old passphrase")

    Client().post(
        "/accounts/password/reset/", {"email": "editor@inpud.example"}, HTTP_HOST="evil.example"
    )

    [message] = smtp_inbox.to("editor@inpud.example")
    assert message["From"] == "INPUD website <noreply@inpud.example>"
    assert message["Subject"].startswith("[INPUD] ")
    link = re.search(r"\S+/accounts/password/reset/key/\S+/", body(message))[0]
    assert link.startswith(f"{BASE_URL}/accounts/password/reset/key/")  # never the Host header
    form = Client().get(link.removeprefix(BASE_URL), follow=True)
    assert b'name="password1"' in form.content


def test_a_reset_for_an_unknown_address_sends_nothing(smtp_inbox):
    response = Client().post("/accounts/password/reset/", {"email": "nobody@inpud.example"})

    assert response.status_code == 302  # the same answer as for a known address
    assert smtp_inbox.messages == []


@pytest.fixture
def editor_and_moderator(django_user_model):
    editor = django_user_model.objects.create_user("editor", "editor@inpud.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = django_user_model.objects.create_user("moderator", "mod@inpud.example", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return editor, moderator


def test_moderation_notices_carry_the_title_and_a_link_but_not_the_pages_text(
    smtp_inbox, home, editor_and_moderator
):
    editor, moderator = editor_and_moderator
    statement = StandardPageFactory(
        parent=home,
        title="Statement on the new drug law",
        intro=f"<p>{EMBARGOED}</p>",
        body=[("text", f"<p>{EMBARGOED} (body)</p>")],
        live=False,
    )
    revision = statement.save_revision(user=editor)
    workflow = statement.get_workflow()

    workflow.start(statement, editor)  # the editor submits it

    [submitted] = smtp_inbox.to("mod@inpud.example")
    text = body(submitted)
    assert "Statement on the new drug law" in text
    assert f"{BASE_URL}/admin/pages/{statement.pk}/edit/" in text
    assert EMBARGOED not in submitted.as_string()

    moderators_browser = StaffClient()
    moderators_browser.force_login(moderator)
    state = statement.current_workflow_task_state
    moderators_browser.post(
        f"/admin/pages/workflow/action/{statement.pk}/approve/{state.pk}/", {"comment": ""}
    )

    statement.refresh_from_db()
    assert statement.live and statement.live_revision_id >= revision.pk
    [approved] = smtp_inbox.to("editor@inpud.example")
    assert "Statement on the new drug law" in body(approved)
    assert "approved" in body(approved)
    assert f"{BASE_URL}/" in body(approved)
    assert EMBARGOED not in approved.as_string()
    assert all(EMBARGOED not in m.as_string() for m in smtp_inbox.messages)


def test_a_rejected_page_tells_its_editor_without_its_text(smtp_inbox, home, editor_and_moderator):
    editor, moderator = editor_and_moderator
    statement = StandardPageFactory(
        parent=home, title="Draft position paper", intro=f"<p>{EMBARGOED}</p>", live=False
    )
    statement.save_revision(user=editor)
    statement.get_workflow().start(statement, editor)
    state = statement.current_workflow_task_state

    state.task.specific.on_action(state, moderator, "reject")

    [rejected] = smtp_inbox.to("editor@inpud.example")
    assert "Draft position paper" in body(rejected)
    assert f"{BASE_URL}/admin/pages/{statement.pk}/edit/" in body(rejected)
    assert EMBARGOED not in rejected.as_string()


def test_a_comment_notice_names_the_page_and_links_it_without_quoting_the_comment(
    settings, home, editor_and_moderator
):
    # Rendered as Wagtail's page editor renders it for the people following the page.
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    editor, moderator = editor_and_moderator
    statement = StandardPageFactory(parent=home, title="Statement on the new drug law")
    comment = Comment(page=statement, user=moderator, text=f"Quote: {EMBARGOED}")

    text = render_to_string(
        "wagtailadmin/notifications/updated_comments.txt",
        {"page": statement, "editor": moderator, "user": editor, "new_comments": [comment]},
    )

    assert 'has updated comments on "Statement on the new drug law"' in text
    assert f"{BASE_URL}/admin/pages/{statement.pk}/edit/" in text
    assert EMBARGOED not in text
