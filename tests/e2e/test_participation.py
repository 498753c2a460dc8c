"""A citizen asks Phường Kinh Bắc a question on its front-end and gets a tracking code; the
ward's editor answers it from the inbox and sends it for publication as a Q&A; the chief
approves it from the dashboard; another citizen, typing without accents, finds it in search."""

import re

from playwright.sync_api import expect

from .conftest import eventually, get_json, login, shot

TOPIC = "Làm lại giấy khai sinh bị rách"
QUESTION = (
    "Giấy khai sinh bản chính của con tôi bị rách mất một góc, còn đọc được. "
    "Tôi có phải đăng ký lại khai sinh không hay chỉ cần xin bản sao?"
)
ANSWER = "Ông/Bà không phải đăng ký lại; đề nghị cấp bản sao trích lục khai sinh tại phường."
TITLE = "Giấy khai sinh bị rách có phải đăng ký lại không?"


def test_a_question_asked_on_a_wards_site_is_answered_approved_and_found(live, new_context):
    citizen = new_context().new_page()
    citizen.goto(live.url("pkinhbac", "/hoi-dap/gui-cau-hoi/"))
    citizen.get_by_label("Tiêu đề").fill(TOPIC)
    # Typed at a person's pace: the form refuses one sent within seconds of being shown.
    citizen.get_by_label("Nội dung câu hỏi").press_sequentially(QUESTION, delay=30)
    citizen.get_by_label("Họ và tên").fill("Vũ Thị Thanh Hương")
    citizen.get_by_label("Thư điện tử").fill("huong.vu@example.com")
    citizen.locator("#id_consent").check()
    shot(citizen, "40-citizen-asks")
    citizen.get_by_role("button", name="Gửi câu hỏi").click()
    expect(citizen.get_by_role("status")).to_contain_text("Mã theo dõi")
    code = citizen.locator("dl.question-status dd").first.inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{10}", code), code
    expect(citizen.locator("dl.question-status")).to_contain_text("Phường Kinh Bắc")
    shot(citizen, "41-citizen-code")

    editor = login(new_context(), live, "pkinhbac-editor", "pkinhbac")
    editor.goto(live.url("pkinhbac", "/admin/participation/questions/?filter=new"))
    editor.get_by_role("link", name=code).click()
    expect(editor.locator("dl.participation-question")).to_contain_text(QUESTION)
    editor.locator("#id_answer-text").fill(ANSWER)
    editor.get_by_role("button", name="Gửi trả lời").click()
    expect(editor.locator(".messages")).to_contain_text("Đã trả lời")
    editor.locator("#id_publish-title").fill(TITLE)
    editor.get_by_role("button", name="Tạo trang hỏi đáp và gửi duyệt").click()
    expect(editor.locator(".messages")).to_contain_text("gửi trưởng ban duyệt")
    shot(editor, "42-editor-answered")
    status = get_json(live, f"/api/v2/questions/{code}/", "pkinhbac")
    assert status["status"] == "answered" and status["answer"] == ANSWER

    chief = login(new_context(), live, "pkinhbac-chief", "pkinhbac")
    row = chief.locator(".editorial-review-queue tr", has_text=TITLE)
    expect(row).to_be_visible()
    row.get_by_role("button", name="Duyệt và xuất bản").click()
    expect(chief.locator(".messages")).to_contain_text(TITLE)
    shot(chief, "43-chief-approved")

    eventually(
        lambda: get_json(live, f"/api/v2/questions/{code}/", "pkinhbac")["status"],
        lambda value: value == "published",
        timeout=20,
    )
    other = new_context().new_page()
    other.goto(live.url("portal", "/tim-kiem/?q=giay+khai+sinh+bi+rach"))

    def found() -> bool:
        other.reload()
        return other.locator(".search-result", has_text=TITLE).count() > 0

    eventually(found, bool, timeout=30)
    other.locator(".search-result").get_by_role("link", name=TITLE).click()
    expect(other.locator("h1")).to_have_text(TITLE)
    expect(other.locator(".answer")).to_contain_text(ANSWER)
    expect(other.locator(".question")).to_contain_text("Vũ T. T. H.")
    expect(other.locator("article")).not_to_contain_text("huong.vu@example.com")
    expect(other.locator("article")).not_to_contain_text("Vũ Thị Thanh Hương")
    shot(other, "44-citizen-finds-the-answer")
