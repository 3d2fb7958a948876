"""The seed's Strategic Plan: a placeholder PDF shaped like the real one.

INPUD's real plan is a designed report: a cover photograph, sections and subsections with
bookmarks, lists, a table. The placeholder has the same parts (its text says it is a
placeholder), so that what the site does with publications shows on the first `make run`:
the linearized PDF, the online edition drafted from the PDF's outline, their sizes side
by side. Its cover picture is generated (a seeded pattern, the same bytes every time) and
weighs what a cover photograph does; the text uses the PDF's standard fonts.
"""

import datetime
import io
import random

from fpdf import FPDF
from PIL import Image, ImageFilter

TITLE = "INPUD Strategic Plan 2021-2024"

# (outline level, heading, paragraphs and lists). A list is a list of strings.
SECTIONS = [
    (
        0,
        "About this placeholder",
        [
            "This file was generated when the website was set up, in place of INPUD's "
            "Strategic Plan 2021-2024. Editors: replace it in the admin (Library > "
            "Publications) with INPUD's real document, then make its online edition "
            "again from the new PDF and check it before publishing.",
            "It has the parts a real plan has, so that the library shows what it does with "
            "them: sections with bookmarks, lists, a table and a cover picture.",
        ],
    ),
    (
        0,
        "Who we are",
        [
            "INPUD, the International Network of People who Use Drugs, is a global "
            "peer-based organisation that defends the health and rights of people who use "
            "drugs. It works with and through its member networks, in every region.",
            "This section of the real plan says where the network stands at the start of "
            "the plan, what it has learned, and who it speaks for.",
        ],
    ),
    (
        0,
        "Our priorities",
        [
            "The real plan sets out the network's priorities for its four years. Each "
            "subsection below stands for one of them: what it is, why it matters, and what "
            "the network will do.",
        ],
    ),
    (
        1,
        "Priority one",
        [
            "A placeholder for the first priority: its aim in one sentence, then what "
            "changes for people who use drugs when it is met.",
            [
                "What the network will do first",
                "Who it will work with",
                "How members take part",
            ],
        ],
    ),
    (
        1,
        "Priority two",
        [
            "A placeholder for the second priority, set out as the first one is.",
            ["What the network will do", "What it needs to do it"],
        ],
    ),
    (
        1,
        "Priority three",
        ["A placeholder for the third priority, set out as the others are."],
    ),
    (
        0,
        "How we work",
        [
            "This section of the real plan describes how the network is governed, how "
            "member networks take part in decisions, and how the secretariat supports them.",
            "It also says how the network keeps people safe: in many countries, using "
            "drugs is a crime, and being named can put someone in danger.",
        ],
    ),
    (
        0,
        "Measuring progress",
        [
            "The real plan ends with how progress is measured and reported. The table "
            "below stands for its indicators.",
        ],
    ),
]
TABLE = [
    ("Priority", "Indicator", "Reported"),
    ("One", "A placeholder indicator", "Every year"),
    ("Two", "A placeholder indicator", "Every year"),
    ("Three", "A placeholder indicator", "At the end of the plan"),
]


def cover_picture(width=1400, height=1000) -> bytes:
    """A JPEG the size of a report's cover photograph: a seeded pattern, always the same."""
    noise = Image.frombytes(
        "RGB",
        (width, height),
        random.Random(2021).randbytes(width * height * 3),  # noqa: S311  (a picture, not a secret)
    )
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tinted = Image.merge(
        "RGB",
        (
            gradient.getchannel(0),
            gradient.point(lambda v: v // 2).getchannel(0),
            Image.new("L", (width, height), 120),
        ),
    )
    picture = Image.blend(tinted, noise, 0.35).filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82)
    return out.getvalue()


def strategic_plan_pdf() -> bytes:
    """The placeholder plan as a PDF with an outline (bookmarks) of its sections."""
    pdf = FPDF()
    pdf.set_creation_date(datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC))
    pdf.set_title(f"PLACEHOLDER - {TITLE}")
    pdf.set_lang("en")
    pdf.add_page()
    pdf.image(io.BytesIO(cover_picture()), x=10, y=10, w=190)
    pdf.set_y(150)
    pdf.set_font("Helvetica", "B", 24)
    pdf.multi_cell(0, 12, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 14)
    pdf.multi_cell(0, 8, "PLACEHOLDER - replace this file", new_x="LMARGIN", new_y="NEXT")
    for level, heading, parts in SECTIONS:
        if level == 0:
            pdf.add_page()
        pdf.start_section(heading, level=level)
        pdf.set_font("Helvetica", "B", 18 if level == 0 else 14)
        pdf.ln(4)
        pdf.multi_cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("Helvetica", "", 11)
        for part in parts:
            if isinstance(part, list):
                for item in part:
                    pdf.multi_cell(0, 6, f"- {item}", new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.multi_cell(0, 6, part, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    with pdf.table(first_row_as_headings=True) as table:
        for cells in TABLE:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    return bytes(pdf.output())
