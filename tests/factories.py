"""factory-boy factories for every model of the site."""

import datetime
import hashlib
import io

import factory
import pikepdf
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from fpdf import FPDF
from pikepdf import Name
from PIL import ExifTags, PngImagePlugin
from PIL import Image as PillowImage
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page

from documents.models import (
    Category,
    DocumentLibraryPage,
    LibraryDocument,
    Publication,
    PublicationFile,
    PublicationSeries,
)
from news.models import NewsIndexPage, NewsItemPage, NewsType, Topic
from pages.models import (
    AboutPage,
    AimsPage,
    Footer,
    GovernancePage,
    HomePage,
    Person,
    PrinciplesPage,
    StandardPage,
)


class PageFactory(factory.django.DjangoModelFactory):
    """Base for Wagtail pages: pass parent=<page> to place the page in the tree."""

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    live = True

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or Page.get_first_root_node()).add_child(instance=page)
        page.save_revision().publish()
        return page


class HomePageFactory(PageFactory):
    title = "International Network of People who Use Drugs"
    slug = "home"
    intro = "<p>INPUD is a global peer-based organisation.</p>"

    class Meta:
        model = HomePage


class AboutPageFactory(PageFactory):
    title = "Who we are"
    slug = "about"
    show_in_menus = True
    body = "<p>INPUD is a global peer-based organisation.</p>"

    class Meta:
        model = AboutPage


class AimsPageFactory(PageFactory):
    title = "Our aims"
    slug = "aims"
    aims = factory.LazyFunction(
        lambda: [("aim", "<p>First aim.</p>"), ("aim", "<p>Second aim.</p>")]
    )

    class Meta:
        model = AimsPage


class PrinciplesPageFactory(PageFactory):
    title = "Our principles"
    slug = "principles"
    principles = factory.LazyFunction(
        lambda: [("principle", "<p>Pro equality</p>"), ("principle", "<p>Anti-prohibitionist</p>")]
    )

    class Meta:
        model = PrinciplesPage


class GovernancePageFactory(PageFactory):
    title = "Governance"
    slug = "governance"
    body = "<p>How INPUD is governed.</p>"

    class Meta:
        model = GovernancePage


class StandardPageFactory(PageFactory):
    intro = "<p>A standard page.</p>"

    class Meta:
        model = StandardPage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    role = "Board member"
    region = "Europe"
    sort_order = factory.Sequence(int)
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Person


class FooterFactory(factory.django.DjangoModelFactory):
    contact = "<p>Contact INPUD.</p>"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Footer


PDF_CREATION_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def pdf_bytes(text="A test document", pages=1):
    """A real PDF with `text` on each of its `pages`: the same bytes for the same text
    (its creation date is fixed, or two calls a second apart would differ)."""
    pdf = FPDF()
    pdf.set_creation_date(PDF_CREATION_DATE)
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 12)
        pdf.multi_cell(0, 8, f"{text} (page {number + 1})")
    return bytes(pdf.output())


class LibraryDocumentFactory(factory.django.DjangoModelFactory):
    """A PDF in the library, with its facts computed as on upload. Pass content=bytes to
    store other content, pages=N for a longer PDF."""

    title = factory.Sequence(lambda n: f"Document {n}")
    language = "en"

    class Meta:
        model = LibraryDocument

    @classmethod
    def _create(cls, model_class, *args, content=None, pages=1, filename=None, **kwargs):
        document = model_class(*args, **kwargs)
        data = content if content is not None else pdf_bytes(document.title, pages)
        document.file = ContentFile(data, name=filename or f"{slugify(document.title)}.pdf")
        document._set_document_file_metadata()
        document.save()
        return document


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Category


class PublicationSeriesFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Series {n}")
    key = factory.LazyAttribute(lambda series: slugify(series.title))

    class Meta:
        model = PublicationSeries


