"""Query understanding: what a citizen's query asks for, before any search engine sees it.

Pure functions (no database, no Elasticsearch), so that they are unit-tested on their own:

- codes and document numbers are parsed first (`search.codes`);
- each remaining word is decoded when it carries Telex/VNI keys ("thur tucj" -> "thủ tục");
- synonym phrases become one concept with its alternatives ("GPXD" = "giấy phép xây dựng");
- filler words and question phrasing ("muốn", "thì", "phải", "làm", "ở đâu", "cần gì")
  are optional: they score a little but are never required;
- the rest must match at a minimum-should-match that loosens with the query's length.
"""

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .codes import ParsedCodes, parse_codes
from .lexicon import MAX_WORD_SYLLABLES, is_word
from .text import decode_typing, fold, is_folded, is_syllable, normalise, tokens, tone_spellings

MAX_QUERY_LENGTH = 1000
# Words beyond these are not matched: a pasted page of text says what it is about early,
# and each word costs a clause in every search.
MAX_CONCEPTS = 32

# Citizens' filler words and question phrasing, as they type them (with diacritics).
FILLERS = [
    # question phrasing
    "như thế nào", "thế nào", "ra sao", "làm sao", "làm thế nào", "làm gì", "ở đâu", "chỗ nào",
    "nơi nào", "cơ quan nào", "bao nhiêu", "bao lâu", "mấy ngày", "bao nhiêu ngày",
    "gồm những gì", "gồm những giấy tờ gì", "cần những giấy tờ gì", "cần giấy tờ gì",
    "giấy tờ gì", "những gì", "cần gì", "có được không", "được không", "hay không",
    "có phải", "phải không", "cho hỏi", "xin hỏi", "hỏi", "cho em hỏi", "cho tôi hỏi",
    "thủ tục", "hồ sơ", "giấy tờ", "quy trình", "trình tự", "các bước", "cách thức",
    "cách", "lệ phí", "phí", "thời gian", "thời hạn", "mẫu đơn", "tờ khai", "nộp",
    "cho con", "cho bé", "cho cháu", "hướng dẫn", "thực hiện", "giải quyết ở đâu",
    "có thể", "tại sao", "vì sao", "khi nào", "lúc nào", "bao giờ", "như vậy", "hiện nay",
    "bây giờ", "hiện tại", "sắp tới", "vừa rồi", "mới đây", "cụ thể", "cần thiết",
    "muốn biết", "cho biết", "ở nhà", "trường hợp", "đến đâu", "đi đâu", "chỗ nào",
    # whose case it is: the asker and their family
    "con tôi", "con em", "con mình", "nhà tôi", "nhà em", "gia đình tôi", "gia đình em",
    "vợ tôi", "chồng tôi", "bố tôi", "mẹ tôi", "ông tôi", "bà tôi", "anh tôi", "chị tôi",
    "bạn tôi", "người nhà", "chúng em", "chúng mình", "bọn em",
    # pronouns, particles, everyday verbs
    "tôi", "em", "mình", "chúng tôi", "cháu", "muốn", "cần", "phải", "làm", "thì", "là",
    "được", "không", "chưa", "có", "gì", "nào", "đâu", "sao", "ở", "tại", "với", "và",
    "hoặc", "của", "cho", "để", "như", "vậy", "ạ", "nhé", "nhỉ", "ơi", "à", "xin", "giúp",
    "mấy", "những", "các", "cái", "đi", "thế", "mà", "nếu", "khi", "đã", "rồi", "về",
    "ai", "nên", "bị", "theo", "trong", "năm", "ạ", "dạ", "vâng", "nhờ", "hay", "thôi",
    "luôn", "đó", "này", "kia", "ấy", "thế", "vẫn", "cũng", "đang", "sẽ", "vừa",
    "mới", "rất", "quá", "lắm", "nhất", "bạn", "anh", "chị", "ông", "bà", "ta",
]  # fmt: skip
# Words said of any procedure or document: what is done ("cấp", "đăng ký", "xin") and
# what is issued ("giấy phép", "giấy chứng nhận"). A page that has only these in common
# with a query is not what the query asks for ("cấp giấy phép săn bắn" is no "Cấp giấy
# phép môi trường"). Folded.
GENERIC = {
    "cap", "cap lai", "cap doi", "cap moi", "dang ky", "dang ki", "xin", "xin cap", "lam",
    "lam lai", "giay", "giay phep", "chung nhan", "giay chung nhan", "chung chi", "the",
    "dieu chinh", "thay doi", "bo sung", "gia han", "cong nhan", "xac nhan", "de nghi",
    "thuc hien", "giai quyet", "tiep nhan", "tra ket qua", "ket qua", "quy dinh", "van ban",
    "thong bao", "to chuc", "ca nhan", "cong dan", "nguoi dan", "doanh nghiep", "co quan",
    "nha nuoc", "hoat dong", "tinh", "xa", "phuong", "huyen", "cap tinh", "cap xa",
    # who does it: agencies and levels of government
    "so", "nganh", "so nganh", "ubnd", "uy ban", "uy ban nhan dan", "phong",
    "chinh quyen", "dia phuong", "trung uong", "can bo", "cong chuc",
}  # fmt: skip
# Folded, these single filler words are as often another word standing alone ("dược",
# "ba"/"bà", "ảnh", "chỉ", "ông"/"ong", "ta"/"tạ", "da", "đỏ", "bản"/"bán"): typed without
# diacritics they stay required. The others are grouped into words first ("dang ky",
# "can cuoc", "tai san"), so a lone "dang" or "can" is the filler "đang" or "cần".
_AMBIGUOUS_FOLDED = {"duoc", "ba", "anh", "chi", "ong", "ta", "da", "do", "ban", "bi", "nam"}


