"""Uncached listings: a page of rows is picked by id, then read without the text columns it
does not show; neither may change what a listing answers, nor cost a query per item."""

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, get_page_models

pytestmark = pytest.mark.django_db


def _is_relation(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return hasattr(getattr(model, name, None), "through")  # a tag manager
    return field.is_relation and (field.many_to_many or field.one_to_many)


# Every API field of every page type that is not a to-many relation (those cost a query
# per item in listings, as in stock Wagtail).
SHOWN_ALONE = [
    (f"{model._meta.app_label}.{model.__name__}", getattr(field, "name", field))
    for model in get_page_models()
    for field in getattr(model, "api_fields", [])
    if not _is_relation(model, getattr(field, "name", field))
] + [
    # Wagtail's own page fields a listing shows when asked (the parent is a relation).
    (f"{model._meta.app_label}.{model.__name__}", name)
    for model in get_page_models()
    for name in ("html_url", "slug", "show_in_menus", "seo_title", "search_description",
                 "first_published_at", "alias_of", "locale", "site")
    if model is not Page
]  # fmt: skip


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.API_CACHE = {**settings.API_CACHE, "SERVER_TIMEOUT": 0}


def listing(get, **params):
    with CaptureQueriesContext(connection) as queries:
        response = get("/api/v2/pages/", site="*", **params)
    assert response.status_code == 200, response.content
    return response.json(), len(queries.captured_queries)


@pytest.mark.parametrize(("page_type", "field"), SHOWN_ALONE)
def test_no_query_per_item_whatever_a_listing_shows(world, get, page_type, field):
    """A field read lazily (say a property reading a column left out) would cost one query
    per item: one item and every item must take as many queries."""
    listing(get, type=page_type, fields=field, limit=1)  # loads the per-version tables
    every, queries_for_all = listing(get, type=page_type, fields=field, limit=100)
    one, queries_for_one = listing(get, type=page_type, fields=field, limit=1)
    assert every["items"][:1] == one["items"]
    assert queries_for_all == queries_for_one


@pytest.mark.parametrize(
    "params",
    [
        {"type": "news.NewsPage", "order": "-published_at"},
        {"type": "news.NewsPage", "order": "title"},
        {"type": "procedures.ProcedurePage"},
        {"order": "-first_published_at"},
        {},
    ],
)
def test_pages_of_a_listing_add_up_to_the_whole_listing(world, get, params):
    whole, _queries = listing(get, limit=100, **params)
    assert whole["meta"]["total_count"] == len(whole["items"]) > 1
    pieces = []
    for offset in range(0, len(whole["items"]), 2):
        part, _queries = listing(get, limit=2, offset=offset, **params)
        assert part["meta"]["total_count"] == whole["meta"]["total_count"]
        pieces += part["items"]
    assert pieces == whole["items"]
    past_the_end, _queries = listing(get, limit=2, offset=1000, **params)
    assert past_the_end["items"] == []
