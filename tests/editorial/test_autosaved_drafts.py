"""Pages that Wagtail's autosave created while an editor was writing, and that the editor never
saved: listed on their dashboard, then deleted by the nightly clean-up."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from anyascii import anyascii
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from editorial.models import AutosavedDraft
from tests.sites.conftest import form_data

pytestmark = pytest.mark.django_db

JSON = {"accept": "application/json"}


def news_section(agency) -> Page:
    return agency.site.root_page.get_children().get(slug="tin-tuc")


def autosave_new_news(client, agency, title: str) -> Page:
    """What the browser's autosave sends while the editor types a new news item's title."""
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_section(agency).pk))
    data = form_data(client.get(url).content.decode(), "form[data-edit-form]")
    # The browser fills the slug from the title as the editor types.
    data |= {"title": [title], "slug": [slugify(anyascii(title))]}
    response = client.post(url, data, headers=JSON)
    assert response.status_code == 200, response.content[:500]
    body = json.loads(response.content)
    assert body["success"], body
    return Page.objects.get(pk=body["pk"])


def dashboard_drafts(client) -> list[str]:
    from bs4 import BeautifulSoup

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    table = BeautifulSoup(html, "html.parser").select_one(".editorial-unsaved-drafts")
    return [a.get_text(strip=True) for a in table.select("td.title a")] if table else []


def test_an_autosaved_page_is_listed_until_its_editor_saves_it(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["editor"])
    page = autosave_new_news(client, own, "Hội nghị tổng kết năm")
    assert AutosavedDraft.objects.filter(page=page, user=own.users["editor"]).exists()
    assert dashboard_drafts(client) == ["Hội nghị tổng kết năm"]

    # Further autosaves of the same page keep it listed.
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(client.get(edit_url).content.decode(), "form[data-edit-form]")
    assert client.post(edit_url, data, headers=JSON).status_code == 200
    assert dashboard_drafts(client) == ["Hội nghị tổng kết năm"]

    # Another editor's dashboard does not list it.
    client.force_login(own.users["chief"])
    assert dashboard_drafts(client) == []

    client.force_login(own.users["editor"])
    response = client.post(edit_url, data)  # "Lưu bản nháp"
    assert response.status_code == 302
    assert not AutosavedDraft.objects.filter(page=page).exists()
    assert dashboard_drafts(client) == []


def age(page: Page, days: int) -> None:
    Page.objects.filter(pk=page.pk).update(
        latest_revision_created_at=timezone.now() - timedelta(days=days)
    )


def test_the_nightly_cleanup_deletes_only_abandoned_autosaved_drafts(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["editor"])
    abandoned = autosave_new_news(client, own, "Bản nháp bỏ dở")
    recent = autosave_new_news(client, own, "Đang viết")
    submitted = autosave_new_news(client, own, "Đã gửi duyệt")
    own.result.workflow.start(submitted.specific, own.users["editor"])
    for page in (abandoned, recent, submitted):
        age(page, 8 if page != recent else 1)
    saved_earlier = own.draft  # a draft saved in the ordinary way, long ago
    age(saved_earlier, 30)

    dry = StringIO()
    call_command("cleanup_autosaved_drafts", "--dry-run", stdout=dry)
    assert "would delete page" in dry.getvalue() and "Bản nháp bỏ dở" in dry.getvalue()
    assert Page.objects.filter(pk=abandoned.pk).exists()

    out = StringIO()
    call_command("cleanup_autosaved_drafts", stdout=out)
    assert not Page.objects.filter(pk=abandoned.pk).exists()
    for kept in (recent, submitted, saved_earlier):
        assert Page.objects.filter(pk=kept.pk).exists(), kept.title
    assert "1 abandoned autosaved drafts" in out.getvalue()


def test_a_slug_taken_while_the_new_page_was_being_saved_is_a_form_error(
    client, agencies, monkeypatch
):
    """Another submission of the same new page (an autosave, a double click) saves between
    this one's form check and its save: the editor gets the form back, not a server error."""
    from news.models import NewsPage

    own = agencies["own"]
    section = news_section(own)
    form_class = NewsPage.base_form_class  # the admin builds its form on it per request
    checked = form_class.clean

    def clean_then_the_other_submission_saves(form):
        cleaned = checked(form)
        section.add_child(instance=NewsPage(title="Tin đua", slug="tin-dua", live=False))
        return cleaned

    monkeypatch.setattr(form_class, "clean", clean_then_the_other_submission_saves)
    client.force_login(own.users["editor"])
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", section.pk))
    data = form_data(client.get(url).content.decode(), "form[data-edit-form]")
    data |= {"title": ["Tin đua"], "slug": ["tin-dua"]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "tin-dua" in " ".join(response.context["form"].errors["slug"])
    assert NewsPage.objects.child_of(section).filter(slug="tin-dua").count() == 1

    autosave = client.post(url, data, headers=JSON)
    assert autosave.status_code == 400
    assert json.loads(autosave.content)["error_code"] == "validation_error"
