"""Does a document's content match its extension? Checked from the bytes, never from the
client's Content-Type or the name alone, so an HTML page or an executable renamed to .pdf
is refused before it is stored."""

import struct
import zipfile
from collections.abc import Callable
from typing import BinaryIO

HEAD_BYTES = 8192
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word/Excel (Compound File Binary)
RAR = (b"Rar!\x1a\x07\x00", b"Rar!\x1a\x07\x01\x00")


def _zip_names(file: BinaryIO) -> set[str] | None:
    """Member names of a ZIP archive, or None if it is not one (reads only the directory)."""
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None


def _open_document_mimetype(file: BinaryIO) -> bytes | None:
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.read("mimetype").strip()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        return None


def _is_text(head: bytes) -> bool:
    """UTF-16 with a byte-order mark, or any 8-bit text: old Vietnamese files in TCVN3 or VNI
    are not UTF-8, so the test is only that there are no NUL bytes, which binaries have."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head


def _ooxml(part: str) -> Callable[[bytes, BinaryIO], bool]:
    def check(head: bytes, file: BinaryIO) -> bool:
        names = _zip_names(file)
        return names is not None and "[Content_Types].xml" in names and part in names

    return check


def _odf(mimetype: bytes) -> Callable[[bytes, BinaryIO], bool]:
    return lambda head, file: _open_document_mimetype(file) == mimetype


CHECKS: dict[str, Callable[[bytes, BinaryIO], bool]] = {
    "pdf": lambda head, file: b"%PDF-" in head[:1024],
    "doc": lambda head, file: head.startswith(OLE2),
    "xls": lambda head, file: head.startswith(OLE2),
    "docx": _ooxml("word/document.xml"),
    "xlsx": _ooxml("xl/workbook.xml"),
    "odt": _odf(b"application/vnd.oasis.opendocument.text"),
    "ods": _odf(b"application/vnd.oasis.opendocument.spreadsheet"),
    "zip": lambda head, file: _zip_names(file) is not None,
    "rar": lambda head, file: head.startswith(RAR),
    "txt": lambda head, file: _is_text(head),
}


def content_matches_extension(extension: str, file: BinaryIO) -> bool:
    """True when the file's bytes are what `extension` promises. Unknown extensions never match.

    The file is read from the start and left positioned at the start."""
    check = CHECKS.get(extension.lower())
    if check is None:
        return False
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    try:
        return check(head, file)
    finally:
        file.seek(0)


def image_decodes(file: BinaryIO) -> bool:
    """Whether every frame of the raster image decodes to the end: a cut-off GIF, PNG or
    JPEG passes the format and size checks (its header is whole) and fails only when its
    thumbnail is made. JPEGs decode at an eighth of their size (the whole stream is still
    read); the pixel limit (`WAGTAILIMAGES_MAX_IMAGE_PIXELS`) is checked before this."""
    from PIL import Image, ImageSequence

    position = file.tell()
    try:
        with Image.open(file) as image:
            image.draft(image.mode, (max(image.width // 8, 1), max(image.height // 8, 1)))
            for frame in ImageSequence.Iterator(image):
                frame.load()
        return True
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, Image.DecompressionBombError):
        return False
    finally:
        file.seek(position)
