"""ASCII slugs from Vietnamese titles (sites.slugs): the server's default slug and the admin
form's widget. The admin script itself is exercised in tests/e2e/test_editorial.py."""

import json
import re
import unicodedata

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from home.models import StandardPage
from news.models import NewsIndexPage, NewsPage
from sites.slugs import ascii_slug, free_slug, slug_formatters

TITLES = {
    "Đăng ký khai sinh": "dang-ky-khai-sinh",
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần XX": "hoi-nghi-ban-chap-hanh-dang-bo-tinh-lan-xx",
    "Quyết định 12/2025/QĐ-UBND về ưu đãi": "quyet-dinh-122025qd-ubnd-ve-uu-dai",
    "Phường Võ Cường: tiếp nhận hồ sơ trực tuyến": "phuong-vo-cuong-tiep-nhan-ho-so-truc-tuyen",
}


@pytest.mark.parametrize(("title", "slug"), TITLES.items())
def test_ascii_slug_folds_vietnamese(title, slug):
    assert ascii_slug(title) == slug
    assert ascii_slug(unicodedata.normalize("NFD", title)) == slug


def test_formatters_cover_every_vietnamese_letter():
    """What the admin script applies before its own transliteration: after the formatters,
    no letter outside ASCII remains in any Vietnamese syllable."""
    letters = "aàáạảãâầấậẩẫăằắặẳẵeèéẹẻẽêềếệểễiìíịỉĩoòóọỏõôồốộổỗơờớợởỡuùúụủũưừứựửữyỳýỵỷỹdđ"
    text = letters + letters.upper()
    for pattern, replacement in slug_formatters():
        text = re.sub(pattern, replacement, text)
    assert text.isascii()
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


@pytest.mark.django_db
def test_pages_saved_without_a_slug_get_the_folded_title(two_sites):
    _portal, agency = two_sites
    index = NewsIndexPage(title="Tin tức")
    agency.root_page.add_child(instance=index)
    first = NewsPage(title="Đồng chí Bí thư thăm Đền Đô")
    index.add_child(instance=first)
    again = NewsPage(title="Đồng chí Bí thư thăm Đền Đô")
    index.add_child(instance=again)
    page = StandardPage(title="Giới thiệu chức năng, nhiệm vụ")
    agency.root_page.add_child(instance=page)

    assert index.slug == "tin-tuc"
    assert first.slug == "dong-chi-bi-thu-tham-den-do"
    assert again.slug == "dong-chi-bi-thu-tham-den-do-2"
    assert page.slug == "gioi-thieu-chuc-nang-nhiem-vu"


@pytest.mark.django_db
def test_admin_slug_field_carries_the_vietnamese_formatters(client, two_sites):
    _portal, agency = two_sites
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    agency.root_page.add_child(instance=index)
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.com", "pw"))
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    html = client.get(url).content.decode()
    widget = re.search(r'<input[^>]*name="slug"[^>]*>', html).group(0)
    formatters = json.loads(
        re.search(r'data-w-slug-formatters-value="([^"]+)"', widget).group(1).replace("&quot;", '"')
    )
    assert [["[đ]", "gu"], "d"] in formatters
    assert "data-w-slug-allow-unicode-value" not in widget  # False: Stimulus's default


@pytest.mark.django_db
def test_admin_folds_an_accented_slug_typed_by_hand(client, two_sites):
    """The admin's script makes the slug as the title is typed (tests/e2e); a slug typed by
    hand with accents is folded, never stored as a percent-escape."""
    _portal, agency = two_sites
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.com", "pw"))
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", agency.root_page.pk])
    data = {
        "title": "Lịch họp",
        "slug": "lịch-họp",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert StandardPage.objects.get(title="Lịch họp").slug == "lich-hop"
    # Taken once folded: Wagtail's own sibling check answers, on the field.
    response = client.post(url, {**data, "title": "Lịch họp tuần", "slug": "LỊCH-HỌP"})
    assert response.status_code == 200
    assert "lich-hop" in " ".join(response.context["form"].errors["slug"])
    assert not StandardPage.objects.filter(title="Lịch họp tuần").exists()


@pytest.mark.parametrize(
    ("taken", "suffix", "expected"),
    [
        (set(), "", "dang-ky-khai-sinh"),
        ({"dang-ky-khai-sinh"}, "", "dang-ky-khai-sinh-2"),
        ({"dang-ky-khai-sinh", "dang-ky-khai-sinh-2"}, "", "dang-ky-khai-sinh-3"),
        ({"dang-ky-khai-sinh"}, "1-001193", "dang-ky-khai-sinh-1-001193"),
        ({"dang-ky-khai-sinh", "dang-ky-khai-sinh-stp"}, "stp", "dang-ky-khai-sinh-stp-2"),
        # A sibling named like the numbered form of another base does not matter.
        ({"dang-ky-khai-sinh-2"}, "", "dang-ky-khai-sinh"),
    ],
)
def test_free_slug_among_siblings(taken, suffix, expected):
    assert free_slug("dang-ky-khai-sinh", taken, suffix=suffix) == expected
