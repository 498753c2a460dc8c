"""The admin forms of the news app open and keep their choices to the right pages/sites."""

import pytest
from django.urls import reverse

from news.models import NewsCategory, PortalFeature

pytestmark = pytest.mark.django_db


def test_news_page_form_offers_only_the_sites_categories(
    client, admin_user, portal, agency, agency_news_index
):
    NewsCategory.objects.create(site=agency, name="Chuyên mục của Sở", slug="so")
    NewsCategory.objects.create(site=portal, name="Chuyên mục của Cổng", slug="cong")
    client.force_login(admin_user)

    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", agency_news_index.pk])
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Chuyên mục của Sở" in html
    assert "Chuyên mục của Cổng" not in html


def test_portal_feature_is_added_through_the_snippet_admin(
    client, admin_user, agency_news_index, make_news
):
    live = make_news(agency_news_index, "Tin đưa lên Cổng")
    draft = make_news(agency_news_index, "Tin nháp", live=False)
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_news_portalfeature:add")

    rejected = client.post(url, {"news_page": draft.pk})
    accepted = client.post(url, {"news_page": live.pk})

    assert rejected.status_code == 200
    assert accepted.status_code == 302
    feature = PortalFeature.objects.get()
    assert feature.news_page.pk == live.pk
    assert feature.featured_by == admin_user


@pytest.mark.parametrize("query", ["SXD", "chuyên mục", '"', "Sở' OR 1=1 --", "%", "tin*"])
def test_category_snippet_search_answers_every_query(client, admin_user, portal, agency, query):
    """`?q=SXD` on this listing was a 500 (`no such column: name`) on the demo's old SQLite
    database; the listing searches the same way on PostgreSQL for any text typed."""
    NewsCategory.objects.create(site=agency, name="Chuyên mục SXD", slug="sxd")
    NewsCategory.objects.create(site=portal, name="Thông báo", slug="thong-bao")
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsnippets_news_newscategory:list"), {"q": query})
    assert response.status_code == 200
    if query == "SXD":
        assert "Chuyên mục SXD" in response.content.decode()
        assert "Thông báo" not in response.content.decode()
