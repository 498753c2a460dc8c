"""Highlights of the query's words in a result's title, summary and body, made here rather
than by Elasticsearch.

Elasticsearch's highlighter re-analysed every hit's body on each search (the largest part
of a search's time in the node). The hits' `_source` already carries the accented text,
and `fold` maps every character to exactly one character, so the words found in the
folded text are the positions to mark in the accented text: the accents stay as written.
"""

import bisect
import functools
import re
from html import escape

from .text import _TOKEN, fold
from .understanding import Understood

# Folded word -> the spellings (lower case, with diacritics) a match must have; None: any.
Words = dict[str, frozenset[str] | None]

PRE, POST = "<mark>", "</mark>"
FRAGMENT_SIZE = 160
BODY_FRAGMENTS = 2
_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n")


def _mark(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end], escaped, with the spans inside it marked."""
    out, pos = [], start
    for left, right in spans[bisect.bisect_left(spans, (start, start)) :]:
        if right > end:
            break
        out += [escape(text[pos:left]), PRE, escape(text[left:right]), POST]
        pos = right
    out.append(escape(text[pos:end]))
    return "".join(out).strip()


def _passage(text: str, pos: int, bounds: list[int]) -> tuple[int, int]:
    """The passage holding `pos`: its sentence (`bounds`: where sentences end), or when the
    sentence is longer than a fragment, the fragment-sized piece of it (cut at a space)
    that holds `pos`."""
    index = bisect.bisect_right(bounds, pos)
    start = bounds[index - 1] if index else 0
    end = bounds[index] if index < len(bounds) else len(text)
    while end - start > FRAGMENT_SIZE:
        cut = text.rfind(" ", start, start + FRAGMENT_SIZE)
        cut = cut if cut > start else start + FRAGMENT_SIZE
        if pos < cut:
            return start, cut
        start = cut
    return start, end


def _best_passages(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The passages with the most different query words (then the most words, then the
    first), in the order of the text. Only the passages around the spans are cut, not the
    whole text (a document's text is long and its words few)."""
    bounds = [found.end() for found in _SENTENCE_END.finditer(text)]
    words: dict[tuple[int, int], list[str]] = {}
    passage = (0, -1)
    for left, right in spans:
        if not passage[0] <= left < passage[1]:
            passage = _passage(text, left, bounds)
        words.setdefault(passage, []).append(text[left:right])
    ranked = sorted(words, key=lambda key: (-len(set(words[key])), -len(words[key]), key))
    return sorted(ranked[:BODY_FRAGMENTS])


def highlight_words(understood: Understood) -> Words:
    """The folded words to mark (those of the query's concepts and their synonyms) -> the
    spellings a match must have: a word typed with diacritics marks only the words written
    the same way (any tone placement); one typed without, or a synonym, marks any."""
    concepts = understood.required or understood.concepts
    words: dict[str, set[str] | None] = {}
    for concept in concepts:
        for number, alternative in enumerate(concept.alternatives):
            for word in _TOKEN.findall(alternative):
                typed = {s for s in concept.accented if fold(s) == word} if number == 0 else set()
                if not typed or (word in words and words[word] is None):
                    words[word] = None
                else:
                    words[word] = (words.get(word) or set()) | typed
    return {word: frozenset(forms) if forms else None for word, forms in words.items()}


@functools.lru_cache(maxsize=256)
def _words_pattern(words: frozenset[str]) -> re.Pattern:
    """The words as whole tokens of `search.text.tokens` (not inside a code like 1.001612),
    found by one regex instead of a Python loop over every token of the body. The pattern
    starts with the words themselves, each checking what precedes it, so that the regex
    engine jumps to the letters the words start with (twice as fast on long bodies as
    checking the preceding characters at every position)."""
    alternatives = "|".join(
        f"{word}(?<!\\w{word})(?<!\\w[./-]{word})"
        for word in (re.escape(word) for word in sorted(words, key=len, reverse=True))
    )
    return re.compile(rf"(?:{alternatives})(?!\w)(?![./-]\w)")


def highlight_item(words: Words, source: dict) -> dict:
    """{"title": [html], "summary": [html], "body": [html, ...]} for the fields where a
    word of the query occurs: title and summary whole, the body as its best passages.
    `source` has the accented fields and may have their `*_folded` copies."""
    if not words:
        return {}
    pattern = _words_pattern(frozenset(words))
    result = {}
    for name in ("title", "summary", "body"):
        text = source.get(name) or ""
        # The index's folded copy when the hit has it (fold is the costly part here).
        folded = source.get(f"{name}_folded") or fold(text)
        if len(folded) != len(text):  # not normalised the way the index was: leave it
            continue
        spans = [
            m.span()
            for m in pattern.finditer(folded)
            if words.get(m.group()) is None or text[m.start() : m.end()].lower() in words[m.group()]
        ]
        if not spans:
            continue
        passages = _best_passages(folded, spans) if name == "body" else [(0, len(text))]
        result[name] = [_mark(text, spans, start, end) for start, end in passages]
    return result
