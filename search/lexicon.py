"""Vietnamese words of several syllables, for grouping a query's syllables into words.

Vietnamese writes a space between syllables, not between words: "đăng ký kết hôn" is two
words, "đăng ký" and "kết hôn". A question's subject and its side details then count as
words, not as syllables ("hai vợ chồng" is one detail, not three). The list (`data/
vi_words.txt`, see `data/README.md`) is looked up folded, so that a query typed without
diacritics is grouped the same way.
"""

import functools
import re
import unicodedata
from pathlib import Path

from .text import fold, fold_normalised, is_folded

WORDS_FILE = Path(__file__).parent / "data" / "vi_words.txt"
MAX_WORD_SYLLABLES = 4
# "ký"/"kí", "lý"/"lí", "mỹ"/"mĩ": both spellings are in use.
_I_OR_Y = re.compile(r"\b(k|l|m|t|s|h|v|qu)y\b")


def spelling_key(folded: str) -> str:
    """One spelling of a folded word for the i/y pairs: "dang ki" and "dang ky" alike."""
    return _I_OR_Y.sub(r"\1i", folded)


# "hoà"/"hòa", "hoè"/"hòe", "uỷ"/"ủy": the tone of an open syllable in oa, oe, uy is
# written on either vowel; the list and the query are compared with it on the first.
_SECOND_VOWEL_TONE = re.compile(r"([oOuU])([àáảãạèéẻẽẹỳýỷỹỵ])(?!\w)")


def _first_vowel_tone(match: re.Match) -> str:
    vowel, marked = match[1], unicodedata.normalize("NFD", match[2])
    return unicodedata.normalize("NFC", vowel + marked[1]) + marked[0]


def _canonical(text: str) -> str:
    return _SECOND_VOWEL_TONE.sub(_first_vowel_tone, text)


@functools.cache
def _words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Folded word -> its spellings with diacritics, as canonical syllables (read once)."""
    text = _canonical(WORDS_FILE.read_text(encoding="utf-8"))
    spellings: dict[str, list[tuple[str, ...]]] = {}
    for line, folded in zip(text.splitlines(), fold_normalised(text).splitlines(), strict=True):
        spellings.setdefault(spelling_key(folded), []).append(tuple(line.split()))
    return {key: tuple(value) for key, value in spellings.items()}


@functools.lru_cache(maxsize=65536)
def is_word(syllables: tuple[str, ...]) -> bool:
    """True when the lower-case syllables, together, are one word of the list. A syllable
    typed with diacritics must be spelled so ("giải thể" is not "thế thì", "ủy ban tỉnh"
    has no "bàn tính"); one typed without matches however the word is spelled."""
    spellings = _words().get(spelling_key(fold(" ".join(syllables))))
    if not spellings:
        return False
    typed = [None if is_folded(s) else _canonical(s) for s in syllables]
    return any(
        all(t is None or t == w for t, w in zip(typed, spelling, strict=True))
        for spelling in spellings
    )
