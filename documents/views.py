"""/documents/<id>/<filename>: every library file's own address (doc.url)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404

from documents.files import LibraryDocument
from documents.serving import serve_document


def serve(request, document_id, document_filename):
    document = get_object_or_404(
        LibraryDocument.objects.select_related("collection").defer("extracted_text"), pk=document_id
    )
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    return serve_document(
        request, document, max_age=getattr(settings, "DOCUMENTS_CACHE_SECONDS", 3600)
    )
