"""The blocks an online edition is written in: headings, paragraphs, lists, quotes, tables
and images, each translatable segment by segment in wagtail-localize."""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.images.blocks import ImageBlock
from wagtail_localize.segments import StringSegmentValue

HEADING_LEVELS = [("h2", "Section"), ("h3", "Subsection"), ("h4", "Sub-subsection")]


class HeadingBlock(blocks.StructBlock):
    """A heading: sections are h2 (the edition's title is the page's h1)."""

    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        help_text="Section (h2), subsection (h3) or below: keep the order, never skip one.",
    )
    text = blocks.CharBlock(max_length=255)

    class Meta:
        icon = "title"
        template = "documents/blocks/edition_heading.html"


class ListBlock(blocks.StructBlock):
    """A bulleted or numbered list, one item per line."""

    numbered = blocks.BooleanBlock(required=False, help_text="Tick for a numbered list.")
    items = blocks.ListBlock(blocks.CharBlock(max_length=1000), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "documents/blocks/edition_list.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, help_text="Who said or wrote it (optional).")

    class Meta:
        icon = "openquote"
        template = "documents/blocks/edition_quote.html"


class TableBlock(TypedTableBlock):
    """A table of text cells with a caption, column headings and rows.

    wagtail-localize skips table blocks it does not know: this one hands it its caption,
    headings and cells as strings (paths `caption`, `heading.<column>`, `cell.<row>.<column>`),
    so a translator translates a table like the rest of the text."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks or [("text", blocks.CharBlock(required=False))], **kwargs)

    def get_translatable_segments(self, table):
        segments = []
        if table.caption:
            segments.append(StringSegmentValue("caption", table.caption))
        for column, spec in enumerate(table.columns):
            if spec["heading"]:
                segments.append(StringSegmentValue(f"heading.{column}", spec["heading"]))
        for row, data in enumerate(table.row_data):
            for column, value in enumerate(data["values"]):
                if isinstance(value, str) and value:
                    segments.append(StringSegmentValue(f"cell.{row}.{column}", value))
        return segments

    def restore_translated_segments(self, table, segments):
        translated = {segment.path: segment.render_text() for segment in segments}
        table.caption = translated.get("caption", table.caption)
        for column, spec in enumerate(table.columns):
            spec["heading"] = translated.get(f"heading.{column}", spec["heading"])
        for row, data in enumerate(table.row_data):
            data["values"] = [
                translated.get(f"cell.{row}.{column}", value)
                for column, value in enumerate(data["values"])
            ]
        return table

    class Meta:
        icon = "table"
        template = "documents/blocks/edition_table.html"


class EditionBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link"], template="documents/blocks/edition_paragraph.html"
    )
    list = ListBlock()
    quote = QuoteBlock()
    table = TableBlock()
    image = ImageBlock(template="documents/blocks/edition_image.html")
