"""Procedure codes and document numbers, as the index stores them and as citizens type them.

A code or number is indexed as a few exact keys (`code_keys`, `cited_keys`):

- a procedure code `1.001193`: `1.001193`, `1001193` (no separator) and its numeric tail
  `001193`; `MAU.0001`: `mau.0001`, `mau0001`;
- a document number `15/2020/NĐ-CP` of a decree: `15/2020/nd-cp`, `15/2020`,
  `nghi_dinh:15` and `nghi_dinh:15/2020` (numbers without their leading zeros).

The query is parsed into the same keys: "1 001193", "1-001193", "001193", "nghị định 15 năm
2020", "nđ 15/2020", "15/2020", "Quyết định 1291", "qđ 1291/2019".
"""

import re
from dataclasses import dataclass, field

from .text import fold

# Document type -> how citizens name it, folded (abbreviations only count next to a number).
DOCUMENT_TYPES = {
    "luat": (["luat", "bo luat"], []),
    "nghi_dinh": (["nghi dinh"], ["nd"]),
    "quyet_dinh": (["quyet dinh"], ["qd"]),
    "thong_tu": (["thong tu lien tich", "thong tu"], ["ttlt", "tt"]),
    "chi_thi": (["chi thi"], ["ct"]),
    "ke_hoach": (["ke hoach"], ["kh"]),
    "cong_van": (["cong van"], ["cv"]),
    "nghi_quyet": (["nghi quyet"], ["nq"]),
    "thong_bao": (["thong bao"], ["tb"]),
}
# The words that ask for a legal document of any type.
DOCUMENT_WORDS = ["van ban phap luat", "van ban quy pham phap luat", "van ban", "vbpl", "vbqppl"]
# The issuer part of a number -> the document type it implies (15/2020/NĐ-CP is a decree).
_SUFFIX_TYPES = [
    ("ttlt", "thong_tu"),
    ("tt", "thong_tu"),
    ("nd", "nghi_dinh"),
    ("qd", "quyet_dinh"),
    ("nq", "nghi_quyet"),
    ("ct", "chi_thi"),
    ("kh", "ke_hoach"),
    ("tb", "thong_bao"),
    ("qh", "luat"),
]

_NAMES = {name: kind for kind, (names, _) in DOCUMENT_TYPES.items() for name in names}
_ABBREVIATIONS = {abbr: kind for kind, (_, abbrs) in DOCUMENT_TYPES.items() for abbr in abbrs}
_ANY_TYPE = "|".join(
    re.escape(word) for word in sorted([*_NAMES, *_ABBREVIATIONS], key=len, reverse=True)
)
_NAMED_TYPE = "|".join(re.escape(word) for word in sorted(_NAMES, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_NUM = r"\d+(?:\.\d+)?"

_ISSUER = r"[a-z]+\d*(?:-[a-z0-9]+)*"
_FULL_NUMBER = re.compile(rf"(?<![\w/])({_NUM})/({_YEAR})/({_ISSUER})(?![\w/])")
_NUMBER_NO_YEAR = re.compile(r"(?<![\w/])(\d+)/([a-z]+\d*(?:-[a-z0-9]+)+)(?![\w/])")
_TYPED_NUMBER = re.compile(
    rf"(?<![\w/])({_ANY_TYPE})\s*(?:so\s*)?({_NUM})(?:(?:\s*(?:/|nam|-)\s*|\s+)({_YEAR}))?"
    rf"(?:/{_ISSUER})?(?![\w/])"
)
_NUMBER_YEAR = re.compile(rf"(?<![\w/.])({_NUM})\s*/\s*({_YEAR})(?![\w/])")
_NATIONAL_CODE = re.compile(r"(?<![\w.])(\d)\s*[.\-_, ]\s*(\d{6})(?![\w.])")
# "MAU.0001", "mau-0001", "mau0001", "MAU 0001" (a space only before a zero-padded number).
_LETTER_CODE = re.compile(
    r"(?<![\w.])([a-z]{2,5})(?:[.\-_]|\s(?=0))(\d{3,})(?![\w.])"
    r"|(?<![\w.])([a-z]{2,5})(\d{4,})(?![\w.])"
)
_DIGITS = re.compile(r"(?<![\w./])(\d{5,7})(?![\w./])")
_DOCUMENT_WORD = re.compile(
    rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in DOCUMENT_WORDS)}|{_NAMED_TYPE})(?!\w)"
)
_SEPARATORS = re.compile(r"[\s.\-_/,]+")


def _number(text: str) -> str:
    """A document's number without leading zeros: "04" -> "4", "66.7" stays."""
    head, dot, rest = text.partition(".")
    return (head.lstrip("0") or "0") + dot + rest


def _suffix_type(suffix: str) -> str | None:
    first = suffix.split("-")[0]
    for prefix, kind in _SUFFIX_TYPES:
        if first.startswith(prefix):
            return kind
    return None


def procedure_code_keys(code: str) -> list[str]:
    """`1.001193` -> ["1.001193", "1001193", "001193"]; `MAU.0001` -> ["mau.0001",
    "mau0001"]."""
    folded = fold(code).strip()
    if not folded:
        return []
    keys = [folded, _SEPARATORS.sub("", folded)]
    tail = re.search(r"(\d{5,})$", folded)
    if tail and tail.group(1) != keys[1]:
        keys.append(tail.group(1))
    return list(dict.fromkeys(keys))


