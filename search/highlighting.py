"""Highlights found on the folded fields, shown on the accented text.

`fold` maps every character to exactly one character, so a position in the folded text is
the same position in the accented text: the `<mark>`s Elasticsearch put into a folded
fragment can be carried over to the original wording.
"""

import re

from django.utils.html import escape

from .text import fold

PRE, POST = "<mark>", "</mark>"
_TAGS = re.compile(f"({re.escape(PRE)}|{re.escape(POST)})")


def restore_accents(fragment: str, source: str, folded_source: str | None = None) -> str:
    """The folded `fragment` (with marks) rewritten with the characters of `source`.

    `folded_source` is `fold(source)` when the caller already has it (a body with several
    fragments is folded once)."""
    parts = _TAGS.split(fragment)
    plain = "".join(parts[::2])
    folded = fold(source) if folded_source is None else folded_source
    start = folded.find(plain)
    if start < 0:
        return escape(plain)
    # Escaped text runs, not characters: a body fragment is hundreds of characters.
    out, pos = [], start
    for index, part in enumerate(parts):
        if index % 2:
            out.append(part)
        elif part:
            out.append(escape(source[pos : pos + len(part)]))
            pos += len(part)
    return "".join(out)


def item_highlight(hit_highlight: dict, source: dict) -> dict:
    result = {}
    for name in ("title", "summary", "body"):
        fragments = hit_highlight.get(f"{name}_folded", [])
        if fragments:
            text = source.get(name, "")
            folded = fold(text)
            result[name] = [restore_accents(f, text, folded) for f in fragments]
    return result
