"""The leak matrix: each kind of non-public content × each endpoint, for anonymous callers."""

import pytest

from .world import AGENCY_HOST, SECRET

pytestmark = pytest.mark.django_db

SECRET_PAGES = [
    "draft",
    "unpublished",
    "scheduled",
    "password",
    "password_child",
    "login",
    "login_child",
    "groups",
    "groups_child",
]

LISTINGS = [
    ("/api/v2/pages/", {}),
    ("/api/v2/pages/", {"site": "*"}),
    ("/api/v2/pages/", {"site": "*", "type": "news.NewsPage"}),
    ("/api/v2/pages/", {"site": "*", "type": "home.StandardPage"}),
    ("/api/v2/pages/", {"type": "news.NewsPage", "featured": "false"}),
    ("/api/v2/pages/", {"search": "BÍ"}),
    ("/api/v2/images/", {}),
    ("/api/v2/documents/", {}),
    ("/api/v2/menus/", {}),
    ("/api/v2/redirects/", {}),
    ("/api/v2/sites/", {}),
]


def test_secret_content_is_really_there(world):
    assert not any(world[name].live and name != "password" for name in ["draft", "scheduled"])
    assert world["scheduled"].go_live_at is not None


@pytest.mark.parametrize(("path", "params"), LISTINGS)
def test_listings_never_show_secret_content(world, get, path, params):
    response = get(path, AGENCY_HOST, **{"limit": "100", **params} if "pages" in path else params)
    assert response.status_code == 200, response.content
    assert SECRET not in response.content.decode()
    ids = {item.get("id") for item in response.json().get("items", [])}
    if path == "/api/v2/pages/":
        assert not ids & {world[name].pk for name in SECRET_PAGES}


@pytest.mark.parametrize("name", SECRET_PAGES)
@pytest.mark.parametrize("site", ["", "sxd", "*"])
def test_detail_of_secret_pages_is_404(world, get, name, site):
    params = {"site": site} if site else {}
    response = get(f"/api/v2/pages/{world[name].pk}/", AGENCY_HOST, **params)
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("name", SECRET_PAGES)
def test_find_of_secret_pages_is_404(world, get, name):
    page = world[name]
    html_path = page.url_path[len(world.agency.root_page.url_path) - 1 :]
    response = get("/api/v2/pages/find/", AGENCY_HOST, html_path=html_path, site="sxd")
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["draft", "unpublished", "scheduled", "password", "login"])
def test_secret_pages_are_not_reachable_as_children_or_descendants(world, get, name):
    parent = world[name].get_parent()
    for param in ("child_of", "descendant_of"):
        response = get("/api/v2/pages/", AGENCY_HOST, **{param: parent.pk})
        if response.status_code == 200:
            assert world[name].pk not in {item["id"] for item in response.json()["items"]}
        else:
            assert response.status_code in (400, 404)


def test_children_of_a_restricted_page_are_not_listed(world, get):
    response = get("/api/v2/pages/", AGENCY_HOST, child_of=world["login"].pk)
    assert response.status_code in (400, 404)


def test_a_live_pages_draft_changes_are_not_served(world, get):
    body = get(f"/api/v2/pages/{world['news_b'].pk}/", AGENCY_HOST).json()
    assert body["title"] == "Tin B"


@pytest.mark.parametrize("kind", ["image", "document"])
def test_private_collection_media_is_hidden(world, get, kind):
    item = world.media[f"private_{kind}"]
    assert get(f"/api/v2/{kind}s/{item.pk}/").status_code == 404
    public = world.media[f"public_{kind}"]
    assert get(f"/api/v2/{kind}s/{public.pk}/").status_code == 200
