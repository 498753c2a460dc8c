"""Findings B and C, output side: whatever a published page refers to (chooser fields,
StreamField blocks, inline relations, rich text links and embeds) reaches anonymous callers
of the API and the HTML front-end only when it is public; the rest is left out."""

import pytest
from django.core.cache import cache

from .references_world import MARK, X_HOST, build_references_world, mark

pytestmark = pytest.mark.django_db

X_PAGES = ["news", "standard", "procedure", "legal"]


@pytest.fixture(scope="module")
def _world(module_db):
    return build_references_world()


@pytest.fixture
def world(_world, db):
    cache.clear()
    return _world


def _leaks(text: str) -> list[str]:
    return [token for token in (MARK, mark, MARK.lower()) if token in text]


@pytest.mark.parametrize("name", X_PAGES)
@pytest.mark.parametrize("rich_text_format", ["db_html", "html", "markdown"])
def test_api_detail_leaves_out_what_is_not_public(client, world, name, rich_text_format):
    page = world[name]
    response = client.get(
        f"/api/v2/pages/{page.pk}/",
        {"rich_text_format": rich_text_format},
        headers={"host": X_HOST},
    )
    assert response.status_code == 200, response.content[:300]
    text = response.content.decode()
    assert not _leaks(text), _leaks(text)
    hidden = [world[key].pk for key in ("draft", "login", "legal_draft", "procedure_draft")]
    for pk in hidden:
        assert f'id="{pk}"' not in text and f"wagtail://page/{pk}" not in text


@pytest.mark.parametrize(
    "page_type",
    [
        "news.NewsPage",
        "home.StandardPage",
        "procedures.ProcedurePage",
        "legaldocs.LegalDocumentPage",
    ],
)
def test_api_listings_with_every_field_leave_out_what_is_not_public(client, world, page_type):
    response = client.get(
        "/api/v2/pages/", {"type": page_type, "fields": "*"}, headers={"host": X_HOST}
    )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["items"]
    assert not _leaks(response.content.decode())


def test_api_keeps_the_public_references(client, world):
    url = f"/api/v2/pages/{world['news'].pk}/"
    data = client.get(url, {"rich_text_format": "db_html"}, headers={"host": X_HOST}).json()
    assert [item["related_page"]["title"] for item in data["related_pages"]] == [
        "Giới thiệu Sở Tư pháp"
    ]
    assert data["featured_image"] is None and data["featured_image_thumbnail"] is None
    paragraph = data["body"][0]["value"]
    assert f'linktype="page" id="{world["public"].pk}"' in paragraph
    assert "bản dự thảo" in paragraph  # the link's own text stays, without the link
    html = client.get(
        f"/api/v2/pages/{world['news'].pk}/", {"rich_text_format": "html"}, headers={"host": X_HOST}
    ).json()["body"][0]["value"]
    assert (
        'href="http://stp.bacninh.localhost/gioi-thieu/"' in html or 'href="/gioi-thieu/"' in html
    )


@pytest.mark.parametrize("name", X_PAGES)
def test_html_front_end_leaves_out_what_is_not_public(client, world, name):
    response = client.get(
        world[name].url_path[len(world.x.root_page.url_path) - 1 :], headers={"host": X_HOST}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert not _leaks(text), _leaks(text)


def test_html_keeps_the_public_references(client, world):
    text = client.get("/tin-tuc/tin-tham-chieu/", headers={"host": X_HOST}).content.decode()
    assert "Giới thiệu Sở Tư pháp" in text  # the related page
    assert "gioi-thieu/" in text  # and the rich text link


def test_news_listing_leaves_out_a_private_featured_image(client, world):
    text = client.get("/tin-tuc/", headers={"host": X_HOST}).content.decode()
    assert "Tin có tham chiếu" in text
    assert not _leaks(text)
