"""The agency's inbox: answering (e-mail), asking for more, reassigning with a note,
closing, publishing as a Q&A through the site's workflow; another agency's editors get 404
on every view of a submission; every opening is audited."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from participation import services
from participation.models import (
    ParticipationSettings,
    Question,
    QuestionAnswerPage,
    SubmissionAccess,
)
from tests.sites.conftest import ROLES

from .conftest import EMAIL, NAME, PHONE, aged_token, host, png_bytes, question_data


def make_question(site, **overrides) -> Question:
    data = {**question_data(), "sector": None, "attachment": None, "agency": ""}
    data.update(overrides)
    return services.submit_question(site, data)


def act(client, question, action, **data):
    url = reverse("participation_question_action", args=[question.pk, action])
    return client.post(url, {f"{action}-{key}": value for key, value in data.items()})


def test_the_inbox_lists_the_agencys_questions_only(client, world):
    own = make_question(world["own"].site, topic="Câu hỏi của Sở Xây dựng")
    make_question(
        world["other"].site, topic="Câu hỏi BIMATKHAC của Sở Tư pháp", email="x@example.test"
    )
    client.force_login(world["own"].users["editor"])
    response = client.get(reverse("participation_inbox"))
    assert response.status_code == 200
    body = response.content.decode()
    assert own.code in body and "BIMATKHAC" not in body
    # The listing shows no contact details.
    assert EMAIL not in body and PHONE not in body


def _every_view(question, comment_consultation=None):
    urls = [
        ("get", reverse("participation_question", args=[question.pk])),
        ("get", reverse("participation_question_attachment", args=[question.pk])),
    ]
    for action in ("take", "answer", "request_info", "reassign", "close", "publish", "erase"):
        urls.append(("post", reverse("participation_question_action", args=[question.pk, action])))
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_another_agencys_staff_get_404_on_every_view_of_a_question(client, world, role):
    question = make_question(
        world["other"].site, attachment=SimpleUploadedFile("a.png", png_bytes())
    )
    client.force_login(world["own"].users[role])
    # Data each action would accept: only the confinement stops them.
    valid = {
        "answer-text": "Trả lời",
        "request_info-note": "Bổ sung",
        "close-reason": "Đóng",
        "reassign-site": world["own"].site.pk,
        "reassign-note": "Chuyển",
        "publish-title": "Tiêu đề",
        "erase-note": "Theo yêu cầu",
    }
    for method, url in _every_view(question):
        response = getattr(client, method)(url, valid)
        assert response.status_code == 404, (role, url, response.status_code)
    question.refresh_from_db()
    assert question.status == "new" and question.answer == ""
    assert not SubmissionAccess.objects.exists()


def test_opening_a_question_is_audited_and_shows_the_contact(client, world):
    question = make_question(world["own"].site)
    editor = world["own"].users["editor"]
    client.force_login(editor)
    response = client.get(reverse("participation_question", args=[question.pk]))
    assert response.status_code == 200
    assert NAME in response.content.decode() and EMAIL in response.content.decode()
    access = SubmissionAccess.objects.get()
    assert (access.user, access.question, access.action) == (editor, question, "view")


def test_answering_emails_the_citizen_and_shows_on_the_status(client, world):
    question = make_question(world["own"].site)
    client.force_login(world["own"].users["editor"])
    mail.outbox.clear()
    answer = "Ông/Bà cần nộp đơn đề nghị cấp giấy phép xây dựng và bản vẽ thiết kế."
    response = act(client, question, "answer", text=answer)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "answered" and question.answer == answer
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert question.code in message.subject and answer in message.body
    status = client.get(f"/api/v2/questions/{question.code}/").json()
    assert status["status"] == "answered" and status["answer"] == answer


def test_asking_for_more_information(client, world):
    question = make_question(world["own"].site)
    client.force_login(world["own"].users["editor"])
    mail.outbox.clear()
    act(client, question, "request_info", note="Xin bổ sung số thửa đất.")
    question.refresh_from_db()
    assert question.status == "needs_info"
    assert "Xin bổ sung số thửa đất." in mail.outbox[0].body
    status = client.get(f"/api/v2/questions/{question.code}/").json()
    assert status["info_requested"] == "Xin bổ sung số thửa đất."


def reply(client, code: str, **overrides):
    data = {"text": "Thửa đất số 125, tờ bản đồ số 7, phường Kinh Bắc.", "website": ""}
    data["form_token"] = aged_token()
    data.update(overrides)
    return client.post(
        f"/api/v2/questions/{code}/reply/", json.dumps(data), content_type="application/json"
    )


def test_the_citizen_adds_what_was_asked_for_by_the_tracking_code(client, world):
    question = make_question(world["own"].site)
    editor = world["own"].users["editor"]
    # Before anything was asked for: refused, nothing recorded.
    assert reply(client, question.code).status_code == 409
    services.take(question, editor)
    services.request_info(question, editor, "Xin bổ sung số thửa đất.")
    for bad in ({"text": "ngắn"}, {"website": "http://spam"}, {"form_token": "x"}):
        assert reply(client, question.code, **bad).status_code == 400
    assert reply(client, "KHONGCOMA1").status_code == 404
    events = question.events.count()
    response = reply(client, question.code.lower())
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "assigned"
    question.refresh_from_db()
    assert question.status == "assigned" and question.assignee == editor
    assert question.events.count() == events + 1
    # The agency reads it in the question's history; the public status never shows it.
    client.force_login(editor)
    page = client.get(reverse("participation_question", args=[question.pk])).content.decode()
    assert "Thửa đất số 125" in page
    client.logout()
    status = client.get(f"/api/v2/questions/{question.code}/").content.decode()
    assert "125" not in status
    assert reply(client, question.code).status_code == 409  # once is what was asked


def test_the_status_page_takes_the_added_details(client, world):
    question = make_question(world["own"].site)
    services.request_info(question, world["own"].users["editor"], "Xin bổ sung số thửa đất.")
    url = "/hoi-dap/tra-cuu/"
    page = client.get(url, {"code": question.code}, **host(world["own"]))
    assert page.status_code == 200 and 'name="text"' in page.content.decode()
    refused = client.post(
        url,
        {"code": question.code, "text": "ngắn", "form_token": aged_token()},
        **host(world["own"]),
    )
    assert refused.status_code == 400
    sent = client.post(
        url,
        {
            "code": question.code,
            "text": "Thửa đất số 125, tờ bản đồ số 7.",
            "form_token": aged_token(),
        },
        **host(world["own"]),
    )
    assert sent.status_code == 302
    question.refresh_from_db()
    assert question.status == "new"
    after = client.get(sent["Location"], **host(world["own"])).content.decode()
    assert "Đã gửi thông tin bổ sung" in after and 'name="text"' not in after


def test_reassigning_moves_the_question_with_its_history(client, world):
    question = make_question(world["own"].site)
    own_editor = world["own"].users["editor"]
    client.force_login(own_editor)
    act(client, question, "take")
    response = act(
        client, question, "reassign", site=world["other"].site.pk, note="Thuộc lĩnh vực tư pháp."
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.site == world["other"].site and question.status == "new"
    assert question.assignee is None
    event = question.events.get(kind="reassigned")
    assert (event.from_site, event.to_site, event.note) == (
        world["own"].site,
        world["other"].site,
        "Thuộc lĩnh vực tư pháp.",
    )
    # No longer the first agency's: a 404 there, the second agency's now.
    assert client.get(reverse("participation_question", args=[question.pk])).status_code == 404
    client.force_login(world["other"].users["editor"])
    page = client.get(reverse("participation_question", args=[question.pk]))
    assert page.status_code == 200 and "Thuộc lĩnh vực tư pháp." in page.content.decode()


def test_reassigning_needs_a_note_and_another_agency(client, world):
    question = make_question(world["own"].site)
    client.force_login(world["own"].users["editor"])
    act(client, question, "reassign", site=world["other"].site.pk, note="")
    act(client, question, "reassign", site=world["own"].site.pk, note="x")
    question.refresh_from_db()
    assert question.site == world["own"].site
    assert not question.events.filter(kind="reassigned").exists()


def test_closing_needs_a_reason_and_is_shown_to_the_citizen(client, world):
    question = make_question(world["own"].site)
    client.force_login(world["own"].users["editor"])
    act(client, question, "close", reason="")
    question.refresh_from_db()
    assert question.status == "new"
    act(client, question, "close", reason="Nội dung không thuộc thẩm quyền, đã hướng dẫn.")
    question.refresh_from_db()
    assert question.status == "closed"
    status = client.get(f"/api/v2/questions/{question.code}/").json()
    assert status["close_reason"] == "Nội dung không thuộc thẩm quyền, đã hướng dẫn."


def test_publishing_goes_through_the_chiefs_approval(client, world):
    question = make_question(world["own"].site)
    editor, chief = world["own"].users["editor"], world["own"].users["chief"]
    client.force_login(editor)
    act(client, question, "answer", text="Trả lời: cần giấy chứng nhận quyền sử dụng đất.")
    response = act(client, question, "publish", title="Xin phép xây nhà ba tầng cần giấy tờ gì?")
    assert response.status_code == 302
    question.refresh_from_db()
    page = QuestionAnswerPage.objects.get(pk=question.qa_page_id)
    assert not page.live and question.status == "answered"
    assert page.asker == "Trần T. B. N."
    assert page.get_parent().get_parent().pk == world["own"].site.root_page_id
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == "in_progress"
    # The chief approves in the site's workflow: the page goes live, the question published.
    client.force_login(chief)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert client.post(url, {}).status_code in (200, 302)
    page.refresh_from_db()
    question.refresh_from_db()
    assert page.live and question.status == "published"
    assert client.get(f"/api/v2/questions/{question.code}/").json()["qa_page_id"] == page.pk


def test_overdue_uses_the_sites_answer_days(world):
    old = make_question(world["own"].site)
    Question.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=10))
    assert not Question.objects.overdue().exists()  # 15 days by default
    ParticipationSettings.objects.update_or_create(
        site=world["own"].site, defaults={"answer_days": 7}
    )
    assert list(Question.objects.overdue()) == [old]


def test_the_dashboard_counts_the_agencys_questions(client, world):
    make_question(world["own"].site)
    make_question(world["other"].site, email="khac@example.test")
    client.force_login(world["own"].users["editor"])
    response = client.get(reverse("wagtailadmin_home"))
    body = response.content.decode()
    assert "participation-inbox-counts" in body
    assert "<strong>1</strong> câu hỏi mới" in body


def test_publishing_refuses_an_unknown_procedure_code_and_an_unanswered_question(client, world):
    question = make_question(world["own"].site)
    client.force_login(world["own"].users["editor"])
    act(client, question, "publish", title="Chưa trả lời")
    act(client, question, "answer", text="Đã trả lời.")
    act(client, question, "publish", title="Câu hỏi", procedure_codes="KHONG.CO")
    question.refresh_from_db()
    assert question.qa_page_id is None
    assert not QuestionAnswerPage.objects.exists()


def test_only_the_site_admin_edits_the_sites_answer_days(client, world):
    url = reverse(
        "wagtailsettings:edit",
        args=["participation", "participationsettings", world["own"].site.pk],
    )
    client.force_login(world["own"].users["admin"])
    assert client.get(url).status_code == 200
    client.force_login(world["own"].users["editor"])
    assert client.get(url).status_code in (302, 403)
    client.force_login(world["other"].users["admin"])
    assert client.get(url).status_code in (302, 403, 404)


def test_erasing_on_the_citizens_request(client, world):
    question = make_question(world["own"].site, attachment=SimpleUploadedFile("a.png", png_bytes()))
    chief = world["own"].users["chief"]
    client.force_login(chief)
    act(client, question, "erase", note="")
    question.refresh_from_db()
    assert question.email == EMAIL  # a reason is required
    act(client, question, "erase", note="Theo đơn yêu cầu của công dân ngày 05/12.")
    question.refresh_from_db()
    assert (question.name, question.email, question.phone, question.attachment.name) == (
        "",
        "",
        "",
        "",
    )
    event = question.events.get(kind="purged")
    assert event.user == chief and "đơn yêu cầu" in event.note
    page = client.get(reverse("participation_question", args=[question.pk])).content.decode()
    assert "(đã xóa dữ liệu cá nhân)" in page and EMAIL not in page
