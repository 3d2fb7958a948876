"""What makes a PDF refused: parts that run, fetch or carry something when it is opened.

A publication needs text, images, links and bookmarks. A PDF can also carry JavaScript,
start programs, send form data, open other files or web addresses by itself, play media
and hold attached files: for a reader whose safety depends on not being tracked, any of
those is a way to run code or to tell a server who opened the file. None of it belongs in
the library, so such a file is refused whole, with a message that says how to fix it.
Actions are checked against a list of what is allowed, so an action type this module
does not know is refused too.
"""

import pikepdf
from django.utils.translation import gettext_lazy as _

from documents.pdf_objects import reachable_dictionaries

FIX = _(
    "Export the document again from the program that made it, as a standard PDF without "
    "this, and upload that file."
)

REASONS = {
    "javascript": _(
        "This PDF contains JavaScript (a program that runs when the file is opened). "
        "It was not saved."
    ),
    "launch": _("This PDF tries to start a program on the reader's computer. It was not saved."),
    "other_file": _("This PDF opens other files by itself. It was not saved."),
    "form_data": _("This PDF has a form that sends or imports data. It was not saved."),
    "web_address": _(
        "This PDF opens a web address by itself when it is read, which can tell a server "
        "who is reading it. It was not saved."
    ),
    "embedded_file": _(
        "This PDF carries attached files, which the library cannot check. It was not saved."
    ),
    "media": _(
        "This PDF contains embedded video, sound, Flash or 3D content, which can run code. "
        "It was not saved."
    ),
    "xfa": _(
        "This PDF is an XFA form (made with Adobe LiveCycle or Designer), which can run "
        "scripts and does not open in most readers. It was not saved."
    ),
    "action": _(
        "This PDF contains an action of a kind the library cannot check (%(action)s). "
        "It was not saved."
    ),
}

# Actions refused wherever they are, clicked or not.
REFUSED_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/GoToR": "other_file",
    "/GoToE": "other_file",
    "/SubmitForm": "form_data",
    "/ImportData": "form_data",
    "/RichMediaExecute": "media",
    "/Rendition": "media",
    "/Movie": "media",
    "/Sound": "media",
    "/GoTo3DView": "media",
}
# Actions a reader may trigger by clicking: go to a page, a link, a viewer command, show
# or hide a layer or a form field, clear a form.
CLICKED_ACTIONS = {
    "/GoTo",
    "/URI",
    "/Named",
    "/Thread",
    "/SetOCGState",
    "/Hide",
    "/ResetForm",
    "/Trans",
}
# Actions that run by themselves (/OpenAction on opening, /AA on page and field events):
# only moving within the file. Office programs write an /OpenAction that opens at page 1.
AUTOMATIC_ACTIONS = {"/GoTo", "/Named", "/Thread", "/SetOCGState", "/Trans"}

# Keys whose value is an action a reader triggers.
ACTION_KEYS = {"/A", "/PA", "/Next"}
# Annotation types that play media or 3D content.
MEDIA_ANNOTATIONS = {"/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}


class ActiveContent(Exception):
    """The reason (a key of REASONS) a PDF is refused, and the action type if any."""

    def __init__(self, reason, action=""):
        super().__init__(reason)
        self.reason = reason
        self.action = action

    def message(self):
        text = REASONS[self.reason]
        if self.reason == "action":
            text = text % {"action": self.action.lstrip("/")}
        return f"{text} {FIX}"


def refuse_active_content(pdf):
    """Raise ActiveContent for the first active part found anywhere in `pdf`."""
    for obj in reachable_dictionaries(pdf):
        _check_dictionary(obj)


def _check_dictionary(obj):
    keys = set(obj.keys())
    if keys & {"/JS", "/JavaScript"}:
        raise ActiveContent("javascript")
    if keys & {"/EF", "/EmbeddedFiles"} or obj.get("/Type") == pikepdf.Name.EmbeddedFile:
        raise ActiveContent("embedded_file")
    if "/XFA" in keys:
        raise ActiveContent("xfa")
    subtype = obj.get("/Subtype")
    if subtype == pikepdf.Name.FileAttachment:
        raise ActiveContent("embedded_file")
    if isinstance(subtype, pikepdf.Name) and str(subtype) in MEDIA_ANNOTATIONS:
        raise ActiveContent("media")
    if "/OpenAction" in keys:
        _check_action(obj.get("/OpenAction"), automatic=True)
    triggers = obj.get("/AA")
    if isinstance(triggers, pikepdf.Dictionary):
        for action in triggers.values():
            _check_action(action, automatic=True)
    for key in keys & ACTION_KEYS:
        _check_action(obj.get(key), automatic=False)


def _check_action(action, automatic, depth=0):
    """An /OpenAction may also be a destination ([page /Fit]): its page has no /S and
    nothing runs."""
    if depth > 100:  # a chain of /Next this long is not a real document's
        raise ActiveContent("action", "/Next")
    if isinstance(action, pikepdf.Array):  # a destination, or a list of /Next actions
        for item in action:
            _check_action(item, automatic, depth + 1)
        return
    if not isinstance(action, pikepdf.Dictionary):
        return
    kind = action.get("/S")
    kind = str(kind) if isinstance(kind, pikepdf.Name) else ""
    if kind in REFUSED_ACTIONS:
        raise ActiveContent(REFUSED_ACTIONS[kind], kind)
    if automatic and kind == "/URI":
        raise ActiveContent("web_address", kind)
    if kind and kind not in (AUTOMATIC_ACTIONS if automatic else CLICKED_ACTIONS):
        raise ActiveContent("action", kind)
    if "/Next" in action:
        _check_action(action.get("/Next"), automatic, depth + 1)
