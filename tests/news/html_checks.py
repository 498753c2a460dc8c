"""Accessibility checks of rendered pages, shared by the news and home tests."""

import itertools
import re

HEADING_RE = re.compile(r"<h([1-6])[\s>]", re.IGNORECASE)


def heading_levels(html: str) -> list[int]:
    return [int(level) for level in HEADING_RE.findall(html)]


def assert_headings_well_formed(html: str) -> None:
    """Exactly one h1, first; no level skipped on the way down (h2 → h4)."""
    levels = heading_levels(html)
    assert levels.count(1) == 1, levels
    assert levels[0] == 1, levels
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, f"heading skip h{previous} → h{current} in {levels}"
