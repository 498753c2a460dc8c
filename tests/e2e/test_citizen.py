"""A citizen on the portal's default front-end finds a procedure: searches without
accents, narrows to the commune level, opens it."""

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from .conftest import shot

QUERY = "thu tuc dang ky khai sinh"
PROCEDURE = "Đăng ký khai sinh"


def _total(page) -> int:
    heading = page.locator("#results-heading")
    expect(heading).to_have_text(re.compile(r"^\d+ kết quả$"))
    return int(heading.inner_text().split()[0])


def test_citizen_searches_filters_by_commune_level_and_opens_the_procedure(live, new_context):
    page = new_context().new_page()
    page.goto(live.url("portal"))
    page.get_by_role("search").get_by_role("searchbox").fill(QUERY)
    page.get_by_role("search").get_by_role("button", name="Tìm kiếm").click()

    results = page.locator(".search-result")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
    expect(results.first).to_be_visible()
    expect(results.get_by_role("link", name=PROCEDURE, exact=True)).to_be_visible()
    everything = _total(page)
    shot(page, "13-citizen-search")

    # Birth registration is a commune matter: the provincial level leaves less, or nothing.
    page.get_by_label("Cấp thực hiện").select_option(label="Cấp tỉnh")
    page.locator("main form").get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query).get("level") == ["tinh"])
    provincial = _total(page)
    page.get_by_label("Cấp thực hiện").select_option(label="Cấp xã")
    page.locator("main form").get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query).get("level") == ["xa"])
    commune = _total(page)
    assert 0 < commune <= everything and provincial < everything, (commune, provincial, everything)
    expect(page.get_by_label("Cấp thực hiện")).to_have_value("xa")
    expect(page.get_by_label("Từ khóa", exact=True)).to_have_value(QUERY)
    for meta in results.locator(".result-meta").all_inner_texts():
        assert meta.startswith("Thủ tục hành chính"), meta
    shot(page, "14-citizen-search-commune-level")

    results.get_by_role("link", name=PROCEDURE, exact=True).click()
    expect(page.locator("h1")).to_have_text(PROCEDURE)
    expect(page.locator("dl.metadata").first).to_contain_text("Cấp xã")
    expect(page.locator(".online-service")).to_have_text("Nộp hồ sơ trực tuyến")
    assert page.url.startswith(live.url("pkinhbac"))
    shot(page, "15-citizen-procedure")
