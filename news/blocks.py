"""The blocks of a news item's body, named after what editors see in the page editor.

No block embeds another site (no YouTube or Twitter frames: they track visitors): a video
is a link with a poster image."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(
            features=["bold", "italic", "link", "ol", "ul", "document-link"],
            help_text="One or more paragraphs of text, with links and lists.",
            **kwargs,
        )

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"


class HeadingBlock(blocks.CharBlock):
    """A section heading inside the item (the item's title is its only first heading)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=200, help_text="A section heading.", **kwargs)

    class Meta:
        icon = "title"
        label = "Heading"
        template = "news/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """A photo with its alt text (read aloud to people who cannot see it) and a caption."""

    image = ImageChooserBlock(help_text="Only photos the people in them agreed to show.")
    alt_text = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="What the photo shows, for people who cannot see it. Leave empty to use "
        "the image's own description.",
    )
    caption = blocks.CharBlock(required=False, max_length=300, help_text="Shown under the photo.")

    class Meta:
        icon = "image"
        label = "Image"
        template = "news/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words quoted.")
    attribution = blocks.CharBlock(
        required=False, max_length=200, help_text="Who said it, e.g. “Judy Chang, INPUD”."
    )

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "news/blocks/quote.html"


class CoSignatoriesBlock(blocks.StructBlock):
    """The organisations that sign a joint statement with INPUD."""

    heading = blocks.CharBlock(
        required=False,
        max_length=100,
        help_text="Leave empty for “Signed by”.",
    )
    organisations = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Organisation"),
        help_text="One organisation a line, as it wants to be named.",
    )

    class Meta:
        icon = "group"
        label = "Co-signing organisations"
        template = "news/blocks/cosignatories.html"


class PublicationLinkBlock(blocks.StructBlock):
    """A link to a publication (or a series' current version) in the library, with the
    file's format, size and language as the library shows them."""

    publication = SnippetChooserBlock(
        "documents.Publication",
        required=False,
        help_text="A publication from the library.",
    )
    series = SnippetChooserBlock(
        "documents.PublicationSeries",
        required=False,
        help_text="Or a series: the link then always leads to its current version.",
    )
    label = blocks.CharBlock(
        required=False, max_length=200, help_text="Link text. Leave empty for the title."
    )

    class Meta:
        icon = "doc-full"
        label = "Publication link"
        template = "news/blocks/publication_link.html"


class VideoLinkBlock(blocks.StructBlock):
    """A video as a plain link with a poster image: nothing loads from the video site until
    the visitor follows the link."""

    url = blocks.URLBlock(help_text="The video's address.")
    title = blocks.CharBlock(max_length=200, help_text="What the video is, as link text.")
    poster = ImageChooserBlock(required=False, help_text="A still from the video.")

    class Meta:
        icon = "media"
        label = "Video link"
        template = "news/blocks/video_link.html"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    cosignatories = CoSignatoriesBlock()
    publication = PublicationLinkBlock()
    video = VideoLinkBlock()