@dataclass(frozen=True)
class Concept:
    """One thing the query asks for: a word or a phrase, with its synonyms.

    `alternatives` are folded ("giay phep xay dung", "gpxd"); `accented` holds the words as
    typed with diacritics (and their other tone placement), which score exact-accent
    matches above folded ones."""

    alternatives: tuple[str, ...]
    accented: tuple[str, ...] = ()
    optional: bool = False
    typed: str = ""  # the words as typed (the database fallback searches them)

    @property
    def generic(self) -> bool:
        """Said of any procedure ("cấp", "đăng ký", "giấy phép"): it does not tell which."""
        return len(self.alternatives) <= 2 and self.text in GENERIC

    @property
    def text(self) -> str:
        return self.alternatives[0]


@dataclass
class Understood:
    text: str  # the query as typed, normalised and cut, Telex/VNI leftovers decoded
    concepts: list[Concept] = field(default_factory=list)
    codes: ParsedCodes = field(default_factory=ParsedCodes)
    # The runs of consecutive words that are not fillers, folded, in order: the query's
    # phrases ("muốn làm giấy khai sinh cho cháu thì" -> ["lam giay khai sinh"]).
    phrases: list[str] = field(default_factory=list)

    @property
    def required(self) -> list[Concept]:
        return [c for c in self.concepts if not c.optional]

    @property
    def optional(self) -> list[Concept]:
        return [c for c in self.concepts if c.optional]

    @property
    def folded(self) -> str:
        """The words of the query, folded (codes taken out)."""
        return " ".join(c.text for c in self.concepts)

    @property
    def core(self) -> str:
        """The required words, folded, in order."""
        return " ".join(c.text for c in self.required)

    @property
    def is_folded(self) -> bool:
        """Typed without diacritics."""
        return is_folded(self.text)

    @property
    def is_lookup(self) -> bool:
        """Only a code or number (with filler or type words around it): it is answered by
        the code, never corrected or loosened."""
        return self.codes.found and not self.required


def cut(text: str, limit: int = MAX_QUERY_LENGTH) -> str:
    """`text` cut to `limit` characters, at a space when there is one."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return head[:space] if space > limit // 2 else head


def minimum_should_match(required: int) -> int:
    """How many of the required words a page must have: all of up to four (a short query
    with a word no page has is answered "nothing", or by the relaxed retry, which says
    so); of a longer question, which tells its circumstances around the procedure's name,
    fewer: one less of five or six, about half of more (at most six)."""
    if required <= 4:
        return required
    if required <= 6:
        return required - 1
    return min(max(4, math.ceil(required / 2)), 6)


def head_minimum(required: int) -> int:
    """How many of the required words must be in a page's title, summary or keywords."""
    if required <= 2:
        return 1
    return 2 if required <= 6 else 3


def relaxed_minimum(required: int) -> int:
    """The relaxed retry (any word, said so in `meta.relaxed`): one word, which must be a
    telling one in the page's title, summary or keywords (`search.query.words_query`)."""
    return 1


