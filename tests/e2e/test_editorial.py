"""The editorial journey in the Wagtail admin: an agency editor writes, the chief editor
approves, the page goes live, reaches the API and the search; editors stay on their site."""

from playwright.sync_api import expect

from .conftest import choose_image, eventually, get_json, login, run_action, shot

TITLE = "Khánh thành cầu vượt Đông Ngàn trên quốc lộ 1A"
# What the admin's script makes of the title: Vietnamese folded, "đ" as "d" (sites.slugs).
SLUG = "khanh-thanh-cau-vuot-dong-ngan-tren-quoc-lo-1a"
UNACCENTED_QUERY = "khanh thanh cau vuot dong ngan"
# Media of the world (tests/e2e/world.py).
SXD_IMAGES = ["Công trường cầu Như Nguyệt", "Lễ khởi công khu nhà ở xã hội"]
STP_IMAGE = "Hội nghị phổ biến pháp luật Sở Tư pháp"


def _section_id(live, slug: str, page_type: str) -> int:
    items = get_json(live, f"/api/v2/pages/?site={slug}&type={page_type}")["items"]
    assert len(items) == 1, items
    return items[0]["id"]


def test_editor_writes_chief_approves_page_goes_live_and_searchable(live, new_context):
    news_index = _section_id(live, "sxd", "news.NewsIndexPage")
    editor = login(new_context(), live, "sxd-editor", "sxd")
    editor.goto(live.url("sxd", f"/admin/pages/{news_index}/add_subpage/"))
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_summary").fill(
        "Cây cầu vượt nối hai khu công nghiệp giúp giảm ùn tắc giờ cao điểm."
    )
    expect(editor.locator("#id_slug")).to_have_value(SLUG)
    choose_image(editor, editor.locator("#id_featured_image-chooser"), SXD_IMAGES[0])
    expect(editor.locator("#id_featured_image-chooser")).to_contain_text(SXD_IMAGES[0])

    # A gallery block in the body, with one image.
    editor.locator("[data-contentpath='body'] .c-sf-add-button").first.click()
    editor.get_by_role("option", name="Bộ ảnh").click()
    gallery = editor.locator("[data-contentpath='body'] [data-streamfield-child]").first
    choose_image(editor, gallery, SXD_IMAGES[1])
    expect(gallery).to_contain_text(SXD_IMAGES[1])
    gallery.get_by_label("văn bản thay thế").fill("Lãnh đạo tỉnh bấm nút khởi công")
    shot(editor, "01-editor-news-form")

    run_action(editor, "action-submit")
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    shot(editor, "02-editor-submitted")

    chief = login(new_context(), live, "sxd-chief", "sxd")
    # The dashboard's review queue lists it, with its two decisions (editorial.panels).
    awaiting = chief.locator("tr", has_text=TITLE)
    expect(awaiting).to_be_visible()
    shot(chief, "03-chief-dashboard")
    awaiting.get_by_role("button", name="Duyệt và xuất bản").click()
    expect(awaiting).to_have_count(0)
    shot(chief, "04-chief-approved")

    # Live: the public page, the API, then the search (after the sync task ran).
    public = new_context().new_page()
    listing = get_json(
        live, "/api/v2/pages/?site=sxd&type=news.NewsPage&fields=featured_image,body"
    )
    item = next(i for i in listing["items"] if i["title"] == TITLE)
    assert item["featured_image"]["title"] == SXD_IMAGES[0]
    gallery_blocks = [b for b in item["body"] if b["type"] == "gallery"]
    assert gallery_blocks, item["body"]
    assert item["meta"]["html_url"].endswith(f"/{SLUG}/")
    public.goto(item["meta"]["html_url"])
    expect(public.locator("h1")).to_have_text(TITLE)
    shot(public, "05-public-news-page")

    found, seconds = eventually(
        lambda: get_json(live, f"/api/v2/search/?q={UNACCENTED_QUERY.replace(' ', '+')}"),
        lambda result: any(i["title"] == TITLE for i in result["items"]),
        timeout=15,
    )
    print(f"searchable {seconds:.1f} s after approval")
    hit = next(i for i in found["items"] if i["title"] == TITLE)
    assert hit["site"]["slug"] == "sxd" and hit["type"] == "news"


def test_editor_sees_neither_other_agencys_pages_nor_its_images(live, new_context):
    stp_home = _section_id(live, "stp", "home.HomePage")
    editor = login(new_context(), live, "sxd-editor", "sxd")

    # The explorer starts at the editor's own site and never shows the other agency's tree.
    editor.goto(live.url("sxd", "/admin/pages/"))
    expect(editor.locator("h1")).to_contain_text("Sở Xây dựng")
    rows = editor.locator("main table tbody tr")
    expect(rows.filter(has_text="Tin tức")).to_have_count(1)
    # (Wagtail's "site" filter of the listing still names every site: names are public.)
    expect(editor.locator("main table")).not_to_contain_text("Sở Tư pháp")
    shot(editor, "06-editor-explorer")
    # Typing the other agency's explorer URL lands the editor back on their own site.
    editor.goto(live.url("sxd", f"/admin/pages/{stp_home}/"))
    expect(editor.locator("h1")).to_contain_text("Sở Xây dựng")
    expect(editor.locator("main table")).not_to_contain_text("Sở Tư pháp")
    assert not editor.url.endswith(f"/admin/pages/{stp_home}/")

    # The image chooser offers the agency's own images only, also when searching.
    news_index = _section_id(live, "sxd", "news.NewsIndexPage")
    editor.goto(live.url("sxd", f"/admin/pages/{news_index}/add_subpage/"))
    editor.locator("#id_featured_image-chooser [data-chooser-action-choose]").click()
    modal = editor.locator(".modal").filter(has=editor.locator("input[name='q']"))
    for title in SXD_IMAGES:
        expect(modal.get_by_role("link", name=title)).to_be_visible()
    expect(modal).not_to_contain_text(STP_IMAGE)
    shot(editor, "07-editor-image-chooser")
    modal.locator("input[name='q']").fill("Tư pháp")
    expect(modal).to_contain_text("Tư pháp")  # the query echoed back: the search ran
    expect(modal.get_by_role("link", name=STP_IMAGE)).to_have_count(0)
