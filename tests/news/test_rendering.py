import re

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from news.models import NewsCategory, NewsPage
from news.parsing import parse_text_article

from .html_checks import assert_headings_well_formed

AGENCY = {"host": "stttt.bacninh.localhost"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_sample(sample_path, agency) -> NewsPage:
    call_command("import_news", str(sample_path), "--site", "stttt.bacninh.localhost")
    return NewsPage.objects.get()


def test_sample_article_page_shows_title_date_caption_body_and_author(
    client, imported_sample, sample_path
):
    parsed = parse_text_article(sample_path.read_text(encoding="utf-8"))
    response = client.get(imported_sample.url, headers=AGENCY)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{parsed.title}</h1>" in html
    assert '<time datetime="2013-04-17T09:22:00+07:00">Thứ tư, 17/04/2013 09:22</time>' in html
    assert parsed.images[0].caption in html
    for paragraph in parsed.paragraphs:
        assert paragraph in html
    assert '<p class="news-author">T.D</p>' in html
    assert "<article" in html
    assert "banner" not in html
    assert_headings_well_formed(html)


def test_article_with_image_blocks_uses_figure_and_alt_text(client, agency_news_index, image):
    page = NewsPage(
        title="Tin có ảnh",
        summary="Sa pô của tin.",
        featured_image=image,
        featured_image_caption="Ảnh đại diện của tin",
        body=[
            ("paragraph", "<h2>Phần một</h2><p>Nội dung phần một.</p>"),
            ("image", {"image": image, "alt_text": "Mô tả ảnh", "caption": "Chú thích ảnh"}),
            ("quote", {"quote": "Câu trích dẫn.", "attribution": "Ông A"}),
            (
                "table",
                {
                    "data": [["Cột 1", "Cột 2"], ["a", "b"]],
                    "first_row_is_table_header": True,
                    "table_caption": "Bảng số liệu",
                },
            ),
        ],
    )
    agency_news_index.add_child(instance=page)

    response = client.get(page.url, headers=AGENCY)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<p class="news-summary">Sa pô của tin.</p>' in html
    assert "<figcaption>Ảnh đại diện của tin</figcaption>" in html
    assert 'alt="Mô tả ảnh"' in html
    assert "<figcaption>Chú thích ảnh</figcaption>" in html
    assert "<blockquote><p>Câu trích dẫn.</p></blockquote>" in html
    assert "<caption>Bảng số liệu</caption>" in html
    assert '<th scope="col"' in html
    assert_headings_well_formed(html)


def test_index_lists_live_public_news_newest_first_ten_per_page(
    client, agency_news_index, make_news
):
    for day in range(1, 13):
        make_news(agency_news_index, f"Tin ngày {day:02d}", day=day)
    make_news(agency_news_index, "Tin nháp", day=28, live=False)
    private = make_news(agency_news_index, "Tin nội bộ", day=27)
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    first = client.get(agency_news_index.url, headers=AGENCY).content.decode()
    second = client.get(agency_news_index.url + "?page=2", headers=AGENCY).content.decode()

    titles = re.findall(r"Tin ngày (\d\d)", first)
    assert titles == [f"{day:02d}" for day in range(12, 2, -1)]
    assert re.findall(r"Tin ngày (\d\d)", second) == ["02", "01"]
    for html in (first, second):
        assert "Tin nháp" not in html
        assert "Tin nội bộ" not in html
        assert_headings_well_formed(html)
    assert 'rel="next"' in first
    assert 'rel="prev"' in second


def test_index_filters_by_category_of_its_site(client, agency, agency_news_index, make_news):
    events = NewsCategory.objects.create(site=agency, name="Sự kiện", slug="su-kien")
    NewsCategory.objects.create(site=agency, name="Thông báo", slug="thong-bao")
    tagged = make_news(agency_news_index, "Tin sự kiện", day=2)
    tagged.categories.add(events)
    tagged.save_revision().publish()
    make_news(agency_news_index, "Tin khác", day=3)

    html = client.get(agency_news_index.url + "?category=su-kien", headers=AGENCY).content.decode()
    unknown = client.get(agency_news_index.url + "?category=khong-co", headers=AGENCY)

    assert "Tin sự kiện" in html
    assert "Tin khác" not in html
    assert 'aria-current="page">Sự kiện</a>' in html
    assert "Thông báo" in html
    assert "Tin sự kiện" not in unknown.content.decode()
    assert unknown.status_code == 200


def test_news_of_another_site_are_not_listed(
    client, agency_news_index, portal_news_index, make_news
):
    make_news(portal_news_index, "Tin của Cổng tỉnh")
    make_news(agency_news_index, "Tin của Sở")
    html = client.get(agency_news_index.url, headers=AGENCY).content.decode()
    assert "Tin của Sở" in html
    assert "Tin của Cổng tỉnh" not in html