class PublicationFactory(factory.django.DjangoModelFactory):
    """A publication; languages=["en", "fr"] gives it one generated PDF per language,
    documents=[...] lists documents that exist already instead."""

    title = factory.Sequence(lambda n: f"Publication {n}")
    slug = factory.LazyAttribute(lambda publication: slugify(publication.title))
    summary = "A summary of the publication."
    publication_date = datetime.date(2024, 1, 1)

    class Meta:
        model = Publication

    @classmethod
    def _create(cls, model_class, *args, languages=("en",), documents=None, **kwargs):
        publication = model_class(*args, **kwargs)
        if documents is None:
            documents = [
                LibraryDocumentFactory(title=f"{publication.title} ({language})", language=language)
                for language in languages
            ]
        publication.files = [PublicationFile(document=document) for document in documents]
        # Published, as a moderator leaves it (live, first revision); live=False: a draft.
        if publication.live:
            publication.save_and_publish()
        else:
            publication.save()
        return publication


class DocumentLibraryPageFactory(PageFactory):
    title = "Resources"
    slug = "resources"

    class Meta:
        model = DocumentLibraryPage


def unchecked_document(content, filename, **fields):
    """A LibraryDocument whose file was stored as it is, without the upload gate: as one
    stored before the gate existed, or put in the database by hand. Only for tests of
    what the site does with such files."""
    name = default_storage.save(f"documents/{filename}", ContentFile(content))
    document = LibraryDocument(
        title=fields.pop("title", filename),
        file=name,
        file_size=len(content),
        file_hash=hashlib.sha1(content).hexdigest(),  # noqa: S324  (Wagtail's file hash)
        **fields,
    )
    LibraryDocument.objects.bulk_create([document])  # save() would send it through the gate
    return LibraryDocument.objects.get(file=name)


# PDFs built with pikepdf, for the upload gate's tests: the same bytes on every call (but
# the encrypted ones: their encryption salts are random).


def _pikepdf_bytes(pdf, encryption=None):
    out = io.BytesIO()
    if encryption:  # qpdf cannot derive an ID from encrypted content
        pdf.save(out, static_id=True, encryption=encryption)
    else:
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _one_page_pdf(text="A page"):
    pdf = pikepdf.open(io.BytesIO(pdf_bytes(text)))
    return pdf, pdf.pages[0].obj


def _annotation(pdf, page, **entries):
    annotation = pdf.make_indirect(
        pikepdf.Dictionary(Type=Name.Annot, Rect=[72, 72, 200, 100], **entries)
    )
    page.Annots = pdf.make_indirect(pikepdf.Array([annotation]))
    return annotation


def _embedded_file(pdf):
    stream = pdf.make_stream(b"a hidden attachment")
    stream.Type = Name.EmbeddedFile
    return pikepdf.Dictionary(Type=Name.Filespec, F="notes.txt", EF={"/F": stream})


def _script(code="app.alert('hello')"):
    return pikepdf.Dictionary(S=Name.JavaScript, JS=pikepdf.String(code))


def _build_openaction_javascript(pdf, page):
    pdf.Root.OpenAction = _script()


def _build_page_aa_javascript(pdf, page):
    page.AA = pikepdf.Dictionary(O=_script())


def _build_javascript_name_tree(pdf, page):
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("start"), _script()]))
    )


def _build_launch(pdf, page):
    _annotation(pdf, page, Subtype=Name.Link, A=pikepdf.Dictionary(S=Name.Launch, F="calc.exe"))


def _build_submit_form(pdf, page):
    target = pikepdf.Dictionary(FS=Name.URL, F="https://collector.example/form")
    _annotation(pdf, page, Subtype=Name.Link, A=pikepdf.Dictionary(S=Name.SubmitForm, F=target))


def _build_import_data(pdf, page):
    _annotation(pdf, page, Subtype=Name.Link, A=pikepdf.Dictionary(S=Name.ImportData, F="x.fdf"))


def _build_gotor(pdf, page):
    action = pikepdf.Dictionary(S=Name.GoToR, F="other.pdf", D=pikepdf.Array([0, Name.Fit]))
    _annotation(pdf, page, Subtype=Name.Link, A=action)


