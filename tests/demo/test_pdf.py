"""The one writer of Vietnamese PDFs (demo.pdf) that the demo, the tests and the bench use."""

import pytest

from demo.pdf import vietnamese_pdf


def test_a_missing_font_is_named_with_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("PDF_FONT", str(tmp_path / "none.ttf"))
    with pytest.raises(FileNotFoundError, match="fonts-dejavu-core or set PDF_FONT"):
        vietnamese_pdf(size=11)


def test_the_text_is_written_with_its_diacritics():
    import io

    from pypdf import PdfReader

    pdf = vietnamese_pdf(size=11)
    pdf.add_page()
    pdf.multi_cell(0, 7, "Tờ khai đăng ký khai sinh – Ủy ban nhân dân phường")
    text = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text()
    assert "Tờ khai đăng ký khai sinh" in text and "Ủy ban nhân dân" in text
