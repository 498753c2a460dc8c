"""What the portal's and the sub-sites' home pages list."""

import pytest
from django.apps import apps

from news.models import PortalFeature
from tests.news.html_checks import assert_headings_well_formed

pytestmark = pytest.mark.django_db

PORTAL = {"host": "bacninh.localhost"}
AGENCY = {"host": "stttt.bacninh.localhost"}


def test_portal_home_lists_sub_site_news_but_not_drafts(
    client, agency_news_index, portal_news_index, make_news
):
    make_news(agency_news_index, "Tin của Sở đã đăng", day=3)
    make_news(agency_news_index, "Tin của Sở còn nháp", day=4, live=False)
    make_news(portal_news_index, "Tin của Cổng tỉnh", day=2)

    response = client.get("/", headers=PORTAL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tin của Sở đã đăng" in html
    assert "Tin của Cổng tỉnh" in html
    assert "Tin của Sở còn nháp" not in html
    # The sub-site's article keeps its canonical URL on its own host.
    assert 'href="http://stttt.bacninh.localhost/tin-tuc/' in html
    assert '<span class="news-source">Sở Thông tin và Truyền thông</span>' in html
    assert_headings_well_formed(html)


def test_portal_home_shows_featured_news_first(client, agency_news_index, make_news):
    featured = make_news(agency_news_index, "Tin được chọn", day=1)
    make_news(agency_news_index, "Tin thường", day=5)
    PortalFeature.objects.create(news_page=featured)

    html = client.get("/", headers=PORTAL).content.decode()

    section = html.split('id="featured-news-heading"')[1].split("</section>")[0]
    assert "Tin được chọn" in section
    assert "Tin thường" not in section
    assert_headings_well_formed(html)


def test_sub_site_home_lists_only_its_own_news(
    client, agency_news_index, portal_news_index, make_news
):
    make_news(agency_news_index, "Tin của Sở", day=3)
    featured = make_news(portal_news_index, "Tin của Cổng tỉnh", day=2)
    PortalFeature.objects.create(news_page=featured)

    response = client.get("/", headers=AGENCY)

    html = response.content.decode()
    assert "<h1>Sở Thông tin và Truyền thông</h1>" in html
    assert "Tin của Sở" in html
    assert "Tin của Cổng tỉnh" not in html
    assert 'id="featured-news-heading"' not in html
    assert_headings_well_formed(html)


def test_home_pages_show_their_sites_featured_procedures(client, agency):
    index_model = apps.get_model("procedures", "ProcedureIndexPage")
    procedure_model = apps.get_model("procedures", "ProcedurePage")
    sector = apps.get_model("procedures", "Sector").objects.create(name="Thông tin")
    index = index_model(title="Thủ tục hành chính", slug="thu-tuc")
    agency.root_page.add_child(instance=index)
    for title, code, featured in [
        ("Cấp giấy phép bưu chính", "1.001", True),
        ("Thủ tục không nổi bật", "1.002", False),
    ]:
        index.add_child(
            instance=procedure_model(
                title=title,
                code=code,
                sector=sector,
                implementing_agency="Sở Thông tin và Truyền thông",
                level_province=True,
                featured=featured,
            )
        )

    agency_html = client.get("/", headers=AGENCY).content.decode()
    portal_html = client.get("/", headers=PORTAL).content.decode()

    assert "Cấp giấy phép bưu chính" in agency_html
    assert "Thủ tục không nổi bật" not in agency_html
    assert "Cấp giấy phép bưu chính" not in portal_html
    assert_headings_well_formed(agency_html)
