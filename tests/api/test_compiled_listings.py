"""Listings of one page type run a window query compiled once per shape (api.listing): they
answer exactly as the queryset Django builds for the same request, reuse the query for other
values, leave what they cannot place to Django, and follow a change of what is public."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from api.listing import _windows
from api.views import pages as pages_view
from news.models import NewsCategory
from procedures.models import Sector

from .world import AGENCY_HOST, PORTAL_HOST

pytestmark = pytest.mark.django_db

NEWS = {"type": "news.NewsPage"}
PROCEDURES = {"type": "procedures.ProcedurePage"}
DOCUMENTS = {"type": "legaldocs.LegalDocumentPage"}
SHOWN = "summary,published_at,categories,tags,featured_image_thumbnail"

COMPILED = [
    (PORTAL_HOST, {**NEWS, "category": "thoi-su"}),
    (AGENCY_HOST, {**NEWS, "category": "xay-dung", "order": "-published_at"}),
    (PORTAL_HOST, {**NEWS, "site": "*", "category": "xay-dung", "fields": SHOWN}),
    (PORTAL_HOST, {**NEWS, "site": "*", "tag": "giao-duc"}),
    (PORTAL_HOST, {**NEWS, "site": "*", "tag": "nha-o", "category": "xay-dung"}),
    (PORTAL_HOST, {**NEWS, "site": "*", "featured": "true", "order": "title"}),
    (PORTAL_HOST, {**NEWS, "site": "*", "featured": "false", "limit": "1", "offset": "1"}),
    (AGENCY_HOST, {**NEWS, "order": "-first_published_at", "limit": "0"}),
    (AGENCY_HOST, {**NEWS, "offset": "50"}),
    (PORTAL_HOST, {**NEWS, "site": "*", "order": "-published_at", "offset": "2"}),
    (PORTAL_HOST, {**PROCEDURES, "site": "*", "sector": "{sector}"}),
    (PORTAL_HOST, {**PROCEDURES, "site": "*", "level": "tinh", "online_level": "toan_trinh"}),
    (PORTAL_HOST, {**PROCEDURES, "site": "*", "status": "con_hieu_luc", "order": "title"}),
    (AGENCY_HOST, {**PROCEDURES, "featured": "false"}),
    (PORTAL_HOST, {**DOCUMENTS, "document_type": "quyet_dinh"}),
    (PORTAL_HOST, {**DOCUMENTS, "status": "het_hieu_luc", "sector": "{sector}"}),
]
LEFT_TO_DJANGO = [
    (PORTAL_HOST, {**NEWS, "site": "*", "published_after": "2024-05-01"}),
    (PORTAL_HOST, {**NEWS, "site": "*", "order": "random"}),
    (PORTAL_HOST, {**NEWS, "site": "*", "search": "tin"}),
    (PORTAL_HOST, {**PROCEDURES, "site": "*", "code": "1.001612"}),
    (PORTAL_HOST, {**PROCEDURES, "site": "*", "implementing_agency": "xây dựng"}),
    (PORTAL_HOST, {"site": "*", "order": "title"}),
    (PORTAL_HOST, {**DOCUMENTS, "issued_after": "2023-01-01"}),
]
REFUSED = [
    (PORTAL_HOST, {**NEWS, "category": "khong-co"}),
    (PORTAL_HOST, {**NEWS, "featured": "co-le"}),
    (PORTAL_HOST, {**PROCEDURES, "level": "huyen"}),
    (PORTAL_HOST, {**PROCEDURES, "sector": "khong-co"}),
    (PORTAL_HOST, {**NEWS, "order": "khong-co"}),
    (PORTAL_HOST, {**NEWS, "sector": "{sector}"}),
]


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.API_CACHE = {**settings.API_CACHE, "SERVER_TIMEOUT": 0}


@pytest.fixture
def taken(monkeypatch):
    """Whether each listing took the compiled path."""
    seen = []
    original = pages_view.compiled_listing

    def spy(*args):
        listing = original(*args)
        seen.append(listing is not None)
        return listing

    monkeypatch.setattr(pages_view, "compiled_listing", spy)
    return seen


def _answers(client, settings, host, params) -> list[tuple[int, bytes]]:
    sector = Sector.objects.order_by("name").first().slug
    params = {name: value.replace("{sector}", sector) for name, value in params.items()}
    answers = []
    for compiled in (True, False):
        settings.API_COMPILED_LISTINGS = compiled
        response = client.get("/api/v2/pages/", params, headers={"host": host})
        answers.append((response.status_code, response.content))
    return answers


@pytest.mark.parametrize(("host", "params"), COMPILED)
def test_a_compiled_listing_answers_as_django_builds_it(
    world, client, settings, taken, host, params
):
    compiled, built = _answers(client, settings, host, params)
    assert taken == [True, False]
    assert compiled[0] == 200, compiled[1]
    assert compiled == built


@pytest.mark.parametrize(("host", "params"), LEFT_TO_DJANGO + REFUSED)
def test_what_it_cannot_place_or_refuses_is_answered_as_before(
    world, client, settings, taken, host, params
):
    compiled, built = _answers(client, settings, host, params)
    assert not any(taken)
    if params.get("order") == "random":  # the same pages, in another order each time
        compiled, built = [(status, json.loads(body)["meta"]) for status, body in (compiled, built)]
    assert compiled == built
    expected = 400 if (host, params) in REFUSED else 200
    assert compiled[0] == expected, compiled[1]


def test_one_compiled_query_serves_every_value(world, client, rf):
    for slug in ("thoi-su", "xay-dung", "thoi-su"):
        response = client.get(
            "/api/v2/pages/", {**NEWS, "site": "*", "category": slug}, headers={"host": PORTAL_HOST}
        )
        assert response.status_code == 200
    assert _windows.count(rf.get("/api/v2/pages/")) == 1
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Tin A"]


def test_a_page_made_private_leaves_the_compiled_listing(world, client):
    def titles():
        response = client.get("/api/v2/pages/", {**NEWS}, headers={"host": AGENCY_HOST})
        return [item["title"] for item in response.json()["items"]]

    assert "Tin B" in titles()
    PageViewRestriction.objects.create(page=world["news_b"], restriction_type="login")
    assert "Tin B" not in titles()


def test_sectors_and_categories_are_named_once_per_version_and_follow_a_rename(world, client):
    """A sector's or a category's slug is looked up once per content version; renaming it
    starts a new version, where the old slug is refused and the new one answers."""
    sector = Sector.objects.order_by("name").first()
    category = NewsCategory.objects.get(slug="xay-dung", site__hostname=AGENCY_HOST)
    listings = [
        (PORTAL_HOST, {**PROCEDURES, "site": "*", "sector": sector.slug}),
        (PORTAL_HOST, {**DOCUMENTS, "sector": sector.slug}),
        (AGENCY_HOST, {**NEWS, "category": "xay-dung"}),
    ]
    first = [
        client.get("/api/v2/pages/", params, headers={"host": host}) for host, params in listings
    ]
    assert [response.status_code for response in first] == [200, 200, 200]
    with CaptureQueriesContext(connection) as queries:
        for host, params in listings:
            client.get("/api/v2/pages/", params, headers={"host": host})
    slugs = ('"procedures_sector"."slug" =', '"news_newscategory"."slug" =')
    looked_up = [
        query
        for query in queries.captured_queries
        if query["sql"].count(slugs[0]) or query["sql"].count(slugs[1])
    ]
    assert looked_up == []

    old_sector, old_category = sector.slug, category.slug
    sector.slug, category.slug = "linh-vuc-moi", "chuyen-muc-moi"
    sector.save()
    category.save()
    refused = [
        client.get("/api/v2/pages/", {**PROCEDURES, "site": "*", "sector": old_sector}),
        client.get(
            "/api/v2/pages/", {**NEWS, "category": old_category}, headers={"host": AGENCY_HOST}
        ),
    ]
    assert [response.status_code for response in refused] == [400, 400]
    renamed = [
        client.get("/api/v2/pages/", {**PROCEDURES, "site": "*", "sector": "linh-vuc-moi"}),
        client.get(
            "/api/v2/pages/", {**NEWS, "category": "chuyen-muc-moi"}, headers={"host": AGENCY_HOST}
        ),
    ]
    assert [response.status_code for response in renamed] == [200, 200]
    assert [len(response.json()["items"]) for response in renamed] == [
        len(first[0].json()["items"]),
        len(first[2].json()["items"]),
    ]
