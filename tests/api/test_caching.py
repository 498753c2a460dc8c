"""ETag, Last-Modified, Cache-Control, 304s, invalidation on publish/unpublish/move; CORS."""

import pytest
from wagtail.models import Page

from api.models import FrontendConfig

from .world import AGENCY_HOST, PORTAL_HOST

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


def _cached(client, path: str, host: str):
    """The response after making sure it is in the response cache."""
    client.get(path, headers={"host": host})
    response = client.get(path, headers={"host": host})
    assert response["X-Cache"] == "HIT", path
    return response


def test_a_publish_leaves_the_other_sites_cached_answers(
    world, client, django_capture_on_commit_callbacks
):
    """A page published on the agency's site: its listings and the all-sites listing are
    answered anew; the portal's own answers stay in the cache, with the same ETags."""
    portal_list = _cached(client, "/api/v2/pages/?type=news.NewsPage", PORTAL_HOST)
    portal_detail = _cached(client, f"/api/v2/pages/{world['news_a'].pk}/", PORTAL_HOST)
    agency_list = _cached(client, "/api/v2/pages/?type=news.NewsPage", AGENCY_HOST)
    all_sites = _cached(client, LISTING, PORTAL_HOST)
    page = world["news_c"].specific_class.objects.get(pk=world["news_c"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Tin C mới"
        page.save_revision().publish()

    for before, host in ((portal_list, PORTAL_HOST), (portal_detail, PORTAL_HOST)):
        again = client.get(before.wsgi_request.get_full_path(), headers={"host": host})
        assert again["X-Cache"] == "HIT" and again["ETag"] == before["ETag"]
    for before, host in ((agency_list, AGENCY_HOST), (all_sites, PORTAL_HOST)):
        again = client.get(before.wsgi_request.get_full_path(), headers={"host": host})
        assert again["X-Cache"] == "MISS" and again["ETag"] != before["ETag"]
        assert "Tin C mới" in {item["title"] for item in again.json()["items"]}


def test_a_page_linked_from_another_site_refreshes_that_sites_answers(
    world, client, django_capture_on_commit_callbacks
):
    """The agency's "Giới thiệu" links to the portal's news A: when news A is unpublished,
    the agency's answer that shows the link is made anew (no link to a page gone private)."""
    about = f"/api/v2/pages/{world['about'].pk}/"
    before = _cached(client, about, AGENCY_HOST)
    assert f'id="{world["news_a"].pk}"' in before.content.decode() or "tin A" in str(
        before.json()["body"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        world["news_a"].specific.unpublish()
    after = client.get(about, headers={"host": AGENCY_HOST})
    assert after["X-Cache"] == "MISS" and after["ETag"] != before["ETag"]
    assert after.content != before.content


def test_a_change_every_site_shows_refreshes_every_site(
    world, client, django_capture_on_commit_callbacks
):
    from sites.models import Agency

    portal = _cached(client, "/api/v2/pages/", PORTAL_HOST)
    agency = _cached(client, "/api/v2/pages/", AGENCY_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        named = Agency.objects.get(pk=world.agency.agency.pk)
        named.name = "Sở Xây dựng tỉnh Bắc Ninh"
        named.save()
    for before, host in ((portal, PORTAL_HOST), (agency, AGENCY_HOST)):
        again = client.get("/api/v2/pages/", headers={"host": host})
        assert again["X-Cache"] == "MISS" and again["ETag"] != before["ETag"]


def test_lost_versions_never_bring_back_an_old_answer(world, client):
    """The versions live in the cache as random tokens: when they are lost (eviction, a
    Redis restart), every answer is made anew, never one stored under an earlier version."""
    from django.core.cache import cache

    from api import versions

    before = _cached(client, "/api/v2/pages/", AGENCY_HOST)
    site_id = world.agency.pk
    cache.delete_many([versions.GLOBAL, versions.site_key(site_id)])
    again = client.get("/api/v2/pages/", headers={"host": AGENCY_HOST})
    assert again["X-Cache"] == "MISS" and again["ETag"] != before["ETag"]


def test_versions_move_after_the_commit_only(world, client):
    """Inside a transaction the change is not yet visible to others: the versions move once
    it commits (a request in between would store the old content under the new version)."""
    from django.core.cache import cache

    from api import versions

    key = versions.site_key(world.agency.pk)
    token = versions.current([key])[0]
    page = world["news_c"].specific_class.objects.get(pk=world["news_c"].pk)
    page.save_revision().publish()  # the test's transaction is never committed
    assert cache.get(key) == token


def test_without_a_shared_cache_every_change_refreshes_every_answer(
    world, client, settings, django_capture_on_commit_callbacks
):
    """Without Redis (a dev server, a second process with its own memory), versions in the
    cache would not reach the other processes: the database's one version keys every
    answer, and any change moves it."""
    settings.API_CACHE = {**settings.API_CACHE, "SITE_VERSIONS": False}
    portal = _cached(client, "/api/v2/pages/", PORTAL_HOST)
    page = world["news_c"].specific_class.objects.get(pk=world["news_c"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Tin C mới"
        page.save_revision().publish()
    again = client.get("/api/v2/pages/", headers={"host": PORTAL_HOST})
    assert again["X-Cache"] == "MISS" and again["ETag"] != portal["ETag"]


def test_site_versions_without_a_shared_cache_are_reported(settings):
    from api.checks import site_versions_need_a_shared_cache

    settings.API_CACHE = {**settings.API_CACHE, "SITE_VERSIONS": True}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [message.id for message in site_versions_need_a_shared_cache()] == ["api.W001"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://x",
        }
    }
    assert site_versions_need_a_shared_cache() == []


def test_a_section_renamed_refreshes_the_answers_linking_below_it(
    world, client, django_capture_on_commit_callbacks
):
    """The agency's "Giới thiệu" links to the portal's news A: when news A's section gets a
    new slug, news A's URL changes with it, and the answer that shows the link is made anew."""
    about = f"/api/v2/pages/{world['about'].pk}/"
    before = _cached(client, about, AGENCY_HOST)
    section = world["portal_news"].specific_class.objects.get(pk=world["portal_news"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        section.slug = "tin-tuc-moi"
        section.save_revision().publish()
    after = client.get(about, headers={"host": AGENCY_HOST})
    assert after["X-Cache"] == "MISS" and after["ETag"] != before["ETag"]
    assert "tin-tuc-moi" in after.content.decode()


def _again(client, before, host: str):
    return client.get(before.wsgi_request.get_full_path(), headers={"host": host})


def _republish(page, **changes):
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_publish_leaves_the_same_sites_other_details_cached(
    world, client, django_capture_on_commit_callbacks
):
    """Details are versioned per page: news C published on the agency's site gives news C's
    detail and the site's listings new answers; the site's other details stay cached."""
    news_c = _cached(client, f"/api/v2/pages/{world['news_c'].pk}/", AGENCY_HOST)
    others = [
        _cached(client, f"/api/v2/pages/{world[name].pk}/", AGENCY_HOST)
        for name in ("news_b", "about", "proc_tinh")
    ]
    listing = _cached(client, "/api/v2/pages/?type=news.NewsPage", AGENCY_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        _republish(world["news_c"], title="Tin C mới")

    for before in others:
        again = _again(client, before, AGENCY_HOST)
        assert again["X-Cache"] == "HIT" and again["ETag"] == before["ETag"]
        assert again.content == before.content
    again = _again(client, news_c, AGENCY_HOST)
    assert again["X-Cache"] == "MISS" and again.json()["title"] == "Tin C mới"
    again = _again(client, listing, AGENCY_HOST)
    assert again["X-Cache"] == "MISS"
    assert "Tin C mới" in {item["title"] for item in again.json()["items"]}


def test_a_parent_renamed_refreshes_its_childrens_details(
    world, client, django_capture_on_commit_callbacks
):
    """A detail shows its parent (meta.parent): "Lãnh đạo" is answered anew when "Giới thiệu"
    above it is renamed; a page elsewhere on the site is not."""
    child = _cached(client, f"/api/v2/pages/{world['leaders'].pk}/", AGENCY_HOST)
    assert child.json()["meta"]["parent"]["title"] == "Giới thiệu"
    elsewhere = _cached(client, f"/api/v2/pages/{world['news_b'].pk}/", AGENCY_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        _republish(world["about"], title="Giới thiệu chung")

    again = _again(client, child, AGENCY_HOST)
    assert again["X-Cache"] == "MISS"
    assert again.json()["meta"]["parent"]["title"] == "Giới thiệu chung"
    assert _again(client, elsewhere, AGENCY_HOST)["X-Cache"] == "HIT"


def test_a_section_renamed_refreshes_the_addresses_below_it(
    world, client, django_capture_on_commit_callbacks
):
    """A new slug moves every page below (html_url), grandchildren too."""
    news_a = _cached(client, f"/api/v2/pages/{world['news_a'].pk}/", PORTAL_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        _republish(world["portal_news"], slug="tin-tuc-moi")
    again = _again(client, news_a, PORTAL_HOST)
    assert again["X-Cache"] == "MISS"
    assert "/tin-tuc-moi/tin-a/" in again.json()["meta"]["html_url"]


def test_a_move_refreshes_the_moved_pages_details(
    world, client, django_capture_on_commit_callbacks
):
    """ "Lãnh đạo" moved from "Giới thiệu" to the site's home: a new parent and address."""
    child = _cached(client, f"/api/v2/pages/{world['leaders'].pk}/", AGENCY_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.get(pk=world["leaders"].pk)
        page.move(world.agency.root_page, pos="last-child")
    again = _again(client, child, AGENCY_HOST)
    assert again["X-Cache"] == "MISS"
    assert again.json()["meta"]["parent"]["id"] == world.agency.root_page.pk
    assert "/gioi-thieu/" not in again.json()["meta"]["html_url"]


def test_many_pages_changed_refresh_their_sites_details(
    world, client, monkeypatch, django_capture_on_commit_callbacks
):
    """Beyond PAGE_FANOUT pages (a home page renamed) one key moves per site instead: every
    detail of the agency's site is answered anew, the portal's stay cached."""
    from api import versions

    monkeypatch.setattr(versions, "PAGE_FANOUT", 1)
    leaders = _cached(client, f"/api/v2/pages/{world['leaders'].pk}/", AGENCY_HOST)
    news_b = _cached(client, f"/api/v2/pages/{world['news_b'].pk}/", AGENCY_HOST)
    portal = _cached(client, f"/api/v2/pages/{world['news_a'].pk}/", PORTAL_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        _republish(world["about"], title="Giới thiệu chung")  # itself and "Lãnh đạo": two
    assert _again(client, leaders, AGENCY_HOST)["X-Cache"] == "MISS"
    assert _again(client, news_b, AGENCY_HOST)["X-Cache"] == "MISS"
    assert _again(client, portal, PORTAL_HOST)["X-Cache"] == "HIT"


def test_a_change_every_site_shows_refreshes_every_detail(
    world, client, django_capture_on_commit_callbacks
):
    """A news category renamed: the details that show it are answered anew."""
    from news.models import NewsCategory

    news_a = _cached(client, f"/api/v2/pages/{world['news_a'].pk}/", PORTAL_HOST)
    category = NewsCategory.objects.get(pk=news_a.json()["categories"][0]["id"])
    with django_capture_on_commit_callbacks(execute=True):
        category.name = "Giáo dục và đào tạo"
        category.save()
    again = _again(client, news_a, PORTAL_HOST)
    assert again["X-Cache"] == "MISS"
    assert again.json()["categories"][0]["name"] == "Giáo dục và đào tạo"


def test_a_lost_page_version_never_brings_back_an_old_answer(world, client):
    """Page versions expire (any id can be asked for); a lost one is made anew, never reused."""
    from django.core.cache import cache

    from api import versions

    path = f"/api/v2/pages/{world['news_b'].pk}/"
    before = _cached(client, path, AGENCY_HOST)
    cache.delete(versions.page_key(world["news_b"].pk))
    again = client.get(path, headers={"host": AGENCY_HOST})
    assert again["X-Cache"] == "MISS" and again["ETag"] != before["ETag"]


def test_a_detail_made_private_is_never_answered_from_the_cache(
    world, client, django_capture_on_commit_callbacks
):
    """The same URL, cached, then its page (or its parent) made private: 404, and a child's
    parent is no longer shown."""
    from wagtail.models import PageViewRestriction

    page = _cached(client, f"/api/v2/pages/{world['news_c'].pk}/", AGENCY_HOST)
    child = _cached(client, f"/api/v2/pages/{world['leaders'].pk}/", AGENCY_HOST)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=world["news_c"], restriction_type="login")
        world["about"].specific.unpublish()
    assert _again(client, page, AGENCY_HOST).status_code == 404
    again = _again(client, child, AGENCY_HOST)
    assert again["X-Cache"] == "MISS" and again.json()["meta"]["parent"] is None
