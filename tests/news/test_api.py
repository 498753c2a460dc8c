import pytest

from news.models import NewsCategory, NewsPageRelatedPage

pytestmark = pytest.mark.django_db


def test_news_page_detail_exposes_its_api_fields(
    client, agency, agency_news_index, make_news, image
):
    category = NewsCategory.objects.create(site=agency, name="Sự kiện", slug="su-kien")
    other = make_news(agency_news_index, "Tin trước", day=1)
    page = make_news(
        agency_news_index,
        "Tin có đủ trường",
        day=2,
        summary="Sa pô",
        author="T.D",
        featured_image=image,
        featured_image_caption="Chú thích",
        feature_on_portal=True,
        body=[
            ("paragraph", "<p>Đoạn văn.</p>"),
            ("image", {"image": image, "alt_text": "Mô tả", "caption": "Ảnh"}),
        ],
    )
    page.categories.add(category)
    page.tags.add("chuyển đổi số")
    page.related_pages.add(NewsPageRelatedPage(related_page=other))
    page.save_revision().publish()

    response = client.get(f"/api/v2/pages/{page.pk}/", headers={"host": agency.hostname})

    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "news.NewsPage"
    assert data["summary"] == "Sa pô"
    assert data["author"] == "T.D"
    assert data["published_at"] == "2024-05-02T08:30:00+07:00"
    assert data["published_at_display"] == "Thứ năm, 02/05/2024 08:30"
    assert data["feature_on_portal"] is True
    assert data["featured_image"]["id"] == image.pk
    assert data["featured_image_caption"] == "Chú thích"
    assert data["featured_image_thumbnail"]["width"] == 400
    assert "url" in data["featured_image_large"]
    assert data["categories"] == [{"id": category.pk, "name": "Sự kiện", "slug": "su-kien"}]
    assert data["tags"] == ["chuyển đổi số"]
    assert data["related_pages"][0]["related_page"]["title"] == "Tin trước"
    paragraph, image_block = data["body"]
    assert paragraph["type"] == "paragraph"
    assert image_block["type"] == "image"
    assert image_block["value"]["alt_text"] == "Mô tả"
    assert image_block["value"]["image"]["id"] == image.pk
    assert set(image_block["value"]["image"]["renditions"]) == {"thumbnail", "medium", "large"}
