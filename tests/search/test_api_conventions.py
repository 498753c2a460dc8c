"""The search API speaks the pages endpoint's dialect: limit/offset, online_level,
published_after/published_before, meta.total_count, items with meta.detail_url/html_url; the
older names stay as aliases; unknown parameters are a 400 naming them."""

from urllib.parse import urlsplit

import pytest


@pytest.fixture
def world(shared_world):
    return shared_world


def ids(result: dict) -> list[int]:
    return [item["id"] for item in result["items"]]


def test_limit_and_offset_window_the_results(world, api):
    everything = api(q="đăng ký", site="*", limit=6)
    assert everything["meta"]["total_count"] == everything["meta"]["total"]
    assert everything["meta"]["limit"] == 6 and everything["meta"]["offset"] == 0
    window = api(q="đăng ký", site="*", limit=2, offset=3)
    assert ids(window) == ids(everything)[3:5]
    assert window["meta"]["offset"] == 3
    # The older names give the same window, aligned on pages.
    assert ids(api(q="đăng ký", site="*", page=2, page_size=2)) == ids(everything)[2:4]


def test_new_names_and_their_aliases_filter_alike(world, api):
    for new, old in [
        ({"online_level": "toan_trinh"}, {"online": "toan_trinh"}),
        (
            {"published_after": "2022-01-01", "published_before": "2022-12-31"},
            {"date_from": "2022-01-01", "date_to": "2022-12-31"},
        ),
        ({"type": "procedures.ProcedurePage"}, {"type": "procedure"}),
    ]:
        a, b = api(site="*", **new), api(site="*", **old)
        assert a["meta"]["total_count"] == b["meta"]["total_count"] > 0
        assert ids(a) == ids(b)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "51"},
        {"offset": "-1"},
        {"offset": "10000"},
        {"limit": "5", "page": "2"},
        {"online_level": "toan_trinh", "online": "mot_phan"},
        {"published_after": "2023-01-01", "published_before": "2022-01-01"},
        {"type": "news.Khong"},
    ],
)
def test_bad_windows_and_conflicting_aliases_are_400(world, api, params):
    assert api(status=400, **params)["message"]


def test_unknown_parameters_are_named(world, api):
    message = api(status=400, q="x", pagesize="5", sort="date")["message"]
    assert "pagesize" in message and "sort" in message
    assert "colour" in api("suggest/", status=400, q="x", colour="1")["message"]


def test_items_carry_the_pages_meta(world, api, client):
    result = api(q="đăng ký khai sinh", site="*")
    item = result["items"][0]
    meta = item["meta"]
    assert meta["type"] == "procedures.ProcedurePage"
    assert meta["html_url"] == item["url"]
    assert meta["site"]["hostname"] == item["site"]["hostname"]
    assert meta["site"]["id"]
    url = urlsplit(meta["detail_url"])
    assert url.netloc == "bacninh.localhost" and url.path == f"/api/v2/pages/{item['id']}/"
    detail = client.get(f"{url.path}?{url.query}", HTTP_HOST=url.netloc)
    assert detail.status_code == 200 and detail.json()["id"] == item["id"]


def test_facets_have_labels_and_the_parameters_names(world, api):
    facets = api(site="*")["facets"]
    assert {f["value"]: f["label"] for f in facets["type"]}["procedure"] == "thủ tục hành chính"
    assert {f["value"]: f["label"] for f in facets["online_level"]}["toan_trinh"] == "Toàn trình"
    assert facets["online_level"] == facets["online"]
    assert all(f["label"] for f in facets["level"])


def test_numeric_site_id(world, api):
    by_slug = api(q="đăng ký", site="stttt")
    assert by_slug["meta"]["total_count"] > 0
    assert ids(api(q="đăng ký", site=str(world.agency.pk))) == ids(by_slug)
