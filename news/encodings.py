"""Reading article files: UTF-8 only, and a clear refusal of the legacy Vietnamese
encodings (TCVN3/ABC, VNI) that old portals and Word documents still carry."""

import re
import unicodedata

from django.utils.translation import gettext as _


class NewsImportError(ValueError):
    """The file cannot be imported; the message says why, in Vietnamese."""


class LegacyEncodingError(NewsImportError):
    def __init__(self, encoding: str, message: str):
        super().__init__(message)
        self.encoding = encoding


# TCVN3 puts Vietnamese letters on Latin-1 symbol code points: "C«ng", "®iÖn", "B¾c".
TCVN3_SYMBOLS = set("¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾")
# Of those, the letters that can end a syllable (à á ả ã ạ ơ ư Ư); the others are always
# followed by another letter in TCVN3 text, unlike "©", "®" or "»" used as symbols.
TCVN3_FINAL = set("µ¶·¸¹¬\xad¦")
# VNI writes a base letter followed by a mark character: "Vieät", "Thöù tö", "ñieän".
VNI_PAIR_RE = re.compile(r"[aeiouyAEIOUYôöÔÖ][ùøûõïäåúüë]|(?:^|(?<=\s))[ñÑ][aeiouyAEIOUYö]")
WORD_RE = re.compile(r"\S+")
# Below these, a stray "©" or "ö" in a foreign name is not taken for a legacy encoding.
MIN_HITS = 3
MIN_WORD_RATIO = 0.05


def _tcvn3_hits(text: str) -> int:
    hits = 0
    for i, char in enumerate(text):
        if char not in TCVN3_SYMBOLS:
            continue
        after_letter = i > 0 and text[i - 1].isalpha()
        before_letter = i + 1 < len(text) and text[i + 1].isalpha()
        if char == "«":  # also an opening quotation mark: only inside a word
            hits += after_letter and before_letter
        elif before_letter or (after_letter and char in TCVN3_FINAL):
            hits += 1
    return hits


def detect_legacy_encoding(text: str) -> str | None:
    """ "TCVN3" or "VNI" when the text looks like Vietnamese in that encoding, else None."""
    words = len(WORD_RE.findall(text)) or 1
    scores = {"TCVN3": _tcvn3_hits(text), "VNI": len(VNI_PAIR_RE.findall(text))}
    encoding, hits = max(scores.items(), key=lambda item: item[1])
    if hits >= MIN_HITS and hits / words >= MIN_WORD_RATIO:
        return encoding
    return None


def _legacy_message(encoding: str) -> str:
    names = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI"}
    return _(
        "Tệp dùng bảng mã %(encoding)s cũ, không phải Unicode. Hãy chuyển tệp sang Unicode "
        "(UTF-8), ví dụ bằng chức năng chuyển mã của Unikey hoặc EVKey, rồi nhập lại."
    ) % {"encoding": names[encoding]}


def normalise_text(text: str) -> str:
    """NFC, non-breaking spaces as spaces, no byte-order mark."""
    return unicodedata.normalize("NFC", text.replace("\ufeff", "")).replace("\xa0", " ")


def decode_article(data: bytes) -> str:
    """The text of an article file, or NewsImportError when it is not Unicode text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Legacy files are usually raw single-byte text: name the encoding when it shows.
        encoding = detect_legacy_encoding(data.decode("latin-1"))
        if encoding:
            raise LegacyEncodingError(encoding, _legacy_message(encoding)) from error
        raise NewsImportError(
            _(
                "Tệp không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí %(position)d). "
                "Hãy lưu lại tệp với bảng mã Unicode (UTF-8) rồi nhập lại."
            )
            % {"position": error.start}
        ) from error
    text = normalise_text(text)
    encoding = detect_legacy_encoding(text)
    if encoding:
        raise LegacyEncodingError(encoding, _legacy_message(encoding))
    return text