@functools.lru_cache(maxsize=65536)
def _same_word(typed: str, listed: str, listed_folded_means_any: bool) -> bool:
    """A typed word equals a listed one: by its letters when typed with diacritics (so
    "chợ" is not the filler "cho"), by its folded form when typed without. Synonyms listed
    without diacritics (`listed_folded_means_any`) match however they are typed."""
    if is_folded(typed) or (listed_folded_means_any and is_folded(listed)):
        return fold(typed) == fold(listed)
    return typed in tone_spellings(listed) or listed in tone_spellings(typed)


def _matches(words: list[str], start: int, phrase: list[str], synonym: bool = False) -> bool:
    if start + len(phrase) > len(words):
        return False
    return all(_same_word(words[start + i], p, synonym) for i, p in enumerate(phrase))


_FILLER_PHRASES = sorted((tokens(f) for f in FILLERS), key=len, reverse=True)
# Filler phrases of several words by their first word, and single filler words, folded.
_FILLERS_BY_FIRST: dict[str, list[list[str]]] = {}
_FILLER_WORDS: dict[str, list[str]] = {}
for _phrase in _FILLER_PHRASES:
    if len(_phrase) > 1:
        _FILLERS_BY_FIRST.setdefault(fold(_phrase[0]), []).append(_phrase)
    else:
        _FILLER_WORDS.setdefault(fold(_phrase[0]), []).append(_phrase[0])


@functools.lru_cache(maxsize=16384)
def _is_filler_word(word: str) -> bool:
    """A single filler word ("muốn", "thì"); folded ones that are also common words stay
    required ("can" may be "cần" or "căn")."""
    folded = fold(word)
    if is_folded(word) and folded in _AMBIGUOUS_FOLDED:
        return False
    return any(_same_word(word, filler, False) for filler in _FILLER_WORDS.get(folded, ()))


Groups = tuple[tuple[tuple[str, ...], ...], ...]
# What callers may pass: each group's phrases as sequences of words.
GroupsLike = Sequence[Sequence[Sequence[str]]]


@functools.lru_cache(maxsize=8)
def _synonym_index(groups: Groups) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """First folded word of each synonym phrase -> (phrase, its group's index)."""
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for number, group in enumerate(groups):
        for phrase in group:
            if phrase:
                index.setdefault(fold(phrase[0]), []).append((phrase, number))
    return index


# A unit of the query: (length in words, kind, synonym group index or -1).
Unit = tuple[int, str, int]
# On a tie, a synonym phrase before a filler phrase before a word of the lexicon.
_KIND_ORDER = {"synonym": 0, "filler": 1, "word": 2, "single": 3}


def _units_at(words: list[str], folded: list[str], start: int, synonyms: dict) -> list[Unit]:
    units: list[Unit] = []
    for phrase, group in synonyms.get(folded[start], []):
        if _matches(words, start, phrase, synonym=True):
            units.append((len(phrase), "synonym", group))
    for phrase in _FILLERS_BY_FIRST.get(folded[start], []):
        if _matches(words, start, phrase):
            units.append((len(phrase), "filler", -1))
    for length in range(2, MAX_WORD_SYLLABLES + 1):
        if start + length <= len(words) and is_word(tuple(words[start : start + length])):
            units.append((length, "word", -1))
    return units


def segment(words: list[str], groups: GroupsLike) -> list[tuple[int, Unit]]:
    """The query's words grouped into units (start, unit): synonym phrases, filler phrases,
    words of the lexicon and single syllables, chosen to group as many syllables as
    possible. On a tie the later grouping wins (backward maximum matching, the better
    rule for Vietnamese: "làm hộ chiếu" is "làm" + "hộ chiếu")."""
    folded = [fold(word) for word in words]
    # `search.synonyms` gives them as tuples already: rebuilding them cost more than the rest.
    if not isinstance(groups, tuple):
        groups = tuple(tuple(map(tuple, group)) for group in groups)
    synonyms = _synonym_index(groups)
    size = len(words)
    best: list[int] = [0] * (size + 1)
    choice: list[Unit] = [(1, "single", -1)] * size
    for start in range(size - 1, -1, -1):
        options = [(1, "single", -1), *_units_at(words, folded, start, synonyms)]
        # Most syllables grouped, then the shortest first unit, then the surest kind.
        choice[start] = max(
            options,
            key=lambda u: (u[0] - 1 + best[start + u[0]], -u[0], -_KIND_ORDER[u[1]]),
        )
        best[start] = choice[start][0] - 1 + best[start + choice[start][0]]
    units, start = [], 0
    while start < size:
        units.append((start, choice[start]))
        start += choice[start][0]
    return units


