"""The per-version tables behind every API request (api.tables): the sites and the view
restrictions, read once per content version and process instead of once per request."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from api.models import ContentVersion
from api.tables import KeptPerVersion, site_for_request, site_index, view_restrictions
from sites.models import SiteSettings

from .world import AGENCY_HOST, PORTAL_HOST

pytestmark = pytest.mark.django_db


def request_for(host: str):
    request = RequestFactory().get("/api/v2/pages/", headers={"host": host})
    request.api_content_version = ContentVersion.current().version
    return request


def wagtail_site(host: str) -> Site | None:
    return Site.find_for_request(RequestFactory().get("/", headers={"host": host}))


@pytest.fixture
def more_sites(world):
    """Sites that exercise Wagtail's host matching: one hostname on two ports, and a
    default site reached on another port."""
    root = world.agency.root_page
    Site.objects.create(hostname="hai.localhost", port=8001, root_page=root, site_name="Hai 1")
    Site.objects.create(hostname="hai.localhost", port=8002, root_page=root, site_name="Hai 2")
    Site.objects.create(hostname="mot.localhost", port=8003, root_page=root, site_name="Một")
    return world


@pytest.mark.parametrize(
    "host",
    [
        PORTAL_HOST,
        AGENCY_HOST,
        f"{AGENCY_HOST}:8000",  # no site on this port: the only site with this hostname
        f"{PORTAL_HOST}:9000",  # the default site by its hostname, on another port
        "hai.localhost:8002",  # hostname and port
        "hai.localhost",  # two sites with this hostname, none on port 80: the default site
        "mot.localhost",  # one site with this hostname, on another port
        "khong-co.localhost",  # unknown: the default site
    ],
)
def test_the_site_of_a_request_is_the_one_wagtail_finds(more_sites, host):
    assert site_for_request(request_for(host)) == wagtail_site(host)


def test_without_a_default_site_an_unknown_host_has_no_site(world):
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    request = request_for("khong-co.localhost")
    assert site_for_request(request) is None
    assert site_for_request(request_for(AGENCY_HOST)) == world.agency


def test_the_site_of_a_page_is_its_nearest_root(world):
    index = site_index(request_for(PORTAL_HOST))
    assert index.of_path(world["news_b"].path) == world.agency
    assert index.of_path(world.portal.root_page.path) == world.portal
    assert index.of_path(Page.get_first_root_node().path) is None


def test_the_sites_of_a_page_and_its_urls_are_the_ones_wagtail_finds(more_sites):
    """Two sites on one root, a site rooted inside another: a page's own root paths are found
    along its url_path, in Wagtail's order, and give the URLs Wagtail gives."""
    inner = more_sites["about"]
    Site.objects.create(hostname="ba.localhost", port=80, root_page=inner, site_name="Ba")
    index = site_index(request_for(AGENCY_HOST))
    every = Site.get_site_root_paths()
    assert len(index.root_paths) == len(every)
    for page in Page.objects.all():
        assert index.root_paths_of(page.url_path) == tuple(
            root for root in every if page.url_path.startswith(root.root_path)
        )
        fresh = Page.objects.get(pk=page.pk)
        page._wagtail_cached_site_root_paths = index.root_paths_of(page.url_path)
        assert (page.full_url, page.get_site()) == (fresh.full_url, fresh.get_site())
    assert index.root_paths_of("") == ()


def test_urls_built_with_the_request_need_no_cache_read(world, get, settings):
    """Wagtail keeps every site's root path in the cache and reads it for each URL it builds
    with a request (a procedure's online submission link): the API gives it this version's."""
    settings.API_CACHE = {**settings.API_CACHE, "SERVER_TIMEOUT": 0}
    SiteSettings.objects.update_or_create(
        site=world.agency, defaults={"online_service_url": "https://dichvucong.example.vn/"}
    )
    page = world["proc_tinh"]
    page.submit_online, page.national_portal_url = True, ""
    page.save(update_fields=["submit_online", "national_portal_url"])
    get(f"/api/v2/pages/{page.pk}/", host=AGENCY_HOST)  # the tables of this version
    cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    response = get(f"/api/v2/pages/{page.pk}/", host=AGENCY_HOST)
    assert response.status_code == 200
    assert response.json()["online_submission_url"] == "https://dichvucong.example.vn/"
    # Wagtail stores the list when it reads it.
    assert cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION) is None


def test_a_change_made_in_this_process_is_seen_at_once(world, get):
    """The process that changes a site drops its tables before the new version commits."""
    before = get("/api/v2/pages/?limit=5", host="moi.localhost").json()["items"]
    assert {item["meta"]["site"]["hostname"] for item in before} == {PORTAL_HOST}
    world.agency.hostname = "moi.localhost"
    world.agency.save()
    after = get("/api/v2/pages/?limit=6", host="moi.localhost").json()["items"]
    assert {item["meta"]["site"]["hostname"] for item in after} == {"moi.localhost"}


