import pytest
from django.contrib.auth.models import Group
from django.utils.http import http_date
from wagtail.models import Collection, CollectionViewRestriction

from documents.pdf_cleaning import clean_pdf
from tests.factories import (
    LibraryDocumentFactory,
    PublicationFactory,
    pdf_bytes,
    unchecked_document,
)

pytestmark = pytest.mark.django_db


def listed(document):
    """`document`, listed in a publication: public, as the library's files are."""
    PublicationFactory(title=f"Publication of {document.title}", documents=[document])
    return document


@pytest.fixture
def document(home):
    return listed(LibraryDocumentFactory(title="Strategic plan", pages=2))


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_pdf_is_served_inline_with_type_validators_and_cache_headers(client, document):
    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="strategic-plan.pdf"'
    assert response["Content-Length"] == str(document.file_size)
    assert response["ETag"] == f'"{document.file_hash}"'
    assert "Last-Modified" in response
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Accept-Ranges"] == "bytes"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body_of(response) == clean_pdf(pdf_bytes("Strategic plan", 2))


def test_range_request_gets_206_with_only_those_bytes(client, document):
    whole = clean_pdf(pdf_bytes("Strategic plan", 2))

    response = client.get(document.url, headers={"Range": "bytes=10-19"})

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10-19/{len(whole)}"
    assert response["Content-Length"] == "10"
    assert body_of(response) == whole[10:20]


def test_a_browser_accepting_gzip_gets_the_file_bytes_as_they_are(client, document):
    """Browsers send Accept-Encoding: gzip for PDFs too. A PDF is compressed already, and a
    206 must carry exactly the bytes its Content-Range names."""
    whole = clean_pdf(pdf_bytes("Strategic plan", 2))
    gzip = {"Accept-Encoding": "gzip, deflate, br"}

    full = client.get(document.url, headers=gzip)
    part = client.get(document.url, headers={**gzip, "Range": "bytes=10-19"})
    page = client.get("/en/", headers=gzip)

    assert "Content-Encoding" not in full
    assert full["Content-Length"] == str(len(whole))
    assert body_of(full) == whole
    assert "Content-Encoding" not in part
    assert body_of(part) == whole[10:20]
    assert page["Content-Encoding"] == "gzip"  # the site's own HTML is still compressed


def test_open_ended_and_suffix_ranges(client, document):
    whole = clean_pdf(pdf_bytes("Strategic plan", 2))

    tail = client.get(document.url, headers={"Range": "bytes=-7"})
    rest = client.get(document.url, headers={"Range": f"bytes={len(whole) - 5}-"})

    assert tail.status_code == 206 and body_of(tail) == whole[-7:]
    assert rest.status_code == 206 and body_of(rest) == whole[-5:]


def test_range_beyond_the_end_is_416(client, document):
    response = client.get(document.url, headers={"Range": "bytes=999999-"})

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{document.file_size}"


HUGE = "9" * 5000  # past 4,300 digits, where Python's int() refuses a number


def test_a_range_of_thousands_of_digits_is_cut_to_the_file_or_unsatisfiable(client, document):
    whole = clean_pdf(pdf_bytes("Strategic plan", 2))

    first_ten = client.get(document.url, headers={"Range": "bytes=0-9"})
    to_huge_end = client.get(document.url, headers={"Range": f"bytes=0-{HUGE}"})
    from_huge_start = client.get(document.url, headers={"Range": f"bytes={HUGE}-"})
    huge_suffix = client.get(document.url, headers={"Range": f"bytes=-{HUGE}"})
    huge_both = client.get(document.url, headers={"Range": f"bytes={HUGE}-{HUGE}"})

    assert first_ten.status_code == 206 and body_of(first_ten) == whole[:10]
    assert to_huge_end.status_code == 206
    assert to_huge_end["Content-Range"] == f"bytes 0-{len(whole) - 1}/{len(whole)}"
    assert body_of(to_huge_end) == whole
    assert from_huge_start.status_code == 416
    assert from_huge_start["Content-Range"] == f"bytes */{len(whole)}"
    assert huge_suffix.status_code == 206 and body_of(huge_suffix) == whole
    assert huge_both.status_code == 416


