"""Highlights found on the folded fields, shown on the accented text.

`fold` maps every character to exactly one character, so a position in the folded text is
the same position in the accented text: the `<mark>`s Elasticsearch put into a folded
fragment can be carried over to the original wording.
"""

from django.utils.html import escape

from .text import fold

PRE, POST = "<mark>", "</mark>"


def restore_accents(fragment: str, source: str) -> str:
    """The folded `fragment` (with marks) rewritten with the characters of `source`."""
    plain = fragment.replace(PRE, "").replace(POST, "")
    start = fold(source).find(plain)
    if start < 0:
        return escape(plain)
    out, pos, i = [], start, 0
    while i < len(fragment):
        for tag in (PRE, POST):
            if fragment.startswith(tag, i):
                out.append(tag)
                i += len(tag)
                break
        else:
            out.append(escape(source[pos]))
            pos += 1
            i += 1
    return "".join(out)


def item_highlight(hit_highlight: dict, source: dict) -> dict:
    result = {}
    for name in ("title", "summary", "body"):
        fragments = hit_highlight.get(f"{name}_folded", [])
        if fragments:
            result[name] = [restore_accents(f, source.get(name, "")) for f in fragments]
    return result