def _phrase_spellings(folded: str) -> tuple[str, ...]:
    """A folded word and its other i/y spelling ("dang ky", "dang ki")."""
    other = re.sub(r"\b(k|l|m|t|s|h|v|qu)([iy])\b", _flip_i_y, folded)
    return (folded, other) if other != folded else (folded,)


def _flip_i_y(match: re.Match) -> str:
    return match[1] + ("y" if match[2] == "i" else "i")


def _spelling_alternatives(folded: str) -> tuple[str, ...]:
    """ "ky" and "ki", "ly" and "li", "my" and "mi"…: both spellings are in use."""
    match = re.fullmatch(r"(k|l|m|t|s|h|v|qu)([iy])", folded)
    if not match:
        return (folded,)
    other = "y" if match[2] == "i" else "i"
    return (folded, match[1] + other)


def _accented(words: list[str]) -> tuple[str, ...]:
    return tuple(
        spelling for word in words if not is_folded(word) for spelling in tone_spellings(word)
    )


def understand(q: str, synonym_groups: GroupsLike | None = None) -> Understood:
    """What `q` asks for. `synonym_groups`: each group's phrases as lists of lower-case
    words (`search.synonyms.synonym_groups`)."""
    text = cut(normalise(q))
    words = [decode_typing(word) for word in tokens(text)]
    text = " ".join(words) if words else text
    codes = parse_codes(text)
    # The words left once the codes are out, as typed (parse_codes works on folded text).
    rest = set(codes.rest.split())
    words = [word for word in words if fold(word) in rest or not codes.found]
    groups = synonym_groups or []
    concepts: list[Concept] = []
    seen: set[tuple] = set()
    runs: list[list[str]] = [[]]
    for start, (length, kind, group) in segment(words, groups):
        phrase = words[start : start + length]
        typed = " ".join(phrase)
        folded = fold(typed)
        if kind == "synonym":
            alternatives = [folded, *(fold(" ".join(p)) for p in groups[group])]
            concept = Concept(tuple(dict.fromkeys(alternatives)), _accented(phrase), typed=typed)
        elif kind == "filler" or all(_is_filler_word(word) for word in phrase):
            concept = Concept((folded,), _accented(phrase), optional=True, typed=typed)
        elif kind == "word":
            concept = Concept(_phrase_spellings(folded), _accented(phrase), typed=typed)
        else:
            concept = Concept(_spelling_alternatives(folded), _accented(phrase), typed=typed)
        if concept.optional:
            runs.append([])
        else:
            runs[-1].append(folded)
        key = (concept.alternatives, concept.accented)
        if key in seen:
            continue
        seen.add(key)
        concepts.append(concept)
    required = [c for c in concepts if not c.optional][:MAX_CONCEPTS]
    optional = [c for c in concepts if c.optional][:MAX_CONCEPTS]
    kept = {id(c) for c in required + optional}
    concepts = [c for c in concepts if id(c) in kept]
    if not required and not codes.found and optional:
        # Only filler words ("thủ tục", "hồ sơ"): they are what was asked.
        concepts = [Concept(c.alternatives, c.accented, typed=c.typed) for c in concepts]
    phrases = [" ".join(run) for run in runs if run]
    return Understood(text=text, concepts=concepts, codes=codes, phrases=phrases)


def _grouped(words: list[str]) -> set[int]:
    """Positions of the syllables that are part of a word or phrase of several."""
    return {
        position
        for start, (length, _, _) in segment(words, [])
        if length > 1
        for position in range(start, start + length)
    }


def is_plausible_correction(typed: str, corrected: str) -> bool:
    """Whether a spelling suggestion corrects a typo rather than a real word. A syllable may
    only be replaced when it is none ("sinhh", "trườg") or when it was part of no word and
    its replacement makes one ("khia sinh" -> "khai sinh", "hôn nhâm" -> "hôn nhân"): "độc
    thân", "bác sĩ", "thất nghiệp" or "sửa nhà" are never "corrected" into rarer words."""
    before, after = tokens(typed), tokens(corrected)
    if len(before) != len(after) or before == after:
        return False
    words_before, words_after = _grouped(before), _grouped(after)
    for position, (old, new) in enumerate(zip(before, after, strict=True)):
        if old == new or not is_syllable(fold(old)):
            continue
        if position in words_before or position not in words_after:
            return False
    return True
