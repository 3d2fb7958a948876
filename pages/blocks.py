"""StreamField blocks, named after what editors see in the page editor."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

INLINE_FEATURES = ["bold", "italic", "link"]
TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class AimBlock(blocks.RichTextBlock):
    """One of INPUD's aims: a sentence or two. Numbering comes from the order."""

    def __init__(self, **kwargs):
        super().__init__(
            features=INLINE_FEATURES,
            help_text="One aim, in a sentence or two. Numbers are added automatically.",
            **kwargs,
        )

    class Meta:
        icon = "list-ol"
        label = "Aim"
        template = "blocks/list_item.html"


class PrincipleBlock(blocks.RichTextBlock):
    """One of INPUD's principles: usually a short phrase."""

    def __init__(self, **kwargs):
        super().__init__(
            features=INLINE_FEATURES,
            help_text="One principle, usually a short phrase such as “Pro harm reduction”.",
            **kwargs,
        )

    class Meta:
        icon = "list-ul"
        label = "Principle"
        template = "blocks/list_item.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A download link to a document from the library, with its file type and size."""

    document = DocumentChooserBlock(help_text="The document to link to.")
    label = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Link text. Leave empty to use the document's title.",
    )

    class Meta:
        icon = "doc-full"
        label = "Document link"
        template = "blocks/document_link.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page: text and document links."""

    text = blocks.RichTextBlock(
        features=TEXT_FEATURES, help_text="Paragraphs, headings, lists and links."
    )
    document = DocumentLinkBlock()
