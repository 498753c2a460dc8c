"""GET /api/v2/search/ and /suggest/ against the real Elasticsearch."""

import pytest
from wagtail.models import Site

from search.client import get_client
from search.documents import alias_name


def titles(result: dict) -> list[str]:
    return [item["title"] for item in result["items"]]


@pytest.fixture
def world(shared_world):
    """These tests only read the world, so the module builds it once."""
    return shared_world


def test_analysis_uses_core_filters_only(world):
    es = get_client()
    shingles = es.indices.analyze(
        index=alias_name(), analyzer="vi_shingle", text="dang ky khai sinh"
    )
    assert [t["token"] for t in shingles["tokens"]] == [
        "dang ky",
        "dang ky khai",
        "ky khai",
        "ky khai sinh",
        "khai sinh",
    ]
    words = es.indices.analyze(index=alias_name(), analyzer="vi_text", text="Đăng KÝ 1.001612")
    assert [t["token"] for t in words["tokens"]] == ["đăng", "ký", "1.001612"]
    # Stop words are kept: "của" and "cửa" must stay apart on the accented side.
    kept = es.indices.analyze(index=alias_name(), analyzer="vi_text", text="của cửa có cơ")
    assert len(kept["tokens"]) == 4


def test_folded_query_finds_the_accented_title(world, api):
    result = api(q="thu tuc cap giay phep xay dung")
    assert result["meta"]["engine"] == "elasticsearch"
    assert titles(result)[0].startswith("Cấp giấy phép xây dựng")


def test_exact_title_ranks_above_longer_ones(world, api):
    found = titles(api(q="dang ky khai sinh"))
    assert found[0] == "Đăng ký khai sinh"
    assert found.index("Đăng ký khai sinh") < found.index(
        "Đăng ký khai sinh có yếu tố nước ngoài cho người đã có hồ sơ, giấy tờ cá nhân"
    )


def test_short_queries_need_every_word_longer_ones_most(world, api):
    births = [
        "Đăng ký khai sinh",
        "Đăng ký khai sinh có yếu tố nước ngoài cho người đã có hồ sơ, giấy tờ cá nhân",
        "Đăng ký lại khai sinh",
    ]
    assert sorted(titles(api(q="dang ky khai sinh", site="*"))) == births
    # The words may be spread over the fields: "hộ tịch" is the sector, not in the title.
    # Five concepts: fewer are enough to match, all five rank first.
    found = titles(api(q="đăng ký khai sinh hộ tịch", site="*"))
    assert found[0] == "Đăng ký khai sinh" and set(births) <= set(found[:4])


def test_few_pages_with_every_word_falls_back_to_any_word(world, api):
    # No page has "sinhh": the pages with the other words are found, as a typo needs.
    result = api(q="khai sinhh", site="*")
    assert result["meta"]["relaxed"] is True
    assert "Đăng ký khai sinh" in titles(result)[:3]


def test_accented_query_prefers_exact_diacritics(world, api):
    assert titles(api(q="cửa hàng"))[0] == "Quy định về cửa hàng"
    assert titles(api(q="của hàng"))[0] == "Quy định về của hàng"
    assert set(titles(api(q="cua hang"))[:2]) == {"Quy định về cửa hàng", "Quy định về của hàng"}


