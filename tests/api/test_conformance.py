"""Conformance with stock Wagtail API v2 conventions, on every demo site: a client that
knows only those conventions (and the site's hostname) resolves any page by path, lists the
sections with pagination, follows every `detail_url` and `parent`, resolves a redirect,
reads through CORS with revalidation (304), and runs the preview flow the site's admin set up.

The demo is loaded once for the module (ports 80, so a site's root URL is its hostname)."""

from io import StringIO
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from demo.loader import DEMO_AGENCIES

SLUGS = [spec.slug for spec in DEMO_AGENCIES]
PASSWORD = "demo"
ORIGIN = "https://{slug}.frontend.example"
OLD_PATH = "/trang-cu/gioi-thieu.aspx"


@pytest.fixture(scope="module")
def _demo(module_db):
    with override_settings(DEBUG=True):
        call_command("load_demo", port=80, stdout=StringIO())
    for site in Site.objects.select_related("root_page"):
        about = site.root_page.get_children().live().get(slug="gioi-thieu")
        Redirect.objects.create(old_path=OLD_PATH, site=site, redirect_page=about)
    return {site.agency.slug: site for site in Site.objects.select_related("agency", "root_page")}


@pytest.fixture
def demo(_demo, db):
    cache.clear()  # each test rolls the content version back (see tests/api/conftest.py)
    return _demo


class V2Client:
    """What a stock v2 client does: GET JSON on one host, follow absolute URLs as given."""

    def __init__(self, host: str, origin: str | None = None):
        self.host = host
        self.http = Client()
        self.headers = {"origin": origin} if origin else {}

    def get(self, path: str, status: int = 200, host: str | None = None, **params):
        response = self.http.get(path, params, headers={"host": host or self.host, **self.headers})
        assert response.status_code == status, (
            host or self.host,
            path,
            params,
            response.content[:300],
        )
        return response

    def json(self, path: str, **params) -> dict:
        return self.get(path, **params).json()

    def follow(self, url: str, status: int = 200):
        parts = urlsplit(url)
        assert parts.scheme == "http" and parts.netloc, url
        params = {name: values[0] for name, values in parse_qs(parts.query).items()}
        return self.get(parts.path, status=status, host=parts.netloc, **params)

    def listing(self, limit: int = 7, **params) -> list[dict]:
        """Every item of a listing, page after page, checking the pagination's totals."""
        items, offset, total = [], 0, None
        while total is None or offset < total:
            body = self.json("/api/v2/pages/", limit=limit, offset=offset, **params)
            total = body["meta"]["total_count"] if total is None else total
            assert body["meta"]["total_count"] == total
            assert len(body["items"]) == min(limit, total - offset)
            items += body["items"]
            offset += limit
        assert len({item["id"] for item in items}) == len(items) == total
        return items

    def find(self, html_path: str) -> dict:
        response = self.get("/api/v2/pages/find/", status=302, html_path=html_path)
        location = urlsplit(response["Location"])
        assert location.netloc == self.host, response["Location"]
        return self.follow(response["Location"]).json()


def html_path(site: Site, html_url: str) -> str:
    assert html_url.startswith(site.root_url + "/"), (site.root_url, html_url)
    return html_url[len(site.root_url) :]


@pytest.mark.parametrize("slug", SLUGS)
def test_pages_resolve_by_path_and_every_link_is_followed(demo, slug):
    site = demo[slug]
    api = V2Client(site.hostname)
    home = api.find("/")
    assert home["id"] == site.root_page_id
    assert home["meta"]["html_url"] == site.root_url + "/"
    sections = api.listing(child_of=home["id"], limit=2)
    assert {"tin-tuc", "thu-tuc-hanh-chinh", "van-ban", "gioi-thieu"} <= {
        s["meta"]["slug"] for s in sections
    }
    pages = 0
    for section in sections:
        for item in [section, *api.listing(child_of=section["id"])]:
            assert urlsplit(item["meta"]["detail_url"]).netloc == site.hostname
            detail = api.follow(item["meta"]["detail_url"]).json()
            assert (detail["id"], detail["meta"]["type"]) == (item["id"], item["meta"]["type"])
            parent = detail["meta"]["parent"]
            assert api.follow(parent["meta"]["detail_url"]).json()["id"] == parent["id"]
            assert parent["id"] in (home["id"], section["id"])
            found = api.find(html_path(site, detail["meta"]["html_url"]))
            assert found["id"] == detail["id"]
            pages += 1
    assert pages == Page.objects.live().public().descendant_of(site.root_page).count()


