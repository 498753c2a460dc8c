"""A chief editor completes a procedure in the admin: a dossier component with its form
file, and the fee; the public page and the API show the change."""

from playwright.sync_api import expect

from .conftest import fetch, get_json, login, run_action, shot

COMPONENT = "Đơn đề nghị cấp giấy phép xây dựng theo Mẫu số 01"
FORM_FILE = "Mẫu đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)"  # in the world's media
FEE = "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ"


def _inline_form(page, prefix: str) -> str:
    """Add a row to an InlinePanel; returns the new row's field prefix."""
    total = page.locator(f"#id_{prefix}-TOTAL_FORMS")
    index = int(total.input_value())
    page.locator(f"#id_{prefix}-ADD").click()
    expect(total).to_have_value(str(index + 1))
    return f"id_{prefix}-{index}"


def test_chief_adds_a_dossier_component_and_a_fee(live, new_context):
    procedure = get_json(live, "/api/v2/pages/?site=sxd&type=procedures.ProcedurePage")["items"][0]
    chief = login(new_context(), live, "sxd-chief", "sxd")
    chief.goto(live.url("sxd", f"/admin/pages/{procedure['id']}/edit/"))

    chief.get_by_role("tab", name="Trình tự, hồ sơ").click()
    row = _inline_form(chief, "dossier_components")
    chief.locator(f"#{row}-name").fill(COMPONENT)
    chief.locator(f"#{row}-originals").fill("1")
    chief.locator(f"#{row}-form_template-chooser [data-chooser-action-choose]").click()
    modal = chief.locator(".modal").filter(has=chief.locator("input[name='q']"))
    modal.get_by_role("link", name=FORM_FILE).click()
    expect(chief.locator(f"#{row}-form_template-chooser")).to_contain_text(FORM_FILE)
    shot(chief, "08-chief-procedure-dossier")

    chief.get_by_role("tab", name="Phí, điều kiện, căn cứ").click()
    fee = _inline_form(chief, "fees")
    chief.locator(f"#{fee}-description").fill(FEE)
    chief.locator(f"#{fee}-amount").fill("75000")
    shot(chief, "09-chief-procedure-fees")

    run_action(chief, "action-publish")
    expect(chief.locator(".messages")).to_contain_text(procedure["title"])

    detail = get_json(live, f"/api/v2/pages/{procedure['id']}/", slug="sxd")
    components = {c["name"]: c for c in detail["dossier_components"]}
    assert components[COMPONENT]["originals"] == 1
    assert components[COMPONENT]["form_template"]["title"] == FORM_FILE
    assert {"description": FEE, "amount": 75000, "amount_text": ""} in [
        {k: f[k] for k in ("description", "amount", "amount_text")} for f in detail["fees"]
    ]

    public = new_context().new_page()
    public.goto(detail["meta"]["html_url"])
    dossier = public.locator("table.dossier tr", has_text=COMPONENT)
    form_link = dossier.get_by_role("link", name=f"Tải mẫu: {FORM_FILE}")
    expect(form_link).to_be_visible()
    assert fetch(form_link.evaluate("a => a.href")).startswith(b"Mau don de nghi")
    expect(public.locator("table.fees tr", has_text=FEE)).to_contain_text("75.000 đồng")
    public.locator("table.fees").scroll_into_view_if_needed()
    shot(public, "10-public-procedure")
