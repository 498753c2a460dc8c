"""Published Q&A pages: in the pages API and in search (type `qa`) through the one sync
path, with the asker's shortened name on the page only and no personal data anywhere public."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api.models import WebhookDelivery, WebhookEndpoint
from participation import services
from participation.models import Question
from search.client import get_client
from search.documents import alias_name

from .conftest import PRIVATE, png_bytes, question_data

QUESTION = "Tôi muốn xây nhà ba tầng trên đất ở tại phường, cần giấy tờ gì để xin phép?"
ANSWER = "Hồ sơ gồm đơn đề nghị cấp giấy phép xây dựng và bản vẽ thiết kế nhà ở riêng lẻ."


@pytest.fixture
def endpoint(world):
    """A front-end's webhook on the agency's site: it hears of the Q&A page too."""
    return WebhookEndpoint.objects.create(
        site=world["own"].site, url="http://127.0.0.1:9/hook", secret="bi-mat"
    )


@pytest.fixture
def published(world, sync, endpoint):
    data = {**question_data(), "sector": world["sector"], "agency": ""}
    data["attachment"] = SimpleUploadedFile("anh.png", png_bytes())
    question = services.submit_question(world["own"].site, data)
    editor = world["own"].users["editor"]
    services.answer(question, editor, ANSWER)
    page = services.publish_as_qa(question, editor, title="Xin phép xây nhà ba tầng cần gì?")
    with sync():
        page.save_revision(user=world["own"].users["chief"]).publish()
    question.refresh_from_db()
    page.refresh_from_db()
    return question, page


def _public_outputs(client, world, page) -> dict[str, str]:
    host = {"HTTP_HOST": world["own"].site.hostname}
    return {
        "detail": client.get(f"/api/v2/pages/{page.pk}/", **host).content.decode(),
        "listing": client.get(
            "/api/v2/pages/?type=participation.QuestionAnswerPage&fields=*", **host
        ).content.decode(),
        "html": client.get(page.url, **host).content.decode(),
        "index_html": client.get(page.get_parent().url, **host).content.decode(),
        "search": client.get("/api/v2/search/?q=xin phep xay nha ba tang&site=*").content.decode(),
        "status": client.get(f"/api/v2/questions/{page.pk}/").content.decode(),
    }


def test_the_published_qa_is_in_the_api_and_found_by_another_citizens_question(
    client, world, published
):
    question, page = published
    assert question.status == "published"
    detail = client.get(f"/api/v2/pages/{page.pk}/", HTTP_HOST=world["own"].site.hostname).json()
    assert detail["meta"]["type"] == "participation.QuestionAnswerPage"
    assert detail["question"] == QUESTION and detail["asker"] == "Trần T. B. N."
    assert detail["sector"]["slug"] == "hoat-dong-xay-dung"
    # Unaccented, in other words, as another citizen types it.
    found = client.get("/api/v2/search/?q=can giay to gi de xin phep xay nha&site=*").json()
    assert found["items"][0]["id"] == page.pk
    assert found["items"][0]["type"] == "qa"
    typed = client.get("/api/v2/search/?q=xay nha&type=qa&site=*").json()
    assert [item["id"] for item in typed["items"]] == [page.pk]


def test_no_personal_data_in_any_public_output_or_the_search_document(client, world, published):
    _question, page = published
    document = get_client().get(index=alias_name(), id=str(page.pk))["_source"]
    webhooks = [d.payload for d in WebhookDelivery.objects.filter(payload__page__id=page.pk)]
    assert [payload["type"] for payload in webhooks] == ["page.published"]
    outputs = {
        **_public_outputs(client, world, page),
        "document": str(document),
        "webhooks": json.dumps(webhooks, ensure_ascii=False),
    }
    for name, text in outputs.items():
        leaked = [value for value in PRIVATE if value in text]
        assert not leaked, f"{name} shows {leaked}"
    assert "Trần T. B. N." not in str(document)  # not even the shortened name is indexed
    assert "Trần T. B. N." in outputs["html"]


def test_unpublishing_removes_it_from_search(client, world, published, sync):
    _question, page = published
    with sync():
        page.unpublish()
    found = client.get("/api/v2/search/?q=xay nha&type=qa&site=*").json()
    assert found["items"] == []
    assert Question.objects.get(qa_page=page).status == "published"


def test_a_renamed_procedure_reaches_the_qa_that_cites_it(client, world, sync):
    """The Q&A's keywords carry the titles of its procedures: a rename of one, once
    published, must reach the Q&A's search document."""
    from procedures.models import ProcedureIndexPage, ProcedurePage

    home = world["own"].site.root_page
    index = ProcedureIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=ProcedureIndexPage(title="Thủ tục", slug="thu-tuc"))
    procedure = index.add_child(
        instance=ProcedurePage(
            title="Cấp giấy phép xây dựng nhà ở riêng lẻ",
            slug="cap-phep-nha-o",
            code="1.009999",
            sector=world["sector"],
            level_commune=True,
            implementing_agency="UBND cấp xã",
        )
    )
    question = services.submit_question(
        world["own"].site, {**question_data(), "sector": None, "agency": "", "attachment": None}
    )
    editor = world["own"].users["editor"]
    services.answer(question, editor, ANSWER)
    page = services.publish_as_qa(
        question, editor, title="Hỏi về nhà ba tầng", procedures=[procedure]
    )
    with sync():
        procedure.save_revision().publish()
        page.save_revision().publish()

    def keywords() -> str:
        return get_client().get(index=alias_name(), id=str(page.pk))["_source"]["keywords"]

    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in keywords()
    procedure.title = "Cấp giấy phép xây dựng có thời hạn"
    with sync():
        procedure.save_revision().publish()
    assert "Cấp giấy phép xây dựng có thời hạn" in keywords()
    assert "nhà ở riêng lẻ" not in keywords()
