"""Small HTML checks shared by the rendering tests of procedures and legal documents."""

import itertools
from html.parser import HTMLParser


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def heading_levels(html: str) -> list[int]:
    parser = _Headings()
    parser.feed(html)
    return parser.levels


def assert_heading_outline(html: str) -> None:
    """Exactly one h1, first; no level skipped on the way down."""
    levels = heading_levels(html)
    assert levels.count(1) == 1, f"expected one h1, got headings {levels}"
    assert levels[0] == 1, f"first heading is h{levels[0]}"
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, f"heading h{previous} followed by h{current}: {levels}"
