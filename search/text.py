"""The one place that normalises Vietnamese text, for the index and the query alike.

Elasticsearch's core analysis has no asciifolding, so folding happens here: the index
stores an accented and a folded copy of each text field, and the query is folded the same
way before it is matched against the folded copy.
"""

import functools
import re
import unicodedata

from anyascii import anyascii

# Roughly what Elasticsearch's standard tokenizer keeps: letters, digits and the dots,
# slashes and hyphens inside codes like 1.001612 or 42/2022/NĐ-CP.
_TOKEN = re.compile(r"\w+(?:[./-]\w+)*")
# Folded through a list up to here: every Vietnamese letter (Latin Extended Additional ends
# at U+1EFF), the general punctuation and the đồng sign (U+20AB).
_LISTED = 0x2100
_BEYOND_LIST = re.compile(f"[{chr(_LISTED)}-\U0010ffff]")
_CODE = re.compile(r"^(?=.*\d)[\w]+(?:[./-][\w]+)+$|^\d{3,}$")


def normalise(text: str | None) -> str:
    """NFC, every kind of whitespace (NBSP included) collapsed to one space, trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    # str.split() splits on exactly what the regex \s matches (str.isspace), at a fraction
    # of re.sub's cost on long bodies.
    return " ".join(text.split())


def fold(text: str | None) -> str:
    """Lower-case ASCII without diacritics: "Đăng ký" -> "dang ky".

    Characters that anyascii would spell out (e.g. "&") are kept as they are, so that the
    folded text lines up word for word with the accented one.
    """
    return fold_normalised(normalise(text))


def fold_normalised(text: str) -> str:
    """`fold` of text that has been through `normalise` already (normalising is idempotent):
    a document's fields are normalised once and folded from that."""
    if text.isascii():
        return text.lower()
    # Indexing a list is a third faster than the dict's hashing, which remains for text
    # with characters beyond it (built on first use: 8 ms, where the whole Basic
    # Multilingual Plane took 40 ms and 2 MB in every process).
    table = _FOLD_TABLE if _BEYOND_LIST.search(text) else _listed_table()
    return text.translate(table).lower()


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch
    folded = anyascii(ch)
    # Vietnamese letters fold to one letter; anything else (symbols, CJK) stays as typed.
    return folded if len(folded) == 1 and folded.isalpha() else ch


class _FoldTable(dict):
    """str.translate table filled on first sight of each character: folding a document
    char by char in Python was the largest cost of a rebuild."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold_char(chr(codepoint))
        return folded


_FOLD_TABLE = _FoldTable()


@functools.cache
def _listed_table() -> list[int]:
    return [ord(_fold_char(chr(codepoint))) for codepoint in range(_LISTED)]


def tokens(text: str | None) -> list[str]:
    """The lower-cased words of `text`, keeping codes whole."""
    return _TOKEN.findall(normalise(text).lower())


def is_folded(text: str) -> bool:
    """True when `text` was typed without diacritics."""
    return fold(text) == normalise(text).lower()


def looks_like_code(token: str) -> bool:
    """A procedure code (1.001612, MAU.0001) or document number (42/2022/NĐ-CP)."""
    return bool(_CODE.match(token))
