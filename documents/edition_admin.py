"""The admin's "Make a draft online edition from the PDF": a confirmation, then the draft
opens in the editor, for an editor to tidy and submit for moderation (documents/
editions.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder

from documents.edition_drafts import DraftFailed
from documents.editions import EditionExists, OnlineEdition, draft_from_pdf
from documents.publications import Publication
from sitewide import languages

DRAFT_LABEL = "Make a draft online edition from the PDF"
URL_NAME = "documents_draft_online_edition"


def draft_url(publication):
    return reverse(URL_NAME, args=[publication.pk])


def editions_in_draft_language():
    """Editions in the language a first draft is made in when it can be: the default one
    (draft_from_pdf reads the English PDF first). A publication with one is no longer
    offered a draft; a French edition alone does not stop an English draft. (Without an
    English PDF, the draft's language may have an edition already: the offer then opens
    it, never overwrites it.)"""
    return OnlineEdition.objects.filter(locale__language_code=languages.default_language())


def may_draft(user):
    return user.has_perm("documents.add_onlineedition")


def make_draft(request, publication_id):
    if not may_draft(request.user):
        raise PermissionDenied
    publication = get_object_or_404(Publication, pk=publication_id)
    back = AdminURLFinder(request.user).get_edit_url(publication)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "documents/admin/confirm_edition_draft.html",
            {"publication": publication, "action_url": draft_url(publication), "back": back},
        )
    try:
        edition = draft_from_pdf(publication, user=request.user)
    except EditionExists as exists:
        messages.info(request, f"“{publication}” has an online edition in this language already.")
        return redirect(AdminURLFinder(request.user).get_edit_url(exists.edition))
    except DraftFailed as failed:
        messages.error(
            request,
            f"No text could be read from the PDF of “{publication}” ({failed}). A scanned PDF "
            "has pictures of pages, not text: write the online edition by hand.",
        )
        return redirect(back)
    messages.success(
        request,
        f"Draft online edition of “{publication}” made from the PDF. Check its headings, "
        "lists and tables (tables come out as text), add images with their descriptions, "
        "then submit it for moderation.",
    )
    return redirect(AdminURLFinder(request.user).get_edit_url(edition))
