"""Query understanding: what a citizen's query asks for, before any search engine sees it.

Pure functions (no database, no Elasticsearch), so that they are unit-tested on their own:

- codes and document numbers are parsed first (`search.codes`);
- each remaining word is decoded when it carries Telex/VNI keys ("thur tucj" -> "thủ tục");
- synonym phrases become one concept with its alternatives ("GPXD" = "giấy phép xây dựng");
- filler words and question phrasing ("muốn", "thì", "phải", "làm", "ở đâu", "cần gì")
  are optional: they score a little but are never required;
- the rest must match at a minimum-should-match that loosens with the query's length.
"""

import math
import re
from dataclasses import dataclass, field

from .codes import ParsedCodes, parse_codes
from .text import decode_typing, fold, is_folded, normalise, tokens, tone_spellings

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
    "cho con", "cho bé", "cho cháu",
    # pronouns, particles, everyday verbs
    "tôi", "em", "mình", "chúng tôi", "cháu", "muốn", "cần", "phải", "làm", "thì", "là",
    "được", "không", "chưa", "có", "gì", "nào", "đâu", "sao", "ở", "tại", "với", "và",
    "hoặc", "của", "cho", "để", "như", "vậy", "ạ", "nhé", "nhỉ", "ơi", "à", "xin", "giúp",
    "mấy", "những", "các", "cái", "đi", "thế", "mà", "nếu", "khi", "đã", "rồi", "về",
    "ai", "nên", "bị", "theo", "trong", "năm",
]  # fmt: skip
# Folded, these single words are also other common words ("căn", "cổ", "đăng", "lâm",
# "tài", "đề", "mã", "thi", "minh", "hội", "bảo", "đầu", "vay", "năm"/"nằm"): typed without
# diacritics they stay required.
_AMBIGUOUS_FOLDED = {
    "can", "co", "lam", "tai", "de", "ma", "thi", "minh", "hoi", "bao", "dau", "vay", "the",
    "ve", "ai", "nen", "bi", "trong", "phi", "sao", "nop", "cach", "hoac", "di",
}  # fmt: skip


@dataclass(frozen=True)
class Concept:
    """One thing the query asks for: a word or a phrase, with its synonyms.

    `alternatives` are folded ("giay phep xay dung", "gpxd"); `accented` holds the words as
    typed with diacritics (and their other tone placement), which score exact-accent
    matches above folded ones."""

    alternatives: tuple[str, ...]
    accented: tuple[str, ...] = ()
    optional: bool = False

    @property
    def text(self) -> str:
        return self.alternatives[0]


@dataclass
class Understood:
    text: str  # the query as typed, normalised and cut, Telex/VNI leftovers decoded
    concepts: list[Concept] = field(default_factory=list)
    codes: ParsedCodes = field(default_factory=ParsedCodes)

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
    """How many of the required concepts a page must have: all of up to three; of a longer
    question, which tells its circumstances around the procedure's name, about half, and
    never more than six of a pasted text."""
    if required <= 3:
        return required
    if required <= 6:
        return 3
    return min(max(4, math.ceil(required * 0.45)), 6)


def head_minimum(required: int) -> int:
    """How many of the required concepts must be in a page's title, summary or keywords."""
    return min(max(1, math.ceil(required / 2)), 3)


def relaxed_minimum(required: int) -> int:
    """The relevance floor of the relaxed retry: half of the concepts, fewer than the strict
    query asked for, and three of a long pasted text."""
    strict = minimum_should_match(required)
    return max(1, min(math.ceil(required / 2), strict - 1, 3))


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


def _filler_at(words: list[str], start: int) -> int:
    """The length of the filler phrase starting at `start` (0: none)."""
    for phrase in _FILLER_PHRASES:
        if not _matches(words, start, phrase):
            continue
        if len(phrase) == 1 and is_folded(words[start]) and fold(phrase[0]) in _AMBIGUOUS_FOLDED:
            continue
        return len(phrase)
    return 0


def _synonym_at(
    words: list[str], start: int, groups: list[list[list[str]]]
) -> tuple[int, list[list[str]]]:
    """(length, the group) of the longest synonym phrase starting at `start`."""
    best: tuple[int, list[list[str]]] = (0, [])
    for group in groups:
        for phrase in group:
            if phrase and len(phrase) > best[0] and _matches(words, start, phrase, synonym=True):
                best = (len(phrase), group)
    return best


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


def understand(q: str, synonym_groups: list[list[list[str]]] | None = None) -> Understood:
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
    i = 0
    while i < len(words):
        length, group = _synonym_at(words, i, groups)
        if length:
            phrase = words[i : i + length]
            alternatives = [fold(" ".join(p)) for p in [phrase, *group]]
            concept = Concept(tuple(dict.fromkeys(alternatives)), _accented(phrase))
        elif filler := _filler_at(words, i):
            length = filler
            phrase = words[i : i + length]
            concept = Concept((fold(" ".join(phrase)),), _accented(phrase), optional=True)
        else:
            length = 1
            concept = Concept(_spelling_alternatives(fold(words[i])), _accented(words[i : i + 1]))
        i += length
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
        concepts = [Concept(c.alternatives, c.accented) for c in concepts]
    return Understood(text=text, concepts=concepts, codes=codes)
