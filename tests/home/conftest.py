"""The home tests reuse the news fixtures (sites' news sections and a page factory)."""

from tests.news.conftest import (  # noqa: F401 - fixtures are found by name
    agency,
    agency_news_index,
    image,
    make_news,
    portal,
    portal_news_index,
    sample_path,
)
