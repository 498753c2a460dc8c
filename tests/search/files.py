"""Real-shaped files made in the tests: PDF with a text layer (fpdf2, DejaVu for the
Vietnamese glyphs), DOCX (python-docx), XLSX (openpyxl), ODT (odfpy), a scanned PDF, an
encrypted one, a truncated one and a decompression bomb."""

import io
import zlib

from fpdf import FPDF
from PIL import Image, ImageDraw

from demo.pdf import vietnamese_pdf


def pdf_bytes(*paragraphs: str) -> bytes:
    pdf = vietnamese_pdf(size=12)
    for paragraph in paragraphs:
        pdf.add_page()
        pdf.multi_cell(0, 8, paragraph)
    return bytes(pdf.output())


def scanned_pdf_bytes() -> bytes:
    """A page that is only a picture of text, as a scanner makes it: no text layer."""
    image = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(image).text((20, 80), "TO KHAI", fill=0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    return bytes(pdf.output())


def encrypted_pdf_bytes(text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(text))))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated(data: bytes) -> bytes:
    """The first third of a file, as a broken upload leaves it."""
    return data[: len(data) // 3]


def pdf_bomb_bytes(megabytes: int = 60) -> bytes:
    """A one-page PDF whose ~100 kB content stream inflates to `megabytes` of text-showing
    operators: every parser that reads it spends memory and time on it."""
    operator = b"BT /F1 12 Tf 72 712 Td (Bom giai nen) Tj ET\n"
    content = zlib.compress(operator * (megabytes * 1024 * 1024 // len(operator)), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, xref))
    return out.getvalue()


def docx_bytes(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows: list[list[object]], title: str = "Bảng") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odt_bytes(*paragraphs: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
