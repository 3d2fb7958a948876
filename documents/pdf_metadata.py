"""What is removed from a PDF before it is stored: whatever says who made it, with what and
where, while the reading aids stay.

Removed: the document information (Author, Creator, which is often a path such as
C:/Users/<name>/..., Producer, dates, custom fields), every XMP metadata packet (the
document's and those of its pages, images and fonts, which hold editing history and
document IDs), programs' private data (/PieceInfo, /LastModified), comment authors and
dates, and the camera data (EXIF, XMP, Photoshop, comments) of JPEG photos inside the file.

Kept, because readers need them: the title, the document language (/Lang), the tagged
structure (/MarkInfo, /StructTreeRoot) that screen readers follow, and the PDF/UA and PDF/A
identification, rewritten as a minimal XMP packet holding only the title and those parts.
"""

from xml.sax.saxutils import escape

import pikepdf

from documents.pdf_objects import reachable_dictionaries

# Private data programs leave on pages and objects (Illustrator, InDesign, Acrobat).
PRIVATE_KEYS = ("/Metadata", "/PieceInfo", "/LastModified", "/SpiderInfo")
# Comment-like annotations: their /T is the author's name, not a form field's name.
MARKUP_ANNOTATIONS = {
    "/Text",
    "/FreeText",
    "/Line",
    "/Square",
    "/Circle",
    "/Polygon",
    "/PolyLine",
    "/Highlight",
    "/Underline",
    "/Squiggly",
    "/StrikeOut",
    "/Stamp",
    "/Caret",
    "/Ink",
    "/Redact",
    "/Popup",
}
ANNOTATION_AUTHOR_KEYS = ("/T", "/M", "/CreationDate")

# The XMP identification parts kept: (prefix:name, namespace URI).
IDENTIFICATION = [
    ("pdfuaid:part", "http://www.aiim.org/pdfua/ns/id/"),
    ("pdfaid:part", "http://www.aiim.org/pdfa/ns/id/"),
    ("pdfaid:conformance", "http://www.aiim.org/pdfa/ns/id/"),
]


def remove_identifying_metadata(pdf):
    """Strip `pdf` in place (see the module's docstring)."""
    title = _title(pdf)
    identification = _identification(pdf)
    del pdf.docinfo
    for key in list(pdf.trailer.keys()):
        if key not in ("/Root", "/Size"):  # /ID is regenerated from the content on saving
            del pdf.trailer[key]
    for obj in reachable_dictionaries(pdf):
        for key in PRIVATE_KEYS:
            if key in obj:
                del obj[key]
        if isinstance(obj, pikepdf.Stream) and _is_jpeg(obj):  # images, masks, thumbnails
            _strip_jpeg_stream(obj)
        elif isinstance(obj.get("/Subtype"), pikepdf.Name) and str(obj.Subtype) in (
            MARKUP_ANNOTATIONS
        ):
            for key in ANNOTATION_AUTHOR_KEYS:
                if key in obj:
                    del obj[key]
    if title is not None:
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(Title=title))
    if identification:
        pdf.Root.Metadata = pdf.make_stream(_minimal_xmp(title, identification))
        pdf.Root.Metadata.Type = pikepdf.Name.Metadata
        pdf.Root.Metadata.Subtype = pikepdf.Name.XML


def _title(pdf):
    title = pdf.docinfo.get("/Title") if "/Info" in pdf.trailer else None
    if isinstance(title, pikepdf.String) and str(title).strip():
        return title
    xmp_title = _xmp_values(pdf, ["dc:title"]).get("dc:title", "")
    return pikepdf.String(xmp_title) if xmp_title.strip() else None


def _identification(pdf):
    found = _xmp_values(pdf, [name for name, _ in IDENTIFICATION])
    return [(name, uri, found[name]) for name, uri in IDENTIFICATION if found.get(name)]


def _xmp_values(pdf, names):
    """{name: text} of the document's XMP `names` ("prefix:name") that it has; nothing
    when the packet is missing or unreadable."""
    if "/Metadata" not in pdf.Root:
        return {}
    try:
        metadata = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        values = {name: metadata.get(name) for name in names}
    except Exception:  # noqa: BLE001  (a broken packet is removed anyway)
        return {}
    return {name: str(value) for name, value in values.items() if value}


def _minimal_xmp(title, identification):
    namespaces = {f'xmlns:{name.split(":")[0]}="{uri}"' for name, uri, _ in identification}
    parts = "".join(
        f"<{name}>{escape(value)}</{name}>" for name, _, value in sorted(identification)
    )
    if title is not None:
        namespaces.add('xmlns:dc="http://purl.org/dc/elements/1.1/"')
        parts = (
            '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
            f"{escape(str(title))}</rdf:li></rdf:Alt></dc:title>{parts}"
        )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {" ".join(sorted(namespaces))}>{parts}'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="r"?>'
    ).encode()


def _is_jpeg(stream):
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        filters = filters[0] if len(filters) == 1 else None
    return filters == pikepdf.Name.DCTDecode


def _strip_jpeg_stream(stream):
    try:
        data = stream.read_raw_bytes()
    except pikepdf.PdfError:
        return
    stripped = strip_jpeg_metadata(data)
    if stripped != data:
        stream.write(stripped, filter=stream.Filter, decode_parms=stream.get("/DecodeParms"))


# JPEG segments a decoder needs; everything else (APP0-APP13 and APP15: JFIF thumbnails,
# EXIF, XMP, ICC, Photoshop/IPTC; COM: comments) is metadata. APP14 "Adobe" is kept: it
# says how to read the colours of CMYK and RGB files.
ADOBE = 0xEE
STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and restart markers: no length


def strip_jpeg_metadata(data: bytes) -> bytes:
    """The JPEG `data` with only the segments needed to draw it; the compressed image data
    is copied unchanged, so the pixels are exactly the same. Bytes that are not a JPEG
    this can follow are returned unchanged."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(b"\xff\xd8")
    position, end = 2, len(data)
    while position + 1 < end:
        if data[position] != 0xFF:
            return data
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of image: nothing after it is kept
            out += b"\xff\xd9"
            return bytes(out)
        if marker in STANDALONE:
            out += data[position : position + 2]
            position += 2
            continue
        if position + 4 > end:
            return data
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        segment_end = position + 2 + length
        if length < 2 or segment_end > end:
            return data
        if _needed(marker, data[position + 4 : segment_end]):
            out += data[position:segment_end]
        position = segment_end
        if marker == 0xDA:  # start of scan: copy the compressed data up to the next marker
            scan_end = _scan_end(data, position)
            out += data[position:scan_end]
            position = scan_end
    return data  # no end-of-image marker: not a JPEG this can follow


def _needed(marker, payload):
    if 0xE0 <= marker <= 0xEF:
        return marker == ADOBE and payload.startswith(b"Adobe")
    return marker != 0xFE  # COM


def _scan_end(data, position):
    """Where the entropy-coded data that starts at `position` ends: at the first 0xFF that
    is not stuffing (0xFF00) or a restart marker."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:  # fill byte before a marker
            position += 1
        else:
            return position
