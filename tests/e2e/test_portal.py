"""The portal's chief editor features a sub-site's news item on the portal home page."""

from playwright.sync_api import expect

from .conftest import get_json, login, shot


def test_portal_chief_features_sub_site_news_on_portal_home(live, new_context):
    news = get_json(live, "/api/v2/pages/?site=sxd&type=news.NewsPage&order=first_published_at")
    article = news["items"][0]  # the sample article the world imported onto Sở Xây dựng

    chief = login(new_context(), live, "portal-chief")
    chief.goto(live.url("portal", "/admin/snippets/news/portalfeature/add/"))
    # The form offers the live news of every site; choose the Sở Xây dựng article.
    select = chief.locator("#id_news_page")
    expect(select.locator("option", has_text=article["title"])).to_have_count(1)
    select.select_option(value=str(article["id"]))
    shot(chief, "11-portal-chief-feature")
    chief.locator("button.action-save").click()
    expect(chief.locator(".messages")).to_contain_text(article["title"][:30])

    citizen = new_context().new_page()
    citizen.goto(live.url("portal"))
    featured = citizen.locator("section.portal-featured")
    link = featured.get_by_role("link", name=article["title"])
    expect(link).to_be_visible()
    expect(featured).to_contain_text("Sở Xây dựng")
    shot(citizen, "12-portal-home-featured")
    assert link.get_attribute("href").startswith(live.url("sxd", "/tin-tuc/"))
