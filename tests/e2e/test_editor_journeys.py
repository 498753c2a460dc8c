"""The editors' day in the Vietnamese admin, click by click: an editor writes a news item with
an image and sends it for review in at most 12 clicks, the chief approves it in at most 3 (or
asks for changes with a comment); Save clicked while an autosave is on its way keeps the
editor's text in one page. The browser asks for English: the admin answers in Vietnamese.
Each step's screenshot goes to tests/e2e/screenshots/ (those of docs/screenshots/ come from
here)."""

from playwright.sync_api import Locator, Page, expect

from .conftest import login, shot

IMAGE = "Công trường cầu Như Nguyệt"  # in Sở Xây dựng's media (tests/e2e/world.py)
WRITE_AT_MOST = 12
APPROVE_AT_MOST = 3


class Clicks:
    """Counts what the user clicks; typing is not a click."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, target: Locator) -> None:
        self.count += 1
        target.click()


def english_browser(new_context):
    context = new_context()
    context.set_extra_http_headers({"Accept-Language": "en-US,en;q=0.9"})
    return context


def write_news(editor: Page, title: str, click: Clicks) -> None:
    """From the dashboard: the task, the text, an image from the agency's collection, a
    paragraph, and the main button, "Gửi duyệt"."""
    click(editor.get_by_role("link", name="Viết tin mới"))
    click(editor.locator("#id_title"))
    editor.keyboard.type(title)
    click(editor.locator("#id_summary"))
    editor.keyboard.type("Tỉnh khởi công tuyến đường nối hai khu công nghiệp phía Bắc.")
    click(editor.locator("#id_featured_image-chooser [data-chooser-action-choose]"))
    modal = editor.locator(".modal.fade.in, .modal[aria-hidden='false']").last
    click(modal.get_by_role("link", name=IMAGE))
    expect(editor.locator("#id_featured_image-chooser")).to_contain_text(IMAGE)
    click(editor.locator("[data-contentpath='body'] .c-sf-add-button").first)
    click(editor.get_by_role("option", name="Đoạn văn"))
    click(editor.locator("[data-contentpath='body'] [contenteditable='true']").first)
    editor.keyboard.type("Công trình dài 12 km, dự kiến hoàn thành trong năm 2027.")
    # Draftail writes the paragraph into the form a moment after the last key (its save
    # interval); a person's hand takes longer than that to reach the button, a script not.
    editor.wait_for_function(
        """() => [...document.querySelectorAll("[data-contentpath='body'] input")]
            .some((input) => input.value.includes("12 km"))""",
        timeout=15_000,
    )


def test_editor_writes_and_submits_a_news_item_with_an_image_in_at_most_12_clicks(
    live, new_context
):
    title = "Khởi công đường nối khu công nghiệp Quế Võ"
    editor = login(english_browser(new_context), live, "sxd-editor", "sxd")
    expect(editor.get_by_role("heading", name="Việc cần làm")).to_be_visible()
    shot(editor, "20-editor-dashboard")
    click = Clicks()
    write_news(editor, title, click)
    shot(editor, "21-editor-news-form")
    main_button = editor.locator("footer button[name='action-submit']")
    expect(main_button).to_contain_text("Gửi duyệt")
    with editor.expect_navigation():
        click(main_button)
    # "Đã tạo trang … và gửi duyệt." or, once an autosave created it, "Đã gửi duyệt trang …".
    expect(editor.locator(".messages")).to_contain_text(title)
    expect(editor.locator(".messages")).to_contain_text("gửi duyệt")
    shot(editor, "22-editor-submitted")
    print(f"writing and submitting a news item with an image: {click.count} clicks")
    assert click.count <= WRITE_AT_MOST

    chief = login(english_browser(new_context), live, "sxd-chief", "sxd")
    row = chief.locator(".editorial-review-queue tr", has_text=title)
    expect(row).to_be_visible()
    shot(chief, "23-chief-review-queue")
    click = Clicks()
    click(row.get_by_role("button", name="Duyệt và xuất bản"))
    expect(chief.locator(".messages")).to_contain_text(f'Đã duyệt và xuất bản "{title}".')
    expect(row).to_have_count(0)
    shot(chief, "24-chief-approved")
    print(f"approving and publishing: {click.count} clicks")
    assert click.count <= APPROVE_AT_MOST


def test_chief_asks_for_changes_with_a_comment_in_3_clicks(live, new_context):
    title = "Thông báo lịch tiếp công dân tháng 12"
    editor = login(english_browser(new_context), live, "sxd-editor", "sxd")
    write_news(editor, title, Clicks())
    with editor.expect_navigation():
        editor.locator("footer button[name='action-submit']").click()

    expect(editor.locator(".messages")).to_contain_text(title)
    edit_url = editor.locator(".messages a", has_text="Sửa").first.get_attribute("href")

    chief = login(english_browser(new_context), live, "sxd-chief", "sxd")
    row = chief.locator(".editorial-review-queue tr", has_text=title)
    click = Clicks()
    click(row.get_by_role("button", name="Yêu cầu sửa"))
    dialog = chief.locator(".modal.fade.in, .modal[aria-hidden='false']").last
    expect(dialog).to_contain_text("Cần sửa gì")
    click(dialog.locator("textarea[name='comment']"))
    chief.keyboard.type("Bổ sung giờ tiếp công dân buổi chiều.")
    shot(chief, "25-chief-request-changes")
    click(dialog.get_by_role("button", name="Yêu cầu sửa"))
    expect(chief.locator(".messages")).to_contain_text(f'Đã yêu cầu sửa "{title}".')
    assert click.count <= APPROVE_AT_MOST

    # The writer finds the comment where they fix the page.
    editor.goto(live.url("sxd", edit_url))
    expect(editor.locator(".messages")).to_contain_text("Bổ sung giờ tiếp công dân buổi chiều.")
    shot(editor, "26-editor-changes-requested")


# The autosave's answer reaches the browser 1.5 s after the server sent it (a slow line):
# the page exists on the server while the form still posts to the create URL.
SLOW_AUTOSAVE_ANSWERS = """
const send = window.fetch.bind(window);
window.fetch = async (url, options = {}) => {
  const response = await send(url, options);
  const accept = new Headers(options.headers || {}).get('Accept') || '';
  if ((options.method || '').toUpperCase() === 'POST' && accept.includes('application/json')) {
    window.autosaveSent = true;
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  return response;
};
"""


def test_save_while_an_autosave_is_on_its_way_keeps_the_text_in_one_page(live, new_context):
    """Wagtail's autosave creates a new page on its first save; a click on Lưu bản nháp
    before its answer arrived used to post the form to the create URL again (a 500, or an
    error on a page that already exists: the text seemingly lost)."""
    title = "Tin đua với tự động lưu"
    context = english_browser(new_context)
    context.add_init_script(SLOW_AUTOSAVE_ANSWERS)
    editor = login(context, live, "sxd-editor", "sxd")
    editor.get_by_role("link", name="Viết tin mới").click()
    editor.wait_for_load_state("networkidle")
    editor.wait_for_timeout(2500)  # Wagtail starts watching the form for changes
    editor.locator("#id_title").fill(title)
    editor.locator("#id_summary").fill("Nội dung không được mất.")
    editor.wait_for_function("() => window.autosaveSent === true", timeout=15_000)
    editor.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with editor.expect_navigation(timeout=30_000):
        editor.locator("footer button.action-save").click()
    expect(editor.locator(".messages")).to_contain_text(f'Đã lưu trang "{title}"')
    assert "/edit/" in editor.url
    count = live.query(
        "SELECT count(*) FROM wagtailcore_page WHERE title = %s AND depth > 2", title
    )[0][0]
    assert count == 1
    expect(editor.locator("#id_summary")).to_have_value("Nội dung không được mất.")
