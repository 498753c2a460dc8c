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
from collections.abc import Iterable
from html import escape

from .text import _TOKEN, fold

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


def _passages(text: str) -> list[tuple[int, int]]:
    """Sentences of `text`, those longer than a fragment cut at spaces."""
    passages, start = [], 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in bounds:
        while end - start > FRAGMENT_SIZE:
            cut = text.rfind(" ", start, start + FRAGMENT_SIZE)
            cut = cut if cut > start else start + FRAGMENT_SIZE
            passages.append((start, cut))
            start = cut
        if end > start:
            passages.append((start, end))
        start = end
    return passages


def _best_passages(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The passages with the most different query words (then the most words, then the
    first), in the order of the text."""
    words: dict[int, list[str]] = {}
    passages = _passages(text)
    starts = [start for start, _ in passages]
    for left, right in spans:
        words.setdefault(bisect.bisect_right(starts, left) - 1, []).append(text[left:right])
    ranked = sorted(words, key=lambda index: (-len(set(words[index])), -len(words[index]), index))
    return [passages[index] for index in sorted(ranked[:BODY_FRAGMENTS])]


def query_words(variants: Iterable[str]) -> set[str]:
    """The folded words to mark: those of the query and of its synonym expansions."""
    return {word for variant in variants for word in _TOKEN.findall(fold(variant))}


@functools.lru_cache(maxsize=256)
def _words_pattern(words: frozenset[str]) -> re.Pattern:
    """The words as whole tokens of `search.text.tokens` (not inside a code like 1.001612),
    found by one regex instead of a Python loop over every token of the body."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w[./-])(?:{alternatives})(?!\w)(?![./-]\w)")


def highlight_item(words: set[str], source: dict) -> dict:
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
        spans = [m.span() for m in pattern.finditer(folded)]
        if not spans:
            continue
        passages = _best_passages(folded, spans) if name == "body" else [(0, len(text))]
        result[name] = [_mark(text, spans, start, end) for start, end in passages]
    return result
