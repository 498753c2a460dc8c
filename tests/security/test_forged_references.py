"""Findings B and C, input side: a page form whose chooser values, StreamField blocks,
inline relations or rich text links point at another agency's private or unpublished
objects is refused with an error on the field, whatever the browser sent; the agency's own
objects and other agencies' public ones are still accepted."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import StandardPage
from news.models import NewsPage
from tests.sites.conftest import make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_db):
    own = make_agency("sxd", "Sở Xây dựng")
    other = make_agency("stp", "Sở Tư pháp")
    private = other.result.collection.add_child(name="Nội bộ Sở Tư pháp")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    for obj in (other.image, other.document):
        obj.collection = private
        obj.save()
    login_page = other.page.add_child(
        instance=StandardPage(title="Trang cần đăng nhập", slug="dang-nhap")
    )
    login_page.save_revision().publish()
    PageViewRestriction.objects.create(page=login_page, restriction_type="login")
    other.login_page = login_page
    public_root = Collection.get_first_root_node()
    return own, other, public_root


def _news_form(**overrides) -> dict:
    fields = {
        "title": "Tin của Sở Xây dựng",
        "slug": "tin-so-xay-dung",
        "summary": "",
        "published_at": "2025-03-01 08:00",
        "featured_image": "",
        "featured_image_caption": "",
        "body": streamfield([]),
        "author": "",
        "related_pages": inline_formset([]),
        "comments": inline_formset([]),
        "tags": "",
        "seo_title": "",
        "search_description": "",
    }
    fields.update(overrides)
    return nested_form_data(fields)


def _post_news(client, agency, user, data, publish=False):
    client.force_login(user)
    index = agency.site.root_page.get_children().get(slug="tin-tuc")
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    if publish:
        data = {**data, "action-publish": "action-publish"}
    return client.post(url, data)


def _errors(response) -> dict:
    form = response.context["form"]
    errors = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
    for name, formset in form.formsets.items():
        for child in formset.forms:
            for field, messages in child.errors.items():
                errors.setdefault(f"{name}.{field}", []).extend(str(m) for m in messages)
    return errors


FORGED = {
    "featured_image": lambda other: {"featured_image": other.image.pk},
    "image block": lambda other: {
        "body": streamfield(
            [("image", {"image": other.image.pk, "alt_text": "Ảnh", "caption": ""})]
        )
    },
    "document block": lambda other: {
        "body": streamfield([("document", {"document": other.document.pk, "label": ""})])
    },
    "rich text link to a draft": lambda other: {
        "body": streamfield(
            [("paragraph", rich_text(f'<p><a linktype="page" id="{other.draft.pk}">xem</a></p>'))]
        )
    },
    "rich text document link": lambda other: {
        "body": streamfield(
            [
                (
                    "paragraph",
                    rich_text(f'<p><a linktype="document" id="{other.document.pk}">tệp</a></p>'),
                )
            ]
        )
    },
    "related draft": lambda other: {
        "related_pages": inline_formset([{"related_page": other.draft.pk}])
    },
    "related restricted page": lambda other: {
        "related_pages": inline_formset([{"related_page": other.login_page.pk}])
    },
}
FIELD_OF = {
    "featured_image": "featured_image",
    "image block": "body",
    "document block": "body",
    "rich text link to a draft": "body",
    "rich text document link": "body",
    "related draft": "related_pages.related_page",
    "related restricted page": "related_pages.related_page",
}


@pytest.mark.parametrize("case", list(FORGED))
@pytest.mark.parametrize("role", ["editor", "chief"])
def test_a_forged_reference_is_a_form_error_on_its_field(client, world, case, role):
    own, other, _root = world
    response = _post_news(
        client, own, own.users[role], _news_form(**FORGED[case](other)), role == "chief"
    )
    assert response.status_code == 200, response.get("Location")
    errors = _errors(response)
    assert FIELD_OF[case] in errors, errors
    assert not NewsPage.objects.filter(slug="tin-so-xay-dung").exists()


def test_own_objects_and_other_agencies_public_pages_are_accepted(client, world):
    own, other, _root = world
    data = _news_form(
        featured_image=own.image.pk,
        body=streamfield(
            [
                ("image", {"image": own.image.pk, "alt_text": "Ảnh", "caption": ""}),
                ("document", {"document": own.document.pk, "label": ""}),
                (
                    "paragraph",
                    rich_text(
                        f'<p><a linktype="page" id="{own.draft.pk}">dự thảo</a> '
                        f'<a linktype="page" id="{other.page.pk}">giới thiệu</a></p>'
                    ),
                ),
            ]
        ),
        related_pages=inline_formset(
            [{"related_page": other.page.pk}, {"related_page": own.draft.pk}]
        ),
    )
    response = _post_news(client, own, own.users["chief"], data, publish=True)
    assert response.status_code == 302, _errors(response)
    page = NewsPage.objects.get(slug="tin-so-xay-dung")
    assert page.live and page.featured_image_id == own.image.pk
    # The own draft it links to (twice: one item) is flagged; the public will not see it.
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("1 mục chưa công khai" in message for message in warnings), warnings


def test_a_site_logo_from_another_agencys_private_collection_is_refused(client, world):
    own, other, _root = world
    client.force_login(own.users["admin"])
    url = reverse("wagtailsettings:edit", args=["agency_sites", "sitesettings", own.site.pk])
    data = nested_form_data(
        {
            "display_name": "Sở Xây dựng",
            "logo": other.image.pk,
            "address": "",
            "phone": "",
            "email": "",
            "hotline": "",
            "working_hours": "",
            "footer_links": streamfield([]),
            "social_links": streamfield([]),
            "alert_message": "",
            "alert_url": "",
            "alert_starts_at": "",
            "alert_ends_at": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    data["logo"] = own.image.pk
    assert client.post(url, data).status_code == 302
