import uuid
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from demo.loader import DEMO_AGENCIES
from sites.models import Agency

SLUGS = ["portal", "stttt", "skhdt", "stc", "sgtvt", "stp", "sxd", "snv", "pkinhbac", "pvocuong"]


@pytest.fixture(scope="module")
def demo_output(module_db):
    """The demo loaded twice, once for the module."""
    with override_settings(DEBUG=True):
        call_command("load_demo", port=8000, stdout=StringIO())
        pages_after_first = Page.objects.count()
        second = StringIO()
        call_command("load_demo", port=8000, stdout=second)
    return {"pages_after_first": pages_after_first, "second": second.getvalue()}


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def test_the_ten_demo_sites_exist_once(demo):
    assert [spec.slug for spec in DEMO_AGENCIES] == SLUGS
    assert Page.objects.count() == demo["pages_after_first"]
    assert "tạo mới 0 trang" in demo["second"]
    assert "Tệp mới: toàn văn 0 văn bản, mẫu tờ khai của 0 thủ tục" in demo["second"]
    hostnames = set(Site.objects.values_list("hostname", flat=True))
    assert hostnames == {"bacninh.localhost"} | {f"{slug}.bacninh.localhost" for slug in SLUGS[1:]}
    portal = Site.objects.get(hostname="bacninh.localhost")
    assert portal.is_default_site
    assert portal.root_page.title == "Cổng thông tin điện tử tỉnh Bắc Ninh"
    assert Agency.objects.get(slug="pkinhbac").kind == Agency.Kind.COMMUNE_WARD


def test_every_site_has_its_three_role_accounts_and_the_superuser(demo):
    User = get_user_model()
    for slug in SLUGS:
        agency = Agency.objects.get(slug=slug)
        for role in ("editor", "chief", "admin"):
            user = User.objects.get(username=f"{slug}-{role}")
            assert user.check_password("demo")
            assert list(user.groups.values_list("agency_role__agency", flat=True)) == [agency.pk]
            assert not user.is_superuser
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("demo")


def test_each_demo_host_serves_its_home_page(client, demo):
    for slug, name in (("stttt", "Sở Thông tin và Truyền thông"), ("pvocuong", "Phường Võ Cường")):
        response = client.get("/", headers={"host": f"{slug}.bacninh.localhost:8000"})
        assert f"<h1>{name}</h1>" in response.content.decode()


def test_load_demo_refuses_to_run_without_debug(demo):
    users, sites = get_user_model().objects.count(), Site.objects.count()
    with pytest.raises(CommandError, match="DEBUG=True"):
        call_command("load_demo")
    assert (get_user_model().objects.count(), Site.objects.count()) == (users, sites)


def test_every_agency_has_illustrated_news_in_its_own_collection(client, demo):
    """A front-end on any demo site finds news with a featured image, a category and tags,
    the image in the agency's own "Hình ảnh" collection; the second load added none."""
    from wagtail.images import get_image_model

    from news.models import NewsPage
    from sites.models import Agency

    assert "0 tin mới" in demo["second"]
    for slug in SLUGS:
        site = Site.objects.get(agency__slug=slug)
        news = NewsPage.objects.live().descendant_of(site.root_page).exclude(featured_image=None)
        assert news.exists(), slug
        page = news.first()
        agency_collection = page.featured_image.collection.get_parent()
        assert (agency_collection.name, page.featured_image.collection.name) == (
            Agency.objects.get(slug=slug).name,
            "Hình ảnh",
        )
        body = client.get(
            "/api/v2/pages/",
            {"type": "news.NewsPage", "fields": "featured_image_thumbnail,categories,tags"},
            headers={"host": site.hostname},
        ).json()
        item = next(item for item in body["items"] if item["featured_image_thumbnail"])
        assert item["featured_image_thumbnail"]["width"] == 400, slug
        assert item["categories"] and item["tags"], slug
    assert get_image_model().objects.count() == len(
        set(get_image_model().objects.values_list("file_hash", flat=True))
    )


@pytest.fixture
def demo_index(demo, settings):
    """The demo's pages and documents in an index of this test's own."""
    from search.client import get_client

    conf = settings.ELASTICSEARCH
    previous = conf["INDEX_PREFIX"]
    conf["INDEX_PREFIX"] = f"{previous}-demo-{uuid.uuid4().hex[:6]}"
    try:
        call_command("search_rebuild", verbosity=0)
        yield
    finally:
        get_client().indices.delete(index=f"{conf['INDEX_PREFIX']}-*", ignore_unavailable=True)
        conf["INDEX_PREFIX"] = previous


def test_the_demo_files_are_found_by_their_text(client, demo_index):
    found = client.get(
        "/api/v2/search/", {"q": "mau to khai dang ky khai sinh", "type": "document", "site": "*"}
    ).json()["items"]
    assert found[0]["title"] == "Tờ khai đăng ký khai sinh"
    assert found[0]["file"]["type"] == "docx"
    assert {page["title"] for page in found[0]["used_on"]} == {"Đăng ký khai sinh"}
    # A word of the decree's text only, not of its page: its PDF.
    law = client.get(
        "/api/v2/search/", {"q": "luat ho tich hieu luc thi hanh", "type": "document", "site": "*"}
    ).json()["items"]
    assert law[0]["title"] == "60/2014/QH13 – Luật Hộ tịch"
    assert "<mark>hiệu</mark> <mark>lực</mark> <mark>thi</mark> <mark>hành</mark>" in " ".join(
        law[0]["highlight"]["body"]
    )
    html = client.get(
        "/tim-kiem/",
        {"q": "to khai dang ky ket hon", "type": "document"},
        headers={"host": "bacninh.localhost:8000"},
    ).content.decode()
    assert "Tờ khai <mark>đăng</mark> <mark>ký</mark> <mark>kết</mark> <mark>hôn</mark>" in html
    assert "Tài liệu · DOCX," in html
