"""Text clean-up for imported procedure records."""

import re
import unicodedata

from django.utils.html import escape

# Lettered or dashed items packed into one line: "...:a) Đơn đề nghị;b) Bản sao ...;- Nội dung".
_ITEM_BREAK = re.compile(r"(?<=[;:.])\s*(?=(?:[a-zđ]\)|- )\s*\S)")


# Zero-width and direction marks that copied web text carries inside words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))


def clean_text(value: str, *, multiline: bool = False) -> str:
    """NFC, non-breaking spaces as spaces, invisible marks removed, trimmed; one-line text has
    spaces collapsed."""
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    value = value.replace("\u00a0", " ").replace("\u202f", " ")
    if not multiline:
        return " ".join(value.split())
    lines = (" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def paragraphs(text: str) -> list[str]:
    """Split packed text into paragraphs at line breaks and before list items; keeps every
    character except the whitespace at the split points."""
    result: list[str] = []
    for line in text.split("\n"):
        result.extend(part.strip() for part in _ITEM_BREAK.split(line) if part.strip())
    return result


def text_to_html(text: str) -> str:
    """Rich text (one <p> per paragraph) for a plain imported text; empty for empty text."""
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs(text))
