"""Public comment on drafts: the window, validation and limits, moderation before display,
the export for the drafting team."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from participation.models import Comment, SubmissionAccess
from search.client import get_client
from search.documents import alias_name

from .conftest import EMAIL, NAME, PHONE, PRIVATE, comment_data, make_consultation

HOST = {"HTTP_HOST": "sxd.bacninh.localhost"}


def post_comment(client, consultation, **overrides):
    return client.post(
        f"/api/v2/consultations/{consultation.pk}/comments/",
        json.dumps(comment_data(**overrides)),
        content_type="application/json",
    )


def detail_of(client, page) -> dict:
    return client.get(f"/api/v2/pages/{page.pk}/", **HOST).json()


@pytest.fixture
def open_consultation(world):
    return make_consultation(
        world["own"], opens_in=-timedelta(days=1), closes_in=timedelta(days=29)
    )


def test_a_comment_while_open_waits_for_moderation(client, world, open_consultation):
    question = open_consultation.questions.first()
    response = post_comment(client, open_consultation, question=question.pk)
    assert response.status_code == 201, response.content
    comment = Comment.objects.get(pk=response.json()["id"])
    assert comment.status == "pending" and comment.question == question
    assert comment.consent_at is not None
    detail = detail_of(client, open_consultation)
    assert detail["window"] == "open"
    assert detail["public_comments"] == []


@pytest.mark.parametrize(
    ("opens_in", "closes_in", "window"),
    [
        (timedelta(days=1), timedelta(days=30), "upcoming"),
        (-timedelta(days=30), -timedelta(minutes=1), "closed"),
    ],
)
def test_outside_the_window_comments_are_refused_clearly(
    client, world, opens_in, closes_in, window
):
    consultation = make_consultation(world["own"], opens_in=opens_in, closes_in=closes_in)
    response = post_comment(client, consultation)
    assert response.status_code == 403
    assert response.json()["window"] == window and response.json()["message"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": "ngắn"}, "text"),
        ({"consent": False}, "consent"),
        ({"email": "", "phone": ""}, "email"),
        ({"website": "spam"}, "website"),
        ({"form_token": "x"}, "form_token"),
        ({"question": 999999}, "question"),
    ],
)
def test_bad_comments_are_400_and_nothing_is_stored(
    client, world, open_consultation, overrides, field
):
    response = post_comment(client, open_consultation, **overrides)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Comment.objects.exists()


def test_a_draft_or_unknown_consultation_is_a_404(client, world, open_consultation):
    open_consultation.unpublish()
    assert post_comment(client, open_consultation).status_code == 404
    response = client.post(
        "/api/v2/consultations/999999/comments/", "{}", content_type="application/json"
    )
    assert response.status_code == 404


def test_a_duplicate_comment_is_a_409(client, world, open_consultation):
    assert post_comment(client, open_consultation).status_code == 201
    assert post_comment(client, open_consultation).status_code == 409
    assert Comment.objects.count() == 1


def test_moderated_comments_are_shown_when_the_consultation_chooses(
    client, world, open_consultation, django_capture_on_commit_callbacks
):
    first = post_comment(client, open_consultation).json()["id"]
    second = post_comment(
        client, open_consultation, text="Ý kiến thứ hai về khoản 3 Điều 7 của dự thảo."
    ).json()["id"]
    assert detail_of(client, open_consultation)["public_comments"] == []  # now cached
    client.force_login(world["own"].users["editor"])
    moderate = "participation_comment_moderate"
    with django_capture_on_commit_callbacks(execute=True):  # a new content version
        client.post(reverse(moderate, args=[first]), {"decision": "approve"})
        client.post(reverse(moderate, args=[second]), {"decision": "reject"})
    client.logout()
    detail = detail_of(client, open_consultation)
    assert [c["id"] for c in detail["public_comments"]] == [first]
    assert detail["public_comments"][0]["author"] == "Trần T. B. N."
    html = client.get(open_consultation.url, **HOST).content.decode()
    assert "khoản 2 Điều 5" in html and "khoản 3 Điều 7" not in html
    for text in (json.dumps(detail, ensure_ascii=False), html):
        assert not any(value in text for value in PRIVATE)
    open_consultation.comment_display = "hidden"
    with django_capture_on_commit_callbacks(execute=True):  # a new content version
        open_consultation.save_revision().publish()
    assert detail_of(client, open_consultation)["public_comments"] == []


def test_another_agency_cannot_moderate_or_export(client, world, open_consultation):
    comment = post_comment(client, open_consultation).json()["id"]
    client.force_login(world["other"].users["admin"])
    moderate = reverse("participation_comment_moderate", args=[comment])
    assert client.post(moderate, {"decision": "approve"}).status_code == 404
    export = reverse("participation_comment_export", args=[open_consultation.pk])
    assert client.get(export, {"format": "csv"}).status_code == 404
    assert Comment.objects.get(pk=comment).status == "pending"
    listing = client.get(reverse("participation_comments"), {"status": ""}).content.decode()
    assert "khoản 2 Điều 5" not in listing


def test_a_commenter_s_personal_data_is_erased_on_request(client, world, open_consultation):
    comment_id = post_comment(client, open_consultation).json()["id"]
    moderate = reverse("participation_comment_moderate", args=[comment_id])
    client.force_login(world["other"].users["admin"])
    assert client.post(moderate, {"decision": "erase", "requested": "on"}).status_code == 404
    client.force_login(world["own"].users["editor"])
    # Without the confirmation that the commenter asked for it, nothing is erased.
    client.post(moderate, {"decision": "erase"})
    assert Comment.objects.get(pk=comment_id).email == EMAIL
    assert client.post(moderate, {"decision": "erase", "requested": "on"}).status_code == 302
    comment = Comment.objects.get(pk=comment_id)
    assert (comment.name, comment.email, comment.phone) == ("", "", "")
    assert comment.personal_data_purged_at is not None
    assert "khoản 2 Điều 5" in comment.text  # what was said stays
    export = reverse("participation_comment_export", args=[open_consultation.pk])
    client.force_login(world["own"].users["chief"])
    rows = client.get(export, {"format": "csv", "contacts": "1"}).content.decode("utf-8-sig")
    assert "khoản 2 Điều 5" in rows
    assert not any(value in rows for value in (NAME, EMAIL, PHONE))


def test_the_export_has_every_comment_without_contacts(client, world, open_consultation):
    post_comment(client, open_consultation)
    post_comment(client, open_consultation, text='=HYPERLINK("http://x") một công thức giả mạo.')
    editor = world["own"].users["editor"]
    client.force_login(editor)
    url = reverse("participation_comment_export", args=[open_consultation.pk])
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and rows[1][2] == NAME
    assert rows[2][5].startswith("'=")  # a formula is written as text
    text = response.content.decode("utf-8-sig")
    assert EMAIL not in text and PHONE not in text
    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    assert workbook.active.max_row == 3
    # Contacts: only for those who may publish (chief, admin), and audited.
    assert client.get(url, {"format": "csv", "contacts": "1"}).status_code == 404
    client.force_login(world["own"].users["chief"])
    with_contacts = client.get(url, {"format": "csv", "contacts": "1"}).content.decode("utf-8-sig")
    assert EMAIL in with_contacts
    actions = sorted(SubmissionAccess.objects.values_list("action", flat=True))
    assert actions == ["export", "export", "export_contacts"]
    assert client.get(url, {"format": "pdf"}).status_code == 302


def test_a_consultation_is_found_by_search_and_its_comments_are_not(client, world, sync):
    with sync():
        consultation = make_consultation(
            world["own"], opens_in=-timedelta(days=1), closes_in=timedelta(days=29)
        )
    response = post_comment(client, consultation, text="Đề nghị bổ sung quy định về cây cổ thụ.")
    assert response.status_code == 201
    with sync():
        consultation.save_revision().publish()
    # Unaccented, as citizens type it; the type named as a word too.
    found = client.get("/api/v2/search/?q=lay y kien du thao quan ly cay xanh&site=*").json()
    assert found["items"][0]["id"] == consultation.pk
    assert found["items"][0]["type"] == "consultation"
    typed = client.get("/api/v2/search/?q=cay xanh&type=consultation&site=*").json()
    assert [item["id"] for item in typed["items"]] == [consultation.pk]
    assert client.get("/api/v2/search/?q=cay co thu&site=*").json()["items"] == []
    document = get_client().get(index=alias_name(), id=str(consultation.pk))["_source"]
    assert not any(value in json.dumps(document, ensure_ascii=False) for value in PRIVATE)