@pytest.mark.parametrize(
    ("q", "title"),
    [
        ("1.001612", "Đăng ký thành lập hộ kinh doanh"),
        ("MAU.0006", "Đăng ký lại khai sinh"),
        ("mau.0006", "Đăng ký lại khai sinh"),
        ("42/2022/NĐ-CP", "Nghị định về dịch vụ công trực tuyến"),
        ("42/2022/ND-CP", "Nghị định về dịch vụ công trực tuyến"),
        (
            "thủ tục 1.013227",
            "Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        ),
    ],
)
def test_code_search_hits_that_item_first(world, api, q, title):
    assert titles(api(q=q))[0] == title


@pytest.mark.parametrize(
    ("q", "title"),
    [
        ("GPXD", "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ"),
        (
            "sổ đỏ",
            "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        ),
        ("HKD", "Đăng ký thành lập hộ kinh doanh"),
        ("UBND tỉnh", "Ban Chỉ đạo Công nghệ thông tin tỉnh họp phiên thứ nhất"),
    ],
)
def test_abbreviations_expand(world, api, q, title):
    assert title in titles(api(q=q))[:2]


def test_admins_edit_synonyms(world, api):
    from search.models import SearchSynonym

    assert "Đăng ký kết hôn" not in titles(api(q="se duyên"))
    SearchSynonym.objects.create(phrases="se duyên\nkết hôn")
    assert titles(api(q="se duyên"))[0] == "Đăng ký kết hôn"


def test_synonyms_are_read_again_after_a_change_made_by_another_process(
    world, api, django_assert_num_queries
):
    from django.core.cache import cache

    from search import synonyms
    from search.models import SearchSynonym

    synonyms.synonym_groups()
    with django_assert_num_queries(0):  # this process's copy, checked against the stamp
        synonyms.synonym_groups()
    # Another process's change: its rows and the stamp it drops, without a signal here.
    SearchSynonym.objects.bulk_create([SearchSynonym(phrases="se duyên\nkết hôn")])
    cache.delete(synonyms.STAMP_KEY)
    assert titles(api(q="se duyên"))[0] == "Đăng ký kết hôn"


def test_site_scoping(world, api):
    agency_only = api(q="đăng ký", site="stttt")
    assert agency_only["items"] and {i["site"]["slug"] for i in agency_only["items"]} == {"stttt"}
    by_host = api(q="đăng ký", site="stttt.bacninh.localhost")
    assert by_host["meta"]["total"] == agency_only["meta"]["total"]
    everywhere = api(q="đăng ký", site="*")
    assert {i["site"]["slug"] for i in everywhere["items"]} == {"stttt", "portal"}
    # No site parameter on the portal's hostname: the whole province.
    assert api(q="đăng ký")["meta"]["total"] == everywhere["meta"]["total"]


def test_the_request_site_follows_a_hostname_change(world, client):
    """The host -> site answer is cached between requests; changing a site clears it."""

    def slugs(host: str) -> set[str]:
        items = client.get("/api/v2/search/", {"q": "đăng ký"}, HTTP_HOST=host).json()["items"]
        return {item["site"]["slug"] for item in items}

    assert slugs("stttt.bacninh.localhost") == {"stttt"}
    agency = Site.objects.get(pk=world.agency.pk)
    agency.hostname = "so-moi.bacninh.localhost"
    agency.save()
    # The old hostname is now unknown: the default site (the portal) searches every site.
    assert slugs("stttt.bacninh.localhost") == {"stttt", "portal"}
    assert slugs("so-moi.bacninh.localhost") == {"stttt"}


def test_facets_count_the_results(world, api):
    facets = api(site="*", page_size=1)["facets"]
    types = {f["value"]: f["count"] for f in facets["type"]}
    assert types == {"procedure": 8, "news": 1, "legaldoc": 1, "page": 2}
    sites = {f["value"]: (f["count"], f["label"]) for f in facets["site"]}
    assert sites["stttt"][0] == 5
    sectors = {f["value"]: f["count"] for f in facets["sector"]}
    assert sectors["ho-tich"] == 4
    online = {f["value"]: f["count"] for f in facets["online"]}
    assert online == {"toan_trinh": 4, "mot_phan": 4}
    assert {f["value"] for f in facets["year"]} >= {2022}


def test_filters(world, api):
    result = api(q="đăng ký", type="procedure", sector="ho-tich", online="toan_trinh")
    assert titles(result) == ["Đăng ký khai sinh"]
    assert api(level="tinh", type="procedure")["meta"]["total"] == 1
    docs = api(type="legaldoc", date_from="2022-01-01", date_to="2022-12-31")
    assert titles(docs) == ["Nghị định về dịch vụ công trực tuyến"]
    assert api(type="legaldoc", date_from="2023-01-01")["meta"]["total"] == 0


def test_highlight_marks_the_accented_words(world, api):
    item = api(q="giay phep xay dung")["items"][0]
    assert (
        "<mark>giấy</mark> <mark>phép</mark> <mark>xây</mark> <mark>dựng</mark>"
        in (item["highlight"]["title"][0])
    )


def test_paging(world, api):
    first = api(q="đăng ký", page_size=2)
    second = api(q="đăng ký", page_size=2, page=2)
    assert first["meta"]["page_size"] == 2 and len(first["items"]) == 2
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_did_you_mean(world, api):
    assert api(q="khai sinhh")["did_you_mean"] == "khai sinh"
    assert api(q="khia sinh")["did_you_mean"] == "khai sinh"
    assert api(q="đăng ký khai sinh")["did_you_mean"] is None


def test_suggest_prefix_on_folded_text(world, api):
    items = api("suggest/", q="giay ph")["items"]
    assert items and all("giấy phép" in item["title"].lower() for item in items)
    assert len(items) <= 10
    assert api("suggest/", q="dang ky kh", site="stttt")["items"][0]["title"].startswith(
        "Đăng ký khai sinh"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"type": "video"},
        {"page": "0"},
        {"page_size": "500"},
        {"page": "abc"},
        {"date_from": "31/12/2022"},
        {"date_from": "2023-01-01", "date_to": "2022-01-01"},
        {"level": "huyen"},
        {"online": "yes"},
        {"site": "khong-ton-tai"},
    ],
)
def test_bad_parameters_answer_400_in_vietnamese(world, api, params):
    error = api(status=400, **params)["message"]
    assert error and any(ch in error for ch in "ảạáàãăâđêôơư")