@pytest.mark.parametrize(
    "header",
    ["bytes=\u0660-\u0669", "bytes=0x0-0x9", "bytes=+1-2", "bytes= 0-9", "pages=0-9", "bytes=-"],
)
def test_a_range_header_we_do_not_understand_gets_the_whole_file(client, document, header):
    response = client.get(document.url, headers={"Range": header})

    assert response.status_code == 200
    assert body_of(response) == clean_pdf(pdf_bytes("Strategic plan", 2))


@pytest.mark.parametrize(
    "headers",
    [
        {"If-Modified-Since": "garbage" * 1000},
        {"If-Modified-Since": "Mon, 01 Jan 99999 00:00:00 GMT"},
        {"If-None-Match": '"' * 5000},
        {"Range": "bytes=0-9", "If-Range": "x" * 5000},
    ],
)
def test_garbage_in_conditional_headers_gets_the_whole_file(client, document, headers):
    response = client.get(document.url, headers=headers)

    assert response.status_code == 200
    assert body_of(response) == clean_pdf(pdf_bytes("Strategic plan", 2))


def test_several_ranges_or_a_stale_if_range_get_the_whole_file(client, document):
    several = client.get(document.url, headers={"Range": "bytes=0-1,5-6"})
    stale = client.get(document.url, headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    fresh = client.get(
        document.url, headers={"Range": "bytes=0-9", "If-Range": f'"{document.file_hash}"'}
    )

    assert several.status_code == 200
    assert stale.status_code == 200
    assert fresh.status_code == 206


def test_conditional_requests_get_304(client, document):
    first = client.get(document.url)

    by_etag = client.get(document.url, headers={"If-None-Match": first["ETag"]})
    by_date = client.get(document.url, headers={"If-Modified-Since": first["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag["ETag"] == first["ETag"]
    assert by_etag.content == b""


def test_changed_file_is_sent_again(client, document):
    response = client.get(
        document.url,
        headers={"If-None-Match": '"something-else"', "If-Modified-Since": http_date(0)},
    )

    assert response.status_code == 200


def test_head_gives_headers_without_body(client, document):
    response = client.head(document.url)

    assert response.status_code == 200
    assert response["Content-Length"] == str(document.file_size)
    assert response.content == b""


def test_wrong_filename_is_404(client, document):
    assert client.get(f"/documents/{document.pk}/other.pdf").status_code == 404


def test_html_or_svg_is_never_inline(client, home):
    # Stored directly (bypassing the upload gate), as an old or imported file might be.
    page = listed(unchecked_document(b"<html>x</html>", "page.html"))
    drawing = listed(unchecked_document(b"<svg/>", "pic.svg"))

    for document in (page, drawing):
        response = client.get(document.url)
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Security-Policy"] == "default-src 'none'"


def test_html_stays_a_download_even_if_configured_inline(client, home, settings):
    settings.WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/html"]
    page = listed(unchecked_document(b"<html>x</html>", "page.html"))

    assert client.get(page.url)["Content-Disposition"].startswith("attachment;")


@pytest.fixture
def private_collection():
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return private, restriction


def test_private_collection_documents_are_not_served_to_the_public(
    client, home, private_collection
):
    private, _restriction = private_collection
    document = LibraryDocumentFactory(title="Board minutes", collection=private)

    response = client.get(document.url)
    ranged = client.get(document.url, headers={"Range": "bytes=0-9"})

    assert response.status_code == 302
    assert "/login/" in response["Location"] or "/admin/login/" in response["Location"]
    assert ranged.status_code == 302


def test_private_documents_in_a_child_collection_stay_private(client, home, private_collection):
    private, _restriction = private_collection
    child = private.add_child(name="2024")
    document = LibraryDocumentFactory(title="Minutes 2024", collection=child)

    assert client.get(document.url).status_code == 302


def test_signed_in_member_gets_the_private_file_uncached(
    client, home, private_collection, django_user_model
):
    private, _restriction = private_collection
    document = LibraryDocumentFactory(title="Board minutes", collection=private)
    client.force_login(django_user_model.objects.create_user("board", password="x"))

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_group_restricted_collection_refuses_other_users(client, home, django_user_model):
    board = Group.objects.create(name="Board")
    private = Collection.get_first_root_node().add_child(name="Board only")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    document = LibraryDocumentFactory(title="Board only", collection=private)
    client.force_login(django_user_model.objects.create_user("member", password="x"))

    assert client.get(document.url).status_code in (302, 403)
