"""Small valid placeholder PDFs for the seed content, generated at load time."""

from fpdf import FPDF


def placeholder_pdf(title: str) -> bytes:
    """A one-page PDF that says plainly it stands in for the real document."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("INPUD website seed content")
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=18)
    pdf.multi_cell(0, 10, title)
    pdf.ln(6)
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(
        0,
        7,
        "This is a placeholder generated when the website was first set up. "
        "An editor should replace it with the real PDF in the admin (Documents).",
    )
    return bytes(pdf.output())