def document_number_keys(number: str, document_type: str | None = None) -> list[str]:
    """`15/2020/NĐ-CP` -> ["15/2020/nd-cp", "15/2020", "nghi_dinh:15",
    "nghi_dinh:15/2020"]. The type comes from the document when known, otherwise from the
    issuer part of the number."""
    folded = re.sub(r"\s+", "", fold(number))
    if not folded:
        return []
    keys = [folded]
    number_part = year = None
    if match := _FULL_NUMBER.fullmatch(folded):
        number_part, year, suffix = _number(match[1]), match[2], match[3]
    elif match := _NUMBER_NO_YEAR.fullmatch(folded):
        number_part, suffix = _number(match[1]), match[2]
    else:
        return keys
    kind = document_type or _suffix_type(suffix)
    if year:
        keys.append(f"{number_part}/{year}")
    if kind:
        keys.append(f"{kind}:{number_part}")
        if year:
            keys.append(f"{kind}:{number_part}/{year}")
    return keys


_CITED_NUMBER = re.compile(
    rf"(?<![\w/])\d+(?:\.\d+)?/(?:{_YEAR}/)?[A-ZĐa-zđ]+\d*(?:-[A-ZĐa-zđ0-9]+)*(?![\w/])"
)


def cited_number_keys(numbers: list[str], text: str = "") -> list[str]:
    """The keys of the documents a page cites: `numbers`, and those written in `text`."""
    found = [*numbers, *_CITED_NUMBER.findall(text)]
    return list(dict.fromkeys(key for number in found for key in document_number_keys(number)))


@dataclass
class ParsedCodes:
    """What the query names by code or number."""

    keys: list[str] = field(default_factory=list)  # exact keys, best first
    rest: str = ""  # the folded query with the codes and numbers taken out
    document_type: str | None = None  # a legal document type named in the query
    wants_document: bool = False  # "văn bản …", or a document type or number named

    @property
    def found(self) -> bool:
        return bool(self.keys)


def parse_codes(query: str) -> ParsedCodes:
    """The codes and document numbers in `query`, with and without type or year."""
    text = fold(query).lower()
    parsed = ParsedCodes()

    def take(match: re.Match, keys: list[str]) -> str:
        parsed.keys.extend(key for key in keys if key not in parsed.keys)
        return " "

    def number(match: re.Match) -> str:
        parsed.wants_document = True
        return take(match, document_number_keys(match[0]))

    def typed(match: re.Match) -> str:
        kind = _NAMES.get(match[1]) or _ABBREVIATIONS[match[1]]
        parsed.document_type = kind
        number, year = _number(match[2]), match[3]
        keys = [f"{kind}:{number}/{year}", f"{number}/{year}"] if year else [f"{kind}:{number}"]
        return take(match, keys)

    def number_year(match: re.Match) -> str:
        parsed.wants_document = True
        return take(match, [f"{_number(match[1])}/{match[2]}"])

    def national(match: re.Match) -> str:
        return take(match, [f"{match[1]}{match[2]}"])

    def letters(match: re.Match) -> str:
        prefix, digits = (match[1], match[2]) if match[1] else (match[3], match[4])
        return take(match, [f"{prefix}{digits}"])

    def digits(match: re.Match) -> str:
        return take(match, [match[1]])

    for pattern, replace in (
        (_FULL_NUMBER, number),
        (_NUMBER_NO_YEAR, number),
        (_TYPED_NUMBER, typed),
        (_NUMBER_YEAR, number_year),
        (_NATIONAL_CODE, national),
        (_LETTER_CODE, letters),
        (_DIGITS, digits),
    ):
        text = pattern.sub(replace, text)
    for match in _DOCUMENT_WORD.finditer(text):
        parsed.wants_document = True
        parsed.document_type = parsed.document_type or _NAMES.get(match[0])
    parsed.wants_document = parsed.wants_document or bool(parsed.document_type)
    parsed.rest = " ".join(text.split())
    return parsed


def code_prefixes(typed: str) -> list[str]:
    """The `code_keys` a partly typed code or number may start: "1.0011" -> ["1.0011",
    "10011"], "04/20" -> ["04/20", "4/20"], "nđ 42" -> ["nghi_dinh:42"]."""
    text = " ".join(fold(typed).lower().split())
    if not any(ch.isdigit() for ch in text):
        return []
    prefixes = []
    if match := re.fullmatch(rf"({_ANY_TYPE})\s*(?:so\s*)?(\d[\d./]*)", text):
        kind = _NAMES.get(match[1]) or _ABBREVIATIONS[match[1]]
        prefixes.append(f"{kind}:{_number(match[2])}")
    whole = text.replace(" ", "")
    for prefix in (whole, _SEPARATORS.sub("", text), re.sub(r"^0+(?=\d)", "", whole)):
        if len(prefix) >= 3:
            prefixes.append(prefix)
    return list(dict.fromkeys(prefixes))
