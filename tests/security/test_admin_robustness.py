"""Bad input to the page forms is a form error, never a 500, and a page create that fails
half-way leaves nothing behind."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import StandardPage
from tests.sites.conftest import make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(db):
    return make_agency("sxd", "Sở Xây dựng")


def _standard_page_form(**overrides) -> dict:
    data = nested_form_data(
        {
            "title": "Giới thiệu chung",
            "slug": "gioi-thieu-chung",
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
    )
    data.update(overrides)
    return data


def _add_url(agency) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=["home", "standardpage", agency.site.root_page_id]
    )


TABLE = {"body-count": "1", "body-0-type": "table", "body-0-deleted": "", "body-0-order": "0"}
FORGED_STREAMS = {
    "non-JSON table": {**TABLE, "body-0-value": "{không phải json"},
    "cut-off JSON table": {**TABLE, "body-0-value": '{"data": [["a"'},
    "no count": {"body-count": None, "body": "[1, 2"},
    "count not a number": {"body-count": "mot"},
    "count beyond the blocks": {"body-count": "3"},
}


@pytest.mark.parametrize("case", list(FORGED_STREAMS))
def test_an_unreadable_streamfield_value_is_a_form_error(client, agency, case):
    """Finding: non-JSON in a StreamField value was a 500 (JSONDecodeError), as was any
    part of the stream's form data missing or garbled."""
    client.force_login(agency.users["editor"])
    data = _standard_page_form()
    for key, value in FORGED_STREAMS[case].items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    response = client.post(_add_url(agency), data)
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not StandardPage.objects.filter(slug="gioi-thieu-chung").exists()


def test_a_page_create_that_fails_leaves_no_page_behind(client, agency, monkeypatch):
    """A failure after the page row is written (here: its first revision) rolls the whole
    request back: no page without a revision is left in the tree."""
    client.raise_request_exception = False
    client.force_login(agency.users["chief"])
    before = Page.objects.count()

    def broken(self, *args, **kwargs):
        raise RuntimeError("revision storage failed")

    monkeypatch.setattr(StandardPage, "save_revision", broken)
    response = client.post(_add_url(agency), _standard_page_form())
    assert response.status_code == 500
    assert Page.objects.count() == before
    assert not Page.objects.filter(slug="gioi-thieu-chung").exists()
    assert not Revision.objects.filter(object_str="Giới thiệu chung").exists()
    assert get_user_model().objects.filter(pk=agency.users["chief"].pk).exists()
