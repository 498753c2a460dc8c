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
