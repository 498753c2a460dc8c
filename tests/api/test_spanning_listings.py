"""Listings of every site's pages (`site=*`) choose their rows with a query PostgreSQL can
stop after the window and count apart (api.pagination): the same pages, in the same order,
with the same totals as the sites' own listings; a large count is kept a short while."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsPage

from .world import AGENCY_HOST, PORTAL_HOST

pytestmark = pytest.mark.django_db

NEWS = {"type": "news.NewsPage"}
LISTINGS = [
    {**NEWS},
    {**NEWS, "order": "-published_at"},
    {**NEWS, "order": "-first_published_at"},
    {**NEWS, "order": "title", "featured": "false"},
    {"type": "procedures.ProcedurePage", "order": "title"},
    {"type": "procedures.ProcedurePage", "level": "tinh"},
    {},
    {"order": "-first_published_at"},
]


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.API_CACHE = {**settings.API_CACHE, "SERVER_TIMEOUT": 0}


def _get(client, host=PORTAL_HOST, **params):
    response = client.get("/api/v2/pages/", params, headers={"host": host})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("params", LISTINGS)
def test_every_sites_listing_has_the_sites_pages_and_totals(world, client, params):
    everything = _get(client, site="*", limit=100, **params)
    own = [_get(client, host=host, limit=100, **params) for host in (PORTAL_HOST, AGENCY_HOST)]
    ids = [item["id"] for item in everything["items"]]
    assert sorted(ids) == sorted(item["id"] for answer in own for item in answer["items"])
    assert everything["meta"]["total_count"] == sum(a["meta"]["total_count"] for a in own)
    assert everything["meta"]["total_count"] == len(ids) > 0
    # Window by window, the same pages in the same order, none twice.
    windows = [
        item["id"]
        for offset in range(0, len(ids) + 2, 2)
        for item in _get(client, site="*", limit=2, offset=offset, **params)["items"]
    ]
    assert windows == ids


def test_every_sites_rows_are_not_chosen_by_counting_them_all(world, client):
    """A window count makes PostgreSQL read every matching row before the first is sent
    (6 s for 800,000 news by date): a site's listing may use one, every site's may not."""
    for host, site, counted in ((AGENCY_HOST, None, True), (PORTAL_HOST, "*", False)):
        params = {"type": "news.NewsPage", "order": "-first_published_at"}
        with CaptureQueriesContext(connection) as queries:
            _get(client, host=host, **params, **({"site": site} if site else {}))
        assert any(" OVER (" in query["sql"] for query in queries) is counted, host


def test_a_large_count_is_kept_a_while_and_the_rows_never_are(world, client, settings):
    settings.API_CACHE = {**settings.API_CACHE, "EXACT_COUNT_UP_TO": 1}
    before = _get(client, site="*", type="news.NewsPage", order="-first_published_at")
    page = NewsPage(title="Tin mới nhất", slug="tin-moi-nhat")
    world["agency_news"].add_child(instance=page)
    page.save_revision().publish()

    after = _get(client, site="*", type="news.NewsPage", order="-first_published_at")
    assert after["items"][0]["title"] == "Tin mới nhất"
    assert after["meta"]["total_count"] == before["meta"]["total_count"]  # kept
    cache.clear()  # as LARGE_COUNT_SECONDS later
    after = _get(client, site="*", type="news.NewsPage", order="-first_published_at")
    assert after["meta"]["total_count"] == before["meta"]["total_count"] + 1


def test_a_small_count_is_exact_at_once(world, client):
    before = _get(client, site="*", type="news.NewsPage")
    page = NewsPage(title="Tin mới nhất", slug="tin-moi-nhat")
    world["agency_news"].add_child(instance=page)
    page.save_revision().publish()
    after = _get(client, site="*", type="news.NewsPage")
    assert after["meta"]["total_count"] == before["meta"]["total_count"] + 1


def test_a_listing_that_can_match_nothing_counts_nothing(world):
    from api.pagination import count_matching

    assert count_matching(NewsPage.objects.filter(pk__in=[]), spanning=True) == 0