def test_another_process_sees_a_change_with_the_next_version(world):
    """Another process knows of a change only through the content version: its tables,
    loaded under one version, are read again under the next."""
    request = request_for(PORTAL_HOST)
    assert view_restrictions(request) == list(PageViewRestriction.objects.select_related("page"))
    before = len(view_restrictions(request))
    # A change this process did not make (no signal here), then the version another
    # process's commit moved on.
    restricted = world["news_b"]
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=restricted, restriction_type=PageViewRestriction.LOGIN)]
    )
    Site.objects.filter(pk=world.agency.pk).update(site_name="Tên mới")
    assert len(view_restrictions(request)) == before
    ContentVersion.bump()
    later = request_for(PORTAL_HOST)
    assert len(view_restrictions(later)) == before + 1
    assert site_index(later).of_path(restricted.path).site_name == "Tên mới"


def detail(get, page, host=AGENCY_HOST, **params):
    response = get(f"/api/v2/pages/{page.pk}/", host=host, **params)
    return response.status_code, response.json()


def test_a_page_made_private_after_it_was_served_is_404(world, get):
    """The second request of a page takes the short way (its type known in this process):
    the public conditions still apply."""
    page = world["news_c"]
    assert detail(get, page)[0] == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert detail(get, page, fields="title")[0] == 404
    page.get_view_restrictions().delete()
    page.specific.unpublish()
    assert detail(get, page, fields="*")[0] == 404
    # Out of the addressed site's scope as well.
    assert detail(get, world["news_a"], host=AGENCY_HOST)[0] == 404


def test_the_parent_follows_its_own_visibility(world, get):
    """Parents are kept per content version for anonymous callers; a parent unpublished or
    made private disappears from its children's details at once in this process."""
    child = world["leaders"]
    status, data = detail(get, child)
    assert status == 200 and data["meta"]["parent"]["id"] == world["about"].pk
    world["about"].specific.unpublish()
    status, data = detail(get, child, fields="title")
    assert status == 200 and data["meta"]["parent"] is None
    # The site root's parent is the tree's root, never shown.
    status, data = detail(get, world.agency.root_page)
    assert status == 200 and data["meta"]["parent"] is None


def test_a_parent_private_to_anonymous_callers_is_shown_to_one_who_passed(world, client):
    """Callers with a session are answered without the per-version parents: a password they
    passed shows the parent to them only."""
    parent, child = world["password"], world["password_child"]
    restriction = parent.get_view_restrictions().get()
    session = client.session
    session["passed_page_view_restrictions"] = [restriction.pk]
    session.save()
    data = client.get(f"/api/v2/pages/{child.pk}/", headers={"host": AGENCY_HOST}).json()
    assert data["meta"]["parent"]["id"] == parent.pk
    client.cookies.clear()
    response = client.get(f"/api/v2/pages/{child.pk}/", headers={"host": AGENCY_HOST})
    assert response.status_code == 404


def test_values_kept_per_version_are_made_once_and_bounded():
    made = []
    kept = KeptPerVersion(limit=2)

    def make(value):
        return lambda: made.append(value) or value

    request = RequestFactory().get("/")
    request.api_content_version = 7
    assert kept.get(request, "a", make(None)) is None
    assert kept.get(request, "a", make("again")) is None  # None is a value, kept too
    assert kept.get(request, "b", make("b")) == "b"
    assert kept.get(request, "c", make("c")) == "c"  # past the limit: the table starts over
    assert kept.count(request) == 1
    newer = RequestFactory().get("/")
    newer.api_content_version = 8
    assert kept.get(newer, "c", make("c8")) == "c8"
    assert made == [None, "b", "c", "c8"]


def test_with_site_versions_the_tables_follow_the_shared_caches_version(world, get):
    """With responses versioned per site, the tables' version lives beside them in the
    shared cache: another process's commit moves it there (not in this process), and the
    next request reads its tables and finds its site again under the new one."""
    from api import versions

    assert get("/api/v2/sites/", host=AGENCY_HOST).status_code == 200  # tables loaded
    plain = RequestFactory().get("/api/v2/pages/", headers={"host": PORTAL_HOST})
    before = len(view_restrictions(plain))
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=world["news_b"], restriction_type=PageViewRestriction.LOGIN)]
    )
    Site.objects.filter(pk=world.agency.pk).update(hostname="moi.localhost")
    stale = RequestFactory().get("/api/v2/pages/", headers={"host": PORTAL_HOST})
    assert len(view_restrictions(stale)) == before
    versions.bump_now([versions.TABLES, versions.GLOBAL])  # what the other commit does
    later = RequestFactory().get("/api/v2/pages/", headers={"host": PORTAL_HOST})
    assert len(view_restrictions(later)) == before + 1
    moved = get("/api/v2/pages/?type=news.NewsPage", host="moi.localhost")
    assert {item["meta"]["site"]["hostname"] for item in moved.json()["items"]} == {"moi.localhost"}