def _build_gotoe(pdf, page):
    action = pikepdf.Dictionary(S=Name.GoToE, T=pikepdf.Dictionary(R=Name.C, N="notes.pdf"))
    pdf.Root.OpenAction = action


def _build_openaction_uri(pdf, page):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=Name.URI, URI="https://tracker.example/open")


def _build_rich_media(pdf, page):
    _annotation(pdf, page, Subtype=Name.RichMedia)


def _build_embedded_file(pdf, page):
    pdf.Root.Names = pikepdf.Dictionary(
        EmbeddedFiles=pikepdf.Dictionary(
            Names=pikepdf.Array([pikepdf.String("notes.txt"), _embedded_file(pdf)])
        )
    )


def _build_file_attachment(pdf, page):
    _annotation(pdf, page, Subtype=Name.FileAttachment, FS=_embedded_file(pdf))


def _build_xfa(pdf, page):
    pdf.Root.AcroForm = pikepdf.Dictionary(
        Fields=pikepdf.Array(),
        XFA=pdf.make_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>"),
    )


def _build_javascript_behind_a_back_pointer(pdf, page):
    """A page outside the page tree, reached only through an annotation's /P."""
    hidden = pdf.make_indirect(pikepdf.Dictionary(Type=Name.Page, AA={"/O": _script()}))
    _annotation(pdf, page, Subtype=Name.Link, P=hidden)


def _build_unknown_action(pdf, page):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=Name("/SomethingNew"))


HOSTILE_PDFS = {
    name.removeprefix("_build_"): builder
    for name, builder in globals().items()
    if name.startswith("_build_")
}


def hostile_pdf(kind):
    """A one-page PDF with one hostile part: kind is a key of HOSTILE_PDFS, or "encrypted"
    (needs a password to open), "restricted" (opens, but locked by an owner password),
    "html_polyglot" (a web page with a PDF inside its first kilobyte)."""
    if kind == "html_polyglot":
        return b"<html><body><script>alert(document.domain)</script><!--\n" + pdf_bytes()
    pdf, page = _one_page_pdf()
    if kind in ("encrypted", "restricted"):
        user = "open sesame" if kind == "encrypted" else ""
        return _pikepdf_bytes(pdf, encryption=pikepdf.Encryption(owner="owner", user=user))
    HOSTILE_PDFS[kind](pdf, page)
    return _pikepdf_bytes(pdf)


# Images as phones and editors make them, for the upload cleaning's tests.

TOP_COLOUR, BOTTOM_COLOUR = (220, 20, 20), (20, 20, 220)
IDENTIFYING = [b"Ivan Petrov", b"PhoneMaker", b"Phone 12 Pro", b"SN-4417-0092", b"2024:05:01"]


def _identifying_exif(orientation=6):
    exif = PillowImage.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12 Pro"
    exif[ExifTags.Base.Artist] = "Ivan Petrov"
    exif[ExifTags.Base.DateTime] = "2024:05:01 10:32:00"
    exif[ExifTags.Base.Orientation] = orientation
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[ExifTags.Base.BodySerialNumber] = "SN-4417-0092"
    details[ExifTags.Base.DateTimeOriginal] = "2024:05:01 10:32:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 27.0, 1.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (30.0, 31.0, 2.5)
    return exif


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Ivan Petrov</dc:creator>'
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def _iptc_segment():
    """A JPEG APP13 segment (Photoshop's IPTC block) naming the photographer (2:80)."""
    by_line = b"\x1c\x02\x50" + len(b"Ivan Petrov").to_bytes(2, "big") + b"Ivan Petrov"
    resource = b"8BIM\x04\x04\x00\x00" + len(by_line).to_bytes(4, "big") + by_line
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload


def sideways_picture(width=60, height=40):
    """The pixels as a phone held upright stores them: left half TOP_COLOUR, right half
    BOTTOM_COLOUR. With EXIF Orientation 6 (turn 90° clockwise) viewers show it
    height x width, TOP_COLOUR above BOTTOM_COLOUR."""
    picture = PillowImage.new("RGB", (width, height), TOP_COLOUR)
    picture.paste(BOTTOM_COLOUR, (width // 2, 0, width, height))
    return picture


def phone_photo_jpeg(width=60, height=40):
    """A JPEG with GPS, make, model, serial, artist, dates, Orientation 6, XMP, IPTC and a
    comment, as a phone (and an editing program) would leave them."""
    out = io.BytesIO()
    sideways_picture(width, height).save(
        out,
        "JPEG",
        quality=90,
        exif=_identifying_exif(),
        xmp=XMP,
        comment=b"Ivan Petrov at the clinic",
    )
    data = out.getvalue()
    return data[:2] + _iptc_segment() + data[2:]


def png_with_metadata():
    """A PNG with text chunks (author, comment), an eXIf chunk and XMP."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ivan Petrov")
    info.add_text("Comment", "Taken at the clinic, 2024:05:01")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    sideways_picture().save(out, "PNG", pnginfo=info, exif=_identifying_exif(orientation=1))
    return out.getvalue()


ANIMATION_COLOURS = [(220, 20, 20), (20, 160, 20), (20, 20, 220)]
ANIMATION_DURATIONS = [100, 200, 300]


def animated_image(format_name):
    """An animated GIF or WebP of three frames (red, green, blue) lasting 100, 200 and
    300 ms, with a comment (GIF) or EXIF (WebP) naming a person."""
    frames = [PillowImage.new("RGB", (24, 16), colour) for colour in ANIMATION_COLOURS]
    out = io.BytesIO()
    extra = (
        {"comment": b"Ivan Petrov"}
        if format_name == "GIF"
        else {"exif": _identifying_exif(orientation=1), "lossless": True}
    )
    frames[0].save(
        out,
        format_name,
        save_all=True,
        append_images=frames[1:],
        duration=ANIMATION_DURATIONS,
        loop=0,
        **extra,
    )
    return out.getvalue()


def image_from_bytes(data, title="Photo", **fields):
    """A Wagtail image saved in code, as the seed or a fixture would."""
    return get_image_model().objects.create(
        title=title, file=ContentFile(data, name="ivan-at-the-clinic.jpg"), **fields
    )


def unchecked_image(data, filename="ivan-at-the-clinic.jpg", **fields):
    """A Wagtail image stored as it is, without the cleaning: as one uploaded before the
    cleaning existed. Only for tests of `manage.py clean_images`."""
    name = default_storage.save(f"original_images/{filename}", ContentFile(data))
    width, height = PillowImage.open(io.BytesIO(data)).size
    image = get_image_model()(
        title=fields.pop("title", "Old photo"),
        file=name,
        width=width,
        height=height,
        file_size=len(data),
        **fields,
    )
    get_image_model().objects.bulk_create([image])  # save() would clean it
    return get_image_model().objects.get(file=name)


def report_with_images_pdf(pages=3):
    """A real multi-page report: text, a phone photo (a JPEG that keeps its EXIF inside
    the PDF) and a PNG on each page."""
    pdf = FPDF()
    pdf.set_creation_date(PDF_CREATION_DATE)
    pdf.set_title("Annual report")
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 12)
        pdf.multi_cell(0, 8, f"Naloxone distribution, page {number + 1}")
        pdf.image(io.BytesIO(phone_photo_jpeg(600, 400)), x=20, y=40, w=80)
        pdf.image(io.BytesIO(png_with_metadata()), x=20, y=140, w=40)
    return bytes(pdf.output())


PDF_XMP = b"""<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harm reduction &amp; rights</rdf:li></rdf:Alt>
</dc:title>
<dc:creator><rdf:Seq><rdf:li>Ivan Petrov</rdf:li></rdf:Seq></dc:creator>
<xmp:CreatorTool>C:/Users/ivan.petrov/AppData/Word</xmp:CreatorTool>
<xmp:CreateDate>2024-05-01T10:32:00+03:00</xmp:CreateDate>
<xmpMM:DocumentID>uuid:1b2c3d4e-ivan-laptop</xmpMM:DocumentID>
<pdf:Producer>Microsoft Word for Ivan</pdf:Producer>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""
IDENTIFYING_PDF = [
    b"Ivan",
    b"C:/Users",
    b"Microsoft Word",
    b"D:2024",
    b"1b2c3d4e",
    b"Illustrator",
]


def pdf_with_identifying_metadata():
    """An accessible PDF as an office program writes it, with everything that names its
    author: document info, XMP (with a PDF/UA identification), a comment and its pop-up
    by "Ivan Petrov", private application data on the page, XMP on an image."""
    pdf, page = _one_page_pdf("Harm reduction and rights")
    pdf.docinfo = pdf.make_indirect(
        pikepdf.Dictionary(
            Title="Harm reduction & rights",
            Author="Ivan Petrov",
            Creator="C:/Users/ivan.petrov/AppData/Word",
            Producer="Microsoft Word for Ivan",
            CreationDate="D:20240501103200+03'00'",
            ModDate="D:20240502090000+03'00'",
            Company="Ivan's clinic",
        )
    )
    pdf.Root.Metadata = pdf.make_stream(PDF_XMP, Type=Name.Metadata, Subtype=Name.XML)
    pdf.Root.Lang = pikepdf.String("fr")
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        pikepdf.Dictionary(Type=Name.StructTreeRoot, K=pikepdf.Array())
    )
    page.PieceInfo = pikepdf.Dictionary(
        Illustrator=pikepdf.Dictionary(Private=pikepdf.String("Ivan's layers"))
    )
    popup = pdf.make_indirect(
        pikepdf.Dictionary(Type=Name.Annot, Subtype=Name.Popup, T="Ivan Petrov", Rect=[0, 0, 1, 1])
    )
    comment = _annotation(
        pdf,
        page,
        Subtype=Name.Text,
        T="Ivan Petrov",
        Contents="Check the figures",
        M="D:20240501103200",
        Popup=popup,
    )
    page.Annots.append(popup)
    popup.Parent = comment
    picture = pdf.make_stream(
        b"\xff\x00\x00",
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=1,
        Height=1,
        ColorSpace=Name.DeviceRGB,
        BitsPerComponent=8,
    )
    picture.Metadata = pdf.make_stream(b"<x:xmpmeta>Ivan Petrov</x:xmpmeta>")
    page.Resources.XObject = pikepdf.Dictionary(Im1=picture)
    return _pikepdf_bytes(pdf)


def pdf_with_an_earlier_revision():
    """A PDF saved twice: its first revision's page said "SECRET DRAFT WORDING"; an
    incremental update (appended, as Acrobat saves) replaced it. Readers show the new
    text, but the old one is still in the file."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0].obj
    page.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            F1=pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
        )
    )
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (SECRET DRAFT WORDING) Tj ET")
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, deterministic_id=True)
    first = out.getvalue()
    writer = PdfWriter(io.BytesIO(first), incremental=True)
    final = DecodedStreamObject()
    final.set_data(b"BT /F1 12 Tf 72 720 Td (Final wording) Tj ET")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(final)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# News ---------------------------------------------------------------------------------


class NewsTypeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Type {n}")
    slug = factory.LazyAttribute(lambda kind: slugify(kind.name))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = NewsType


def news_type(slug, name=None):
    """One of the five types migration news/0003 makes (made again after a flush)."""
    found, _ = NewsType.objects.get_or_create(
        slug=slug,
        locale=Locale.get_default(),
        defaults={"name": name or slug.capitalize()},
    )
    return found


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic


class NewsIndexPageFactory(PageFactory):
    title = "News and statements"
    slug = "news"
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


class NewsItemPageFactory(PageFactory):
    """A live news item; pass topics=[...] for its topics."""

    title = factory.Sequence(lambda n: f"News item {n}")
    date = datetime.date(2025, 6, 26)
    summary = "What happened, in a sentence."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>The full text.</p>")])

    class Meta:
        model = NewsItemPage

    @classmethod
    def _create(cls, model_class, *args, parent=None, topics=(), **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.topics.set(topics)
        page.save_revision().publish()
        return page


def members_only_collection(name="Members"):
    """A collection below the root whose documents only signed-in people may see."""
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection
