"""Per-site snippets stay on their site; only the portal's chief editors feature news."""

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import NewsPage
from news.snippets import NewsCategory, PortalFeature


@pytest.fixture
def categories(agencies):
    return {
        scope: NewsCategory.objects.create(
            site=fixture.site, name=f"Chuyên mục {fixture.site.site_name}", slug="chuyen-muc"
        )
        for scope, fixture in agencies.items()
    }


@pytest.mark.parametrize("role", ["chief", "admin"])
def test_category_listing_and_chooser_show_only_the_own_site(client, agencies, categories, role):
    client.force_login(agencies["own"].users[role])
    listing = client.get(reverse("wagtailsnippets_news_newscategory:list")).content.decode()
    assert categories["own"].name in listing
    assert categories["other"].name not in listing

    chooser = client.get(reverse("wagtailsnippetchoosers_news_newscategory:choose"))
    html = chooser.json()["html"]
    assert categories["own"].name in html
    assert categories["other"].name not in html


@pytest.mark.parametrize("role", ["chief", "admin"])
def test_another_sites_category_cannot_be_opened_edited_or_chosen(
    client, agencies, categories, role
):
    client.force_login(agencies["own"].users[role])
    foreign = categories["other"]
    edit_url = reverse("wagtailsnippets_news_newscategory:edit", args=[foreign.pk])
    assert client.get(edit_url).status_code != 200
    client.post(edit_url, {"site": foreign.site_id, "name": "Đổi tên", "slug": "doi-ten"})
    client.post(reverse("wagtailsnippets_news_newscategory:delete", args=[foreign.pk]))
    foreign.refresh_from_db()
    assert foreign.name != "Đổi tên"
    chosen = reverse("wagtailsnippetchoosers_news_newscategory:chosen", args=[foreign.pk])
    assert client.get(chosen).status_code == 404


def test_a_category_can_only_be_created_on_the_own_site(client, agencies):
    own, other = agencies["own"], agencies["other"]
    client.force_login(own.users["chief"])
    add_url = reverse("wagtailsnippets_news_newscategory:add")
    form = client.get(add_url).content.decode()
    assert own.site.site_name in form
    assert other.site.site_name not in form
    client.post(add_url, {"site": other.site.pk, "name": "Cài cắm", "slug": "cai-cam"})
    assert not NewsCategory.objects.filter(slug="cai-cam").exists()
    client.post(add_url, {"site": own.site.pk, "name": "Hoạt động", "slug": "hoat-dong"})
    assert NewsCategory.objects.get(slug="hoat-dong").site == own.site


def test_editors_cannot_manage_categories(client, agencies, categories):
    client.force_login(agencies["own"].users["editor"])
    edit_url = reverse("wagtailsnippets_news_newscategory:edit", args=[categories["own"].pk])
    assert client.get(edit_url).status_code != 200


def _live_news(agency_fixture) -> NewsPage:
    index = agency_fixture.site.root_page.get_children().get(slug="tin-tuc")
    page = NewsPage(
        title="Khai trương bộ phận một cửa", slug="mot-cua", published_at=timezone.now()
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_portal_chief_editor_features_a_sub_site_news_item(client, agencies, portal_chief):
    chief = portal_chief
    news = _live_news(agencies["own"])

    client.force_login(chief)
    response = client.post(
        reverse("wagtailsnippets_news_portalfeature:add"), {"news_page": news.pk}
    )
    assert response.status_code == 302
    feature = PortalFeature.objects.get(news_page=news)
    assert feature.featured_by == chief

    home = client.get("/", headers={"host": "bacninh.localhost"}).content.decode()
    assert news.title in home
    assert news.full_url in home  # canonical URL on its own site, no copy


def test_portal_feature_chooser_is_for_the_portals_editors(client, agencies, portal_chief):
    feature = PortalFeature.objects.create(news_page=_live_news(agencies["own"]))
    choose = reverse("wagtailsnippetchoosers_news_portalfeature:choose")
    chosen = reverse("wagtailsnippetchoosers_news_portalfeature:chosen", args=[feature.pk])

    client.force_login(portal_chief)
    assert feature.news_page.title in client.get(choose).json()["html"]
    assert client.get(chosen).status_code == 200

    # Not even the agency whose news it is manages the portal's list.
    client.force_login(agencies["own"].users["chief"])
    assert feature.news_page.title not in client.get(choose).json()["html"]
    assert client.get(chosen).status_code == 404


@pytest.mark.parametrize("role", ["chief", "admin"])
def test_sub_site_chief_editors_cannot_feature_on_the_portal(client, agencies, role):
    news = _live_news(agencies["own"])
    client.force_login(agencies["own"].users[role])
    client.post(reverse("wagtailsnippets_news_portalfeature:add"), {"news_page": news.pk})
    assert not PortalFeature.objects.exists()
