"""PDFs with Vietnamese text: the demo's committed files, and the files the tests and the
bench generate. fpdf2 (a development requirement) draws them with the DejaVu font, which
has every Vietnamese glyph; `make test` installs it (scripts/browser: fonts-dejavu-core)."""

import os
from pathlib import Path

DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def font_path() -> Path:
    """The font file: `PDF_FONT` when set (another system's path), else Debian's DejaVu."""
    path = Path(os.environ.get("PDF_FONT") or DEFAULT_FONT)
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: no font for Vietnamese PDFs; install fonts-dejavu-core or set PDF_FONT"
        )
    return path


def vietnamese_pdf(size: int):
    """A new fpdf2 document writing in the font at `size` points."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(font_path()))
    pdf.set_font("DejaVu", size=size)
    return pdf
