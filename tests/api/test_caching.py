"""ETag, Last-Modified, Cache-Control, 304s, invalidation on publish/unpublish/move; CORS."""

import pytest

from api.models import FrontendConfig

from .world import AGENCY_HOST

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=news.NewsPage&site=*"


def fetch(client, path=LISTING, **headers):
    return client.get(path, headers={"host": AGENCY_HOST, **headers})


def test_get_carries_validators_and_cache_control(world, client):
    response = fetch(client)
    assert response.status_code == 200
    assert response["ETag"].startswith('"v')
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]


def test_conditional_get_is_304(world, client):
    first = fetch(client)
    assert fetch(client, if_none_match=first["ETag"]).status_code == 304
    assert fetch(client, if_modified_since=first["Last-Modified"]).status_code == 304
    assert fetch(client, if_none_match='"other"').status_code == 200


def test_second_get_is_served_from_the_server_cache(world, client):
    assert fetch(client)["X-Cache"] == "MISS"
    repeat = fetch(client)
    assert repeat["X-Cache"] == "HIT"
    assert "Tin B" in repeat.content.decode()


def test_a_server_with_the_response_cache_off_never_answers_from_it(world, client, settings):
    """A server with API_CACHE_SERVER_TIMEOUT=0 that shares its cache with others (one Redis)
    runs the view every time: it neither stores nor reads others' entries."""
    stored = fetch(client)
    assert stored["X-Cache"] == "MISS" and fetch(client)["X-Cache"] == "HIT"
    settings.API_CACHE = {**settings.API_CACHE, "SERVER_TIMEOUT": 0}
    for _ in range(2):
        uncached = fetch(client)
        assert uncached["X-Cache"] == "MISS"
        assert uncached["ETag"] == stored["ETag"]
        assert uncached.content == stored.content


@pytest.mark.parametrize("change", ["publish", "unpublish", "move"])
def test_changes_give_a_new_etag_and_fresh_content(
    world, client, django_capture_on_commit_callbacks, change
):
    before = fetch(client)
    page = world["news_c"].specific_class.objects.get(pk=world["news_c"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        if change == "publish":
            page.title = "Tin C mới"
            page.save_revision().publish()
        elif change == "unpublish":
            page.unpublish()
        else:
            page.move(world["portal_news"].specific, pos="last-child")
    after = fetch(client, if_none_match=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after["X-Cache"] == "MISS"
    titles = {item["title"] for item in after.json()["items"]}
    expected = {"publish": "Tin C mới" in titles, "unpublish": "Tin C" not in titles}
    assert expected.get(change, True)
    if change == "move":
        sites = {i["title"]: i["meta"]["site"]["slug"] for i in after.json()["items"]}
        assert sites["Tin C"] == "portal"


def test_logged_in_or_session_requests_are_not_cached(world, client):
    client.cookies["sessionid"] = "x"
    response = fetch(client)
    assert "ETag" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_cors_allow_list_per_site(world, client):
    FrontendConfig.objects.create(site=world.agency, cors_origins="https://sxd.example.vn\n")
    allowed = fetch(client, "/api/v2/pages/", origin="https://sxd.example.vn")
    assert allowed["Access-Control-Allow-Origin"] == "https://sxd.example.vn"
    other = fetch(client, "/api/v2/pages/", origin="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    # The agency's origin is not allowed to read the portal through the API.
    portal = client.get("/api/v2/pages/?site=portal", headers={"origin": "https://sxd.example.vn"})
    assert "Access-Control-Allow-Origin" not in portal


def test_each_origin_has_its_own_cached_answer(world, client):
    """The body's URLs are absolute on the request's origin, so http and https (behind a
    proxy) must not share a cached answer."""
    plain = fetch(client)
    secure = client.get(LISTING, headers={"host": AGENCY_HOST}, secure=True)
    assert secure["ETag"] != plain["ETag"]
    assert secure["X-Cache"] == "MISS"
    assert secure.json()["items"][0]["meta"]["detail_url"].startswith("https://")
