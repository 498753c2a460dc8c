"""Two provisioned agency sites with one user per editorial role, and admin-form helpers."""

import json
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from news.models import NewsPage
from sites.models import AgencyGroup
from sites.provisioning import ProvisionResult, provision_agency_site

ROLES = [role.value for role in AgencyGroup.Role]


@dataclass
class AgencyFixture:
    result: ProvisionResult
    users: dict[str, object]
    page: Page  # a live leaf page on the site
    draft: Page  # an unpublished news item on the site
    image: object
    document: object

    @property
    def site(self):
        return self.result.site


def make_agency(slug: str, name: str) -> AgencyFixture:
    result = provision_agency_site(name=name, slug=slug, hostname=f"{slug}.bacninh.localhost")
    users = {}
    for role in ROLES:
        user = get_user_model().objects.create_user(
            username=f"{slug}-{role}", password="pw", email=f"{slug}-{role}@example.test"
        )
        user.groups.add(result.groups[role])
        users[role] = user
    page = result.site.root_page.get_children().get(slug="gioi-thieu").specific
    news_index = result.site.root_page.get_children().get(slug="tin-tuc")
    draft = news_index.add_child(
        instance=NewsPage(title=f"Dự thảo nội bộ của {name}", slug="du-thao", live=False)
    )
    uploader = users["admin"]
    image = get_image_model().objects.create(
        title=f"Ảnh {name}",
        file=get_test_image_file(),
        collection=result.collection,
        uploaded_by_user=uploader,
    )
    document = get_document_model().objects.create(
        title=f"Tài liệu {name}",
        file=SimpleUploadedFile("van-ban.txt", b"Noi dung"),
        collection=result.collection,
        uploaded_by_user=uploader,
    )
    return AgencyFixture(result, users, page, draft, image, document)


def make_portal() -> ProvisionResult:
    """The provincial portal, provisioned as the default site."""
    return provision_agency_site(
        name="Cổng thông tin điện tử tỉnh Bắc Ninh",
        slug="portal",
        hostname="bacninh.localhost",
        kind="portal",
        is_default=True,
    )


@pytest.fixture(scope="module")
def _module_agencies(module_db):
    """Built once per module (see `module_db`)."""
    return {
        "own": make_agency("sxd", "Sở Xây dựng"),
        "other": make_agency("stp", "Sở Tư pháp"),
    }


@pytest.fixture
def agencies(_module_agencies, db):
    """{"own": Sở Xây dựng, "other": Sở Tư pháp}, each with a user per role."""
    for fixture in _module_agencies.values():
        fixture.page.refresh_from_db()
    return _module_agencies


@pytest.fixture
def portal_chief(agencies):
    """The chief editor of the provincial portal, who chooses the news it features."""
    portal = make_portal()
    chief = get_user_model().objects.create_user("portal-chief-test", password="x")
    chief.groups.add(portal.groups["chief"])
    return chief


def form_data(html: str, form_selector: str = "form[method=post]") -> dict[str, list[str]]:
    """The values a browser would submit from the first matching form, as a QueryDict-like dict."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one(form_selector)
    assert form is not None, "form not found"
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "input":
            kind = field.get("type", "text")
            if kind in {"checkbox", "radio"} and not field.has_attr("checked"):
                continue
            if kind in {"submit", "button", "file", "image"}:
                continue
            data.setdefault(name, []).append(field.get("value", "on" if kind == "checkbox" else ""))
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        else:
            selected = field.select("option[selected]")
            values = [option.get("value", option.text) for option in selected]
            if not values and not field.has_attr("multiple"):
                first = field.select_one("option")
                values = [first.get("value", first.text)] if first else []
            data.setdefault(name, []).extend(values)
    # StreamFields are drawn by JavaScript; an empty one submits just its count.
    for stream in form.select('[data-controller~="w-block"]'):
        value, _errors = json.loads(stream["data-w-block-arguments-value"])
        assert value == [], f"cannot resubmit the non-empty StreamField {stream['id']!r}"
        data[f"{stream['id']}-count"] = ["0"]
    return data
