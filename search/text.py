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


# Vietnamese syllables once folded: an initial consonant, then a rime. Used to tell a word
# typed with an input method's keys left in ("thur tucj") from a real word or an
# abbreviation, which are never decoded.
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx]"
_RIMES = (  # noqa: SIM905 (a list of 120 strings would be longer to read)
    "a ac ach ai am an ang anh ao ap at au ay "
    "e ec ech em en eng enh eo ep et eu "
    "i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu "
    "o oa oac oach oai oam oan oang oanh oao oap oat oay oc oe oen oeo oet oi om on ong ooc "
    "oong op ot "
    "u ua uac uach uai uan uang uanh uat uay uc ue uech uen uenh uet ui um un ung uo uoc uoi "
    "uom uon uong uop uot uou up ut uu uy uya uych uyen uyet uyn uynh uyp uyt uyu "
    "y yem yen yet yeu"
).split()
_SYLLABLE = re.compile(rf"^(?:{_INITIALS})?(?:{'|'.join(sorted(_RIMES, key=len, reverse=True))})$")
_VOWELS = "aăâeêioôơuưy"
_INITIAL = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi(?=[aăâeêoôơuư])|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?")
_TONE_MARKS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VNI_TONES = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"a": "ă", "o": "ơ", "u": "ư"}
_MODIFIED = "ăâêôơư"
_IME_TOKEN = re.compile(r"^[a-z][a-z0-9]*$")


def is_syllable(word: str) -> bool:
    """True when the folded `word` is a possible Vietnamese syllable ("thu", "nghieng")."""
    return bool(_SYLLABLE.match(word))


def _split_syllable(letters: str) -> tuple[str, str, str]:
    """(initial, vowels, final) of a syllable written in Vietnamese letters."""
    initial = _INITIAL.match(letters).group()
    rest = letters[len(initial) :]
    vowels = re.match(f"^[{_VOWELS}]*", rest).group()
    return initial, vowels, rest[len(vowels) :]


def _place_tone(letters: str, mark: str) -> str:
    """`letters` with the tone `mark` on the vowel that carries it (hòa, thủy, tiến)."""
    initial, vowels, final = _split_syllable(letters)
    if not vowels:
        return letters
    modified = [i for i, ch in enumerate(vowels) if ch in _MODIFIED]
    if modified:
        at = modified[-1]
    elif final:
        at = len(vowels) - 1
    elif len(vowels) == 3:
        at = 1
    else:
        at = 0
    vowels = vowels[:at] + unicodedata.normalize("NFC", vowels[at] + mark) + vowels[at + 1 :]
    return initial + vowels + final


def _apply(letters: list[str], table: dict[str, str], vowels: str) -> bool:
    """Modify the last vowel of `letters` found in `vowels` (both of "uo" for a horn)."""
    positions = [i for i, ch in enumerate(letters) if ch in vowels]
    if not positions:
        return False
    last = positions[-1]
    if table is _HORN and last > 0 and letters[last] == "o" and letters[last - 1] == "u":
        letters[last - 1] = "ư"
    letters[last] = table[letters[last]]
    return True


def _decode_telex(token: str) -> str | None:
    letters: list[str] = []
    tone = None
    for ch in token:
        seen_vowel = any(letter in _VOWELS for letter in letters)
        if tone and ch in _VOWELS:
            return None  # a tone key comes after the vowels: "visa" is not "vía"
        if ch in _TONE_MARKS and seen_vowel:
            tone = _TONE_MARKS[ch]
        elif ch == "w":
            if not _apply(letters, _HORN, "aou"):
                letters.append("ư")
        elif ch in _CIRCUMFLEX and letters and letters[-1] == ch:
            letters[-1] = _CIRCUMFLEX[ch]
        elif ch == "d" and letters == ["d"]:
            letters[0] = "đ"
        elif ch.isdigit():
            return None
        else:
            letters.append(ch)
    word = "".join(letters)
    return _place_tone(word, tone) if tone else word


def _decode_vni(token: str) -> str | None:
    letters: list[str] = []
    tone = None
    for ch in token:
        if ch in _VNI_TONES:
            tone = _VNI_TONES[ch]
        elif ch == "6":
            if not _apply(letters, _CIRCUMFLEX, "aeo"):
                return None
        elif ch == "7":
            if not _apply(letters, _HORN, "ou"):
                return None
        elif ch == "8":
            if not _apply(letters, _HORN, "a"):
                return None
        elif ch == "9":
            if not letters or letters[0] != "d":
                return None
            letters[0] = "đ"
        else:
            letters.append(ch)
    word = "".join(letters)
    return _place_tone(word, tone) if tone else word


def decode_typing(token: str) -> str:
    """A word typed with Telex or VNI keys left in, decoded: "thur" -> "thủ", "tucj" ->
    "tục", "ddaang" -> "đâng", "tu5c" -> "tục". Anything else is returned as it is: real
    syllables, words with diacritics, abbreviations and codes, and any token whose decoding
    is not a Vietnamese syllable ("karaoke", "gpxd", "a1")."""
    if not _IME_TOKEN.match(token) or is_syllable(token) or sum(ch.isalpha() for ch in token) < 2:
        return token
    decode = _decode_vni if any(ch.isdigit() for ch in token) else _decode_telex
    decoded = decode(token)
    if decoded and decoded != token and is_syllable(fold(decoded)):
        return decoded
    return token


def tone_spellings(word: str) -> list[str]:
    """The word and its other accepted tone placement: "hòa" <-> "hoà", "thủy" <-> "thuỷ"
    (open syllables in oa, oe, uy, written both ways on government sites)."""
    decomposed = unicodedata.normalize("NFD", word)
    marks = [ch for ch in decomposed if ch in "\u0300\u0301\u0303\u0309\u0323"]
    if len(marks) != 1:
        return [word]
    bare = unicodedata.normalize("NFC", decomposed.replace(marks[0], ""))
    initial, vowels, final = _split_syllable(bare.lower())
    if final or vowels not in ("oa", "oe", "uy") or bare.lower() != bare:
        return [word]
    spellings = [
        initial + unicodedata.normalize("NFC", vowels[0] + marks[0]) + vowels[1],
        initial + vowels[0] + unicodedata.normalize("NFC", vowels[1] + marks[0]),
    ]
    return [word, *(s for s in spellings if s != word)]
