"""Content sniffing of documents (pure functions, no database)."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from uploads.sniffing import OLE2, content_matches_extension


def archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


DOCX = archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = archive({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
ODS = archive({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
HTML = b"<!doctype html><html><script>alert(1)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)

GENUINE = [
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
    ("doc", OLE2 + bytes(504)),
    ("xls", OLE2 + bytes(504)),
    ("docx", DOCX),
    ("xlsx", xlsx()),
    ("odt", ODT),
    ("ods", ODS),
    ("zip", archive({"a.txt": b"a"})),
    ("rar", b"Rar!\x1a\x07\x01\x00" + bytes(30)),
    ("txt", "Mẫu đơn đề nghị cấp giấy phép xây dựng\n".encode()),
    ("txt", "Mẫu đơn".encode("utf-16")),  # with a byte-order mark
    ("txt", b"M\xc9u \xae\xacn"),  # "Mẫu đơn" in TCVN3, a legacy 8-bit Vietnamese encoding
]


@pytest.mark.parametrize(("extension", "content"), GENUINE)
def test_genuine_files_match_their_extension(extension, content):
    assert content_matches_extension(extension, io.BytesIO(content))


@pytest.mark.parametrize(
    ("extension", "content"),
    [
        ("pdf", HTML),
        ("pdf", EXE),
        ("doc", DOCX),
        ("docx", EXE),
        ("docx", archive({"a.txt": b"a"})),  # a ZIP, but not a Word document
        ("docx", ODT),
        ("xlsx", DOCX),
        ("odt", ODS),
        ("ods", archive({"mimetype": b"text/html"})),
        ("zip", HTML),
        ("rar", archive({"a.txt": b"a"})),
        ("txt", EXE),
        ("exe", EXE),  # never on the allow-list
    ],
)
def test_disguised_files_do_not_match(extension, content):
    assert not content_matches_extension(extension, io.BytesIO(content))


def test_the_file_is_left_at_its_start():
    file = io.BytesIO(DOCX)
    file.seek(10)
    content_matches_extension("docx", file)
    assert file.tell() == 0
