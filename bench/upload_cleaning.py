"""Upload cleaning for `make bench`, run with the bench server's environment:

python bench/upload_cleaning.py pdf <path>    write a real 5 MB report (text and photos)
python bench/upload_cleaning.py timings <path> how long cleaning that PDF and a 12 MP phone
                                              photo takes (the upload waits for it)
"""

import io
import itertools
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inpud.settings")

import django  # noqa: E402

django.setup()

from fpdf import FPDF  # noqa: E402
from PIL import Image  # noqa: E402

from documents.pdf_cleaning import clean_pdf  # noqa: E402
from hosting.image_cleaning import clean_image  # noqa: E402

PDF_BYTES = 5 * 1024 * 1024


def noisy_photo(width, height, seed):
    """A JPEG that compresses like a photo (noise does not compress away), with EXIF."""
    rng = random.Random(seed)  # noqa: S311  (the same photo every run)
    picture = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "PhoneMaker", "Phone 12 Pro", 6
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def five_megabyte_report(path):
    """Pages of text, each with a photo, until the photos make 5 MB."""
    pdf = FPDF()
    pdf.set_author("Bench author")
    size = 0
    for page in itertools.count(1):
        photo = noisy_photo(400, 300, page)
        pdf.add_page()
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, f"Page {page}. " + "Harm reduction saves lives. " * 40)
        pdf.image(io.BytesIO(photo), x=20, y=120, w=120)
        size += len(photo)
        if size >= PDF_BYTES:
            break
    Path(path).write_bytes(bytes(pdf.output()))


def timings(path):
    data = Path(path).read_bytes()
    started = time.perf_counter()
    cleaned = clean_pdf(data)
    pdf_seconds = time.perf_counter() - started
    photo = noisy_photo(4000, 3000, 0)
    started = time.perf_counter()
    clean = clean_image(photo)
    photo_seconds = time.perf_counter() - started
    print(
        f"  {len(data) / 1e6:.1f} MB PDF cleaned in {pdf_seconds:.2f} s "
        f"({len(data):,} -> {len(cleaned):,} bytes)\n"
        f"  12 MP phone photo cleaned in {photo_seconds:.2f} s "
        f"({len(photo):,} -> {len(clean.data):,} bytes, {clean.width}x{clean.height})"
    )


if __name__ == "__main__":
    {"pdf": five_megabyte_report, "timings": timings}[sys.argv[1]](sys.argv[2])
