"""Pages created in the admin get ASCII slugs, like imported ones."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page

from home.forms import ascii_slug
from home.models import StandardPage
from tests.sites.conftest import form_data, make_agency


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hội nghị Đảng bộ tỉnh", "hoi-nghi-dang-bo-tinh"),
        ("hội-nghị-đảng-bộ", "hoi-nghi-dang-bo"),
        ("Thủ tục cấp giấy phép xây dựng (mới)", "thu-tuc-cap-giay-phep-xay-dung-moi"),
        ("  Ưu đãi – ĐẦU TƯ  ", "uu-dai-dau-tu"),
        ("!!!", ""),
    ],
)
def test_ascii_slug_transliterates_vietnamese(text, slug):
    assert ascii_slug(text) == slug


@pytest.fixture
def add_page(client, db):
    agency = make_agency("sxd", "Sở Xây dựng")
    client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
    parent = agency.site.root_page
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])

    def add(title: str, slug: str):
        data = form_data(client.get(url).content.decode(), "form#page-edit-form")
        data.update({"title": [title], "slug": [slug]})
        return client.post(url, data)

    add.parent = parent
    return add


def test_an_accented_slug_becomes_ascii(add_page):
    # What the admin's script fills in as the title is typed.
    response = add_page("Hội nghị Đảng bộ", "hội-nghị-đảng-bộ")
    assert response.status_code == 302
    page = Page.objects.child_of(add_page.parent).get(title="Hội nghị Đảng bộ")
    assert page.slug == "hoi-nghi-dang-bo"


def test_an_ascii_slug_the_editor_chose_is_kept(add_page):
    assert add_page("Hội nghị", "hoi-nghi-2026").status_code == 302
    assert Page.objects.child_of(add_page.parent).filter(slug="hoi-nghi-2026").exists()


def test_a_transliterated_slug_that_is_taken_is_a_form_error(add_page):
    assert add_page("Hội nghị", "hoi-nghi").status_code == 302
    response = add_page("Hội nghị lần hai", "hội-nghị")
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]
    assert StandardPage.objects.filter(title="Hội nghị lần hai").count() == 0
