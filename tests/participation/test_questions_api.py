"""POST /api/v2/questions/ and GET /api/v2/questions/<code>/: validation (each bad input a
400 naming the field, nothing stored), routing, abuse limits, duplicates, the status."""

import json
import os

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.abuse import issue_form_token
from participation.models import Question, QuestionEvent

from .conftest import PRIVATE, aged_token, host, pdf_bytes, png_bytes, question_data

URL = "/api/v2/questions/"


def post(client, fixture, **overrides):
    return client.post(
        URL,
        json.dumps(question_data(**overrides)),
        content_type="application/json",
        **host(fixture),
    )


def test_a_question_sent_to_an_agencys_site_reaches_that_agency(client, world):
    response = post(client, world["own"], sector="hoat-dong-xay-dung")
    assert response.status_code == 201, response.content
    body = response.json()
    question = Question.objects.get(code=body["code"])
    assert question.site == world["own"].site
    assert question.sector == world["sector"]
    assert question.status == "new" and question.consent_at is not None
    assert (question.name, question.email) == (question_data()["name"], question_data()["email"])
    assert QuestionEvent.objects.filter(question=question, kind="submitted").exists()
    assert len(body["code"]) == 10
    assert not any(value in response.content.decode() for value in PRIVATE)


def test_the_portal_routes_a_question_to_the_chosen_agency(client, world):
    response = post(client, world["portal"], agency="stp")
    assert response.status_code == 201
    assert Question.objects.get(code=response.json()["code"]).site == world["other"].site
    response = post(
        client, world["portal"], text="Một câu hỏi khác gửi cổng tỉnh, không chọn cơ quan."
    )
    assert Question.objects.get(code=response.json()["code"]).site == world["portal"].site


def test_an_agencys_site_does_not_forward_to_another_agency(client, world):
    response = post(client, world["own"], agency="stp")
    assert response.status_code == 400
    assert "agency" in response.json()["errors"]
    assert not Question.objects.exists()


def _too_big() -> SimpleUploadedFile:
    limit = django_settings.PARTICIPATION["MAX_ATTACHMENT_BYTES"]
    return SimpleUploadedFile("big.pdf", pdf_bytes() + b"0" * limit)


BAD_INPUTS = [
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"email": "", "phone": ""}, "email"),
    ({"email": "khong-phai-email"}, "email"),
    ({"phone": "goi cho toi"}, "phone"),
    ({"topic": ""}, "topic"),
    ({"text": "Ngắn quá"}, "text"),
    ({"text": "x" * 5001}, "text"),
    ({"consent": False}, "consent"),
    ({"website": "http://spam.example"}, "website"),
    ({"form_token": ""}, "form_token"),
    ({"form_token": "forged:token"}, "form_token"),
    ({"sector": "khong-co"}, "sector"),
    ({"agency": "khong-co-co-quan"}, "agency"),
]


@pytest.mark.parametrize(("overrides", "field"), BAD_INPUTS)
def test_each_bad_input_is_a_400_naming_the_field_and_nothing_is_stored(
    client, world, overrides, field
):
    response = post(client, world["own"], **overrides)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["message"] and body["errors"][field][0]
    assert not Question.objects.exists()


def test_a_form_posted_at_once_is_refused(client, world):
    response = post(client, world["own"], form_token=issue_form_token())
    assert response.status_code == 400
    assert "quá nhanh" in response.json()["errors"]["form_token"][0]


def test_an_old_form_is_refused(client, world):
    age = django_settings.PARTICIPATION["MAX_FORM_AGE_SECONDS"] + 60
    response = post(client, world["own"], form_token=aged_token(age))
    assert response.status_code == 400
    assert "form_token" in response.json()["errors"]


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", json.dumps({"name": {"nested": 1}})])
def test_malformed_bodies_are_a_400(client, world, body):
    response = client.post(URL, body, content_type="application/json", **host(world["own"]))
    assert response.status_code == 400
    assert response.json()["message"]
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("thu.exe", b"MZ\x90\x00"),
        ("gia-mao.pdf", b"<html>not a pdf</html>"),
        ("gia-mao.png", pdf_bytes()),
        ("cat-ngang.png", png_bytes()[:40]),
    ],
)
def test_attachments_are_checked_by_content_and_nothing_is_stored(client, world, name, content):
    data = question_data(consent="on", attachment=SimpleUploadedFile(name, content))
    response = client.post(URL, data, **host(world["own"]))
    assert response.status_code == 400, response.content
    assert "attachment" in response.json()["errors"]
    assert not Question.objects.exists()


def test_an_attachment_over_the_size_cap_is_refused(client, world):
    data = question_data(consent="on", attachment=_too_big())
    response = client.post(URL, data, **host(world["own"]))
    assert response.status_code == 400
    assert "attachment" in response.json()["errors"]
    assert not Question.objects.exists()


def test_a_valid_attachment_is_kept_outside_the_public_media(client, world):
    data = question_data(consent="on", attachment=SimpleUploadedFile("anh.png", png_bytes()))
    response = client.post(URL, data, **host(world["own"]))
    assert response.status_code == 201, response.content
    question = Question.objects.get(code=response.json()["code"])
    path = question.attachment.path
    assert os.path.exists(path)
    assert path.startswith(str(django_settings.PARTICIPATION["PRIVATE_ROOT"]))
    assert not path.startswith(str(django_settings.MEDIA_ROOT))


def test_the_same_question_twice_is_a_409_with_the_first_code(client, world):
    first = post(client, world["own"])
    second = post(client, world["own"], text=question_data()["text"].upper() + "  ")
    assert second.status_code == 409
    assert second.json()["code"] == first.json()["code"]
    assert Question.objects.count() == 1


def test_one_address_is_limited(client, world, limits):
    codes = [
        post(
            client,
            world["own"],
            email=f"nguoi{n}@example.test",
            phone="",
            text=f"Câu hỏi số {n} về cấp phép xây dựng nhà ở",
        ).status_code
        for n in range(3)
    ]
    assert codes == [201, 201, 429]
    assert Question.objects.count() == 2


def test_one_contact_is_limited_from_any_address(client, world, limits):
    codes = []
    for n in range(3):
        response = client.post(
            URL,
            json.dumps(question_data(text=f"Câu hỏi thứ {n} về giấy phép xây dựng nhà ở")),
            content_type="application/json",
            REMOTE_ADDR=f"10.0.0.{n + 1}",
            **host(world["own"]),
        )
        codes.append(response.status_code)
    assert codes == [201, 201, 429]
    assert Question.objects.count() == 2


def test_the_status_by_code_shows_no_personal_data(client, world):
    code = post(client, world["own"]).json()["code"]
    response = client.get(f"{URL}{code}/", **host(world["portal"]))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "new" and body["agency"] == "Sở Xây dựng"
    text = response.content.decode()
    assert not any(value in text for value in PRIVATE)
    assert question_data()["text"] not in text
    assert client.get(f"{URL}{code.lower()}/").json()["code"] == code


def test_an_unknown_code_is_a_json_404(client, world):
    response = client.get(f"{URL}KHONGCOMA99/", **host(world["own"]))
    assert response.status_code == 404
    assert response.json()["message"]


def test_the_form_token_endpoint(client, world):
    response = client.get("/api/v2/participation/token/", **host(world["own"]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json()["form_token"]