@pytest.mark.parametrize("slug", SLUGS)
def test_menu_links_and_a_redirect_resolve(demo, slug):
    site = demo[slug]
    api = V2Client(site.hostname)
    menu = api.json("/api/v2/menus/")
    assert menu["items"]
    for item in menu["items"]:
        assert api.find(item["html_path"])["id"] == item["id"]
    for old_path in [OLD_PATH, OLD_PATH + "/"]:
        redirects = api.json("/api/v2/redirects/", old_path=old_path)
        assert redirects["meta"]["total_count"] == 1
        redirect = redirects["items"][0]
        assert redirect["status_code"] == 301
        target = api.find(redirect["target_html_path"])
        assert target["id"] == redirect["target_page"]["id"]
        assert (
            api.follow(redirect["target_page"]["meta"]["detail_url"]).json()["id"] == target["id"]
        )
    assert api.json("/api/v2/redirects/", old_path="/khong-co-trang-nay")["items"] == []


def site_admin(site: Site, slug: str) -> Client:
    """The site's admin, signed in through the admin's login form."""
    admin = Client()
    response = admin.post(
        "/admin/login/",
        {"username": f"{slug}-admin", "password": PASSWORD},
        headers={"host": site.hostname},
    )
    assert response.status_code == 302, response.content[:300]
    return admin


def configure_frontend(site: Site, slug: str) -> str:
    """The site's admin sets the front-end address and origin in the Wagtail admin."""
    admin = site_admin(site, slug)
    origin = ORIGIN.format(slug=slug)
    response = admin.post(
        "/admin/frontendconfig/new/",
        {"site": site.pk, "frontend_url": f"{origin}/xem-truoc", "cors_origins": origin},
        headers={"host": site.hostname},
    )
    assert response.status_code == 302, response.content[:500]
    return origin


@pytest.mark.parametrize("slug", SLUGS)
def test_a_browser_on_the_configured_origin_revalidates_with_304(demo, slug):
    site = demo[slug]
    origin = configure_frontend(site, slug)
    browser = V2Client(site.hostname, origin)
    preflight = browser.http.options(
        "/api/v2/pages/",
        headers={
            "host": site.hostname,
            "origin": origin,
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert preflight["Access-Control-Allow-Origin"] == origin
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    first = browser.get("/api/v2/pages/", child_of=site.root_page_id)
    assert first["Access-Control-Allow-Origin"] == origin
    assert "etag" in first["Access-Control-Expose-Headers"].lower()
    again = browser.http.get(
        "/api/v2/pages/",
        {"child_of": site.root_page_id},
        headers={"host": site.hostname, "origin": origin, "if-none-match": first["ETag"]},
    )
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == origin
    # Another site's front-end is not let in.
    other = next(s for s in SLUGS if s != slug)
    stranger = V2Client(site.hostname, ORIGIN.format(slug=other)).get("/api/v2/pages/")
    assert "Access-Control-Allow-Origin" not in stranger


@pytest.mark.parametrize("slug", SLUGS)
def test_preview_flow_set_up_by_the_sites_admin(demo, slug):
    site = demo[slug]
    origin = configure_frontend(site, slug)
    page = site.root_page.get_children().get(slug="gioi-thieu").specific
    page.title = "Giới thiệu (bản nháp)"
    page.save_revision()
    editor = site_admin(site, slug)
    button = editor.get(f"/admin/api-preview/{page.pk}/", headers={"host": site.hostname})
    assert button.status_code == 302
    location = urlsplit(button["Location"])
    assert f"{location.scheme}://{location.netloc}" == origin
    query = {name: values[0] for name, values in parse_qs(location.query).items()}
    assert set(query) == {"token", "id", "content_type"}
    # The front-end passes on what it was given.
    browser = V2Client(site.hostname, origin)
    response = browser.get(f"/api/v2/preview/?{urlencode(query)}")
    assert response["Access-Control-Allow-Origin"] == origin
    assert response["Cache-Control"] == "private, no-store"
    draft = response.json()
    assert draft["title"] == "Giới thiệu (bản nháp)" and draft["id"] == page.pk
    assert browser.json(f"/api/v2/pages/{page.pk}/")["title"] == "Giới thiệu"


def test_portal_front_end_reads_every_site(demo):
    """The portal's home page: latest news and featured procedures across all sites, each
    item's links resolving from the portal's host."""
    portal = demo["portal"]
    api = V2Client(portal.hostname)
    for params in [
        {"type": "news.NewsPage", "order": "-published_at"},
        {"type": "procedures.ProcedurePage", "featured": "true"},
    ]:
        items = api.listing(site="*", limit=20, **params)
        assert {item["meta"]["site"]["slug"] for item in items} - {"portal"}
        for item in items:
            detail = api.follow(item["meta"]["detail_url"]).json()
            assert detail["id"] == item["id"]
            owner = demo[item["meta"]["site"]["slug"]]
            assert (
                V2Client(owner.hostname).find(html_path(owner, detail["meta"]["html_url"]))["id"]
                == item["id"]
            )
