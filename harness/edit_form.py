"""The data a browser posts from a Wagtail page edit form, read from the form as rendered.

Plain fields (title, slug, rich text, choosers) are inputs in the HTML and are taken as
they are. A StreamField is rendered empty, with its value as JSON in the
`data-w-block-arguments-value` attribute; Wagtail's JavaScript builds its inputs from that
value (`<name>-count`, `<name>-0-type`, `<name>-0-value`, ...). `form_data_as_submitted`
builds the same inputs from the same JSON, so a test can submit any page type's form
(the edit form, or the revert form that Wagtail fills from an old revision) exactly as
it was shown, with only the changes the test makes.
"""

import json

from bs4 import BeautifulSoup
from wagtail import blocks
from wagtail.test.utils.form_data import querydict_from_html

FORM_ID = "page-edit-form"


def form_data_as_submitted(html, page_class):
    """The edit form's POST data, StreamFields included (no action button pressed yet)."""
    data = querydict_from_html(html, form_id=FORM_ID)
    form = BeautifulSoup(html, "html.parser").find("form", id=FORM_ID)
    for stream in form.select("[data-controller='w-block'][data-w-block-arguments-value]"):
        name = stream["id"]
        value, _errors = json.loads(stream["data-w-block-arguments-value"])
        block = page_class._meta.get_field(name).stream_block
        for key, item in block_inputs(block, value, name):
            data[key] = item
    return data


def form_action(html):
    return BeautifulSoup(html, "html.parser").find("form", id=FORM_ID)["action"]


def block_inputs(block, value, prefix):
    """(name, value) of the inputs Wagtail's block widgets write for `value`, the JSON
    form state of `block` (what Block.get_form_state returned)."""
    if isinstance(block, blocks.StreamBlock):
        yield f"{prefix}-count", str(len(value))
        for index, child in enumerate(value):
            child_prefix = f"{prefix}-{index}"
            yield f"{child_prefix}-type", child["type"]
            yield f"{child_prefix}-id", child["id"] or ""
            yield f"{child_prefix}-deleted", ""
            yield f"{child_prefix}-order", str(index)
            yield from block_inputs(
                block.child_blocks[child["type"]], child["value"], f"{child_prefix}-value"
            )
    elif isinstance(block, blocks.ListBlock):
        yield f"{prefix}-count", str(len(value))
        for index, child in enumerate(value):
            child_prefix = f"{prefix}-{index}"
            yield f"{child_prefix}-id", child["id"] or ""
            yield f"{child_prefix}-deleted", ""
            yield f"{child_prefix}-order", str(index)
            yield from block_inputs(block.child_block, child["value"], f"{child_prefix}-value")
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_inputs(child_block, value.get(name), f"{prefix}-{name}")
    elif isinstance(block, blocks.BooleanBlock):
        if value:
            yield prefix, "on"
    elif isinstance(value, dict):  # a chooser: its hidden input holds the chosen item's id
        yield prefix, str(value["id"])
    else:
        yield prefix, "" if value is None else str(value)
