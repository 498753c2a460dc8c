import csv
import json
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import Page

from procedures.importers import ImportValidationError, import_procedures
from procedures.models import ProcedureIndexPage, ProcedurePage, Sector

pytestmark = pytest.mark.django_db

GOOD_ROW = {
    "code": "1.001612",
    "name": "Đăng ký khai sinh",
    "sector": "Hộ tịch",
    "levels": ["xa"],
    "agency": "UBND cấp xã",
    "online_service": "toan_trinh",
}


def write_json(path: Path, rows: list) -> Path:
    path.write_text(json.dumps({"procedures": rows}, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict]) -> Path:
    header = ["code", "name", "sector", "levels", "agency", "online_service", "steps"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[dict]) -> Path:
    header = ["code", "name", "sector", "levels", "agency", "online_service", "fees_text"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(key) for key in header])
    workbook.save(path)
    return path


def procedures_of(site) -> list[ProcedurePage]:
    return list(ProcedurePage.objects.descendant_of(site.root_page).order_by("code"))


def code_of(row: dict) -> str:
    return row.get("national_code") or row["code"]


def test_sample_import_then_reimport_then_update(two_sites, sample_file, tmp_path):
    """One test on purpose: each full import of the sample publishes 119 pages."""
    portal, agency = two_sites
    sample = json.loads(sample_file.read_text(encoding="utf-8"))["procedures"]

    report = import_procedures(sample_file, portal)

    assert len(report.created) == 119
    assert (report.updated, report.unchanged, report.errors) == ([], [], [])
    index = ProcedureIndexPage.objects.child_of(portal.root_page).get()
    assert (index.title, index.slug, index.live) == (
        "Thủ tục hành chính",
        "thu-tuc-hanh-chinh",
        True,
    )
    pages = ProcedurePage.objects.child_of(index)
    assert pages.count() == pages.live().count() == 119
    assert not pages.filter(has_unpublished_changes=True).exists()
    # The national code is the procedure's code where the record has one.
    assert sorted(pages.values_list("code", flat=True)) == sorted(map(code_of, sample))
    assert sum(1 for row in sample if row.get("national_code")) == 74
    assert procedures_of(agency) == []
    # Sectors are a national list: one each, whatever the number of procedures.
    assert Sector.objects.count() == len({row["sector"] for row in sample})

    birth = pages.get(code="1.001193")
    assert birth.title == "Đăng ký khai sinh"
    assert birth.sector.name == "Hộ tịch"
    assert birth.levels == ["xa"]
    assert birth.implementing_agency == "UBND cấp xã"
    assert birth.online_level == "toan_trinh"
    assert birth.slug == "dang-ky-khai-sinh"
    # The record's source and facts are kept.
    assert birth.national_portal_url == sample[0]["source"]["portal_url"]
    assert birth.announcing_decision == "163/QĐ-BTP"
    assert (birth.submit_in_person, birth.submit_online, birth.submit_postal) == (True,) * 3
    assert birth.online_submission_url == birth.national_portal_url
    assert birth.fees_none and birth.result == "Giấy khai sinh"
    assert birth.applicants.startswith("Công dân Việt Nam")
    documents = birth.dossier_components.filter(kind="giay_to")
    assert documents.filter(name__startswith="Giấy chứng sinh", originals=1).exists()
    assert birth.dossier_components.filter(kind="ghi_chu", case="Lưu ý").count() > 5
    # Every row reads as an item: no list markers left in front.
    names = [c.name for p in pages for c in p.dossier_components.all()]
    assert len(names) > 900 and not [n for n in names if n[:1] in "-+*•"]
    assert birth.legal_basis.filter(document_number="123/2015/NĐ-CP").exists()
    assert len(birth.steps) > 5 and not birth.steps[0].value["body"].source.startswith("<p>-")
    # Records without detail stay honest: nothing is invented for them.
    bare = pages.get(code="MAU.0108")
    assert not bare.fees_none and bare.fees.count() == bare.dossier_components.count() == 0
    assert bare.national_portal_url == "" and bare.online_submission_url is None
    # Names longer than a page title keep their full text.
    long_one = pages.get(code=code_of(sample[102]))
    assert long_one.full_name == sample[102]["name"]
    assert len(long_one.title) <= 255 and long_one.title.endswith("…")
    assert long_one.name == sample[102]["name"]

    # Packed multi-line text is split into paragraphs without losing any of it.
    page = pages.get(code="1.003590")
    assert "Thông tư số 23/2018/TT-BNNPTNT" in page.legal_basis_note
    assert "5% giá thiết kế" in page.fees_note
    assert page.dossier_note.count("<p>") == 3
    assert (page.submit_online, page.online_level) == (False, "khong")
    timed = pages.get(code="1.003755")
    assert (timed.processing_time_value, timed.processing_time_unit) == (15, "ngay_lam_viec")
    assert "15 ngày làm việc" in timed.processing_time_note
    assert pages.get(code="1.014835").conditions.startswith("<p>1. Đối với cơ sở đăng kiểm tàu cá")

    # Re-import: nothing created or re-published.
    revisions_before = sum(p.revisions.count() for p in procedures_of(portal))
    report = import_procedures(sample_file, portal)
    assert (len(report.created), len(report.updated), len(report.unchanged)) == (0, 0, 119)
    assert ProcedurePage.objects.count() == 119
    assert ProcedureIndexPage.objects.count() == 1
    assert sum(p.revisions.count() for p in procedures_of(portal)) == revisions_before

    # One changed row: that page alone gets a new published revision.
    sample[0]["agency"] = "UBND xã, phường"
    sample[0]["levels"] = ["tinh", "xa"]
    sample[0]["fees"] = [{"description": "Cấp bản sao", "amount_vnd": 8000, "text": "8,000 VNĐ"}]
    changed = write_json(tmp_path / "changed.json", sample)
    revisions = birth.revisions.count()
    report = import_procedures(changed, portal)
    assert report.updated == ["1.001193"]
    assert len(report.unchanged) == 118
    birth.refresh_from_db()
    assert birth.implementing_agency == "UBND xã, phường"
    assert birth.levels == ["tinh", "xa"]
    assert [(f.description, f.amount) for f in birth.fees.all()] == [("Cấp bản sao", 8000)]
    assert birth.revisions.count() == revisions + 1
    assert birth.live and not birth.has_unpublished_changes


def test_same_codes_on_another_site_are_separate_pages(two_sites, tmp_path):
    portal, agency = two_sites
    file = write_json(tmp_path / "one.json", [GOOD_ROW])
    import_procedures(file, portal)
    report = import_procedures(file, agency)
    assert report.created == ["1.001612"]
    assert len(procedures_of(portal)) == len(procedures_of(agency)) == 1


def test_bad_rows_are_all_reported_and_nothing_is_written(two_sites, tmp_path):
    portal, _ = two_sites
    rows = [
        GOOD_ROW,
        {**GOOD_ROW, "code": "1.000002"},
        {**GOOD_ROW, "code": "1.000003", "levels": ["tinh", "huyen"]},
        {**GOOD_ROW, "code": "1.000004", "online_service": "muc_4"},
        {**GOOD_ROW, "code": "1.001612"},
        {**GOOD_ROW, "code": "1.000006", "name": "  "},
        "not a record",
    ]
    file = write_json(tmp_path / "bad.json", rows)
    pages_before = Page.objects.count()

    with pytest.raises(ImportValidationError) as caught:
        import_procedures(file, portal)

    assert [str(error) for error in caught.value.report.errors] == [
        "row 3, field levels: unknown level 'huyen' (expected bo, tinh, xa)",
        "row 4, field online_service: unknown level 'muc_4' (expected toan_trinh, mot_phan, khong)",
        "row 5, field code: duplicate of row 1",
        "row 6, field name: required",
        "row 7, field -: not a record (expected an object)",
    ]
    assert Page.objects.count() == pages_before
    assert Sector.objects.count() == 0


def test_command_prints_errors_and_fails(two_sites, tmp_path, capsys):
    rows = [GOOD_ROW, {"code": "1.000002", "sector": "Hộ tịch", "agency": "UBND cấp xã"}]
    file = write_json(tmp_path / "bad.json", rows)
    with pytest.raises(CommandError, match="3 error"):
        call_command("import_procedures", str(file), "--site", "bacninh.localhost")
    err = capsys.readouterr().err
    assert "row 2, field name: required" in err
    assert "row 2, field online_service: required" in err
    assert "row 2, field levels: required" in err
    assert ProcedurePage.objects.count() == 0


def test_skip_invalid_imports_the_good_rows(two_sites, tmp_path, capsys):
    portal, _ = two_sites
    rows = [
        GOOD_ROW,
        {**GOOD_ROW, "code": "1.000002", "levels": "huyen"},
        {**GOOD_ROW, "code": "2"},
    ]
    file = write_json(tmp_path / "mixed.json", rows)

    call_command("import_procedures", str(file), "--site", "bacninh.localhost", "--skip-invalid")

    out = capsys.readouterr()
    assert "created 2, updated 0, unchanged 0, skipped 1" in out.out
    assert "row 2, field levels: unknown level 'huyen' (expected bo, tinh, xa)" in out.err
    assert [page.code for page in procedures_of(portal)] == ["1.001612", "2"]


def test_dry_run_reports_but_writes_nothing(two_sites, tmp_path, capsys):
    portal, _ = two_sites
    rows = [GOOD_ROW, {**GOOD_ROW, "code": "1.000002", "name": "Đăng ký kết hôn"}]
    import_procedures(write_json(tmp_path / "first.json", rows[:1]), portal)
    file = write_json(tmp_path / "both.json", [{**GOOD_ROW, "agency": "UBND phường"}, rows[1]])
    pages_before = Page.objects.count()
    revisions_before = ProcedurePage.objects.get().revisions.count()

    call_command("import_procedures", str(file), "--site", "bacninh.localhost", "--dry-run")

    out = capsys.readouterr().out
    assert "dry run, nothing written: created 1, updated 1, unchanged 0, skipped 0" in out
    assert Page.objects.count() == pages_before
    page = ProcedurePage.objects.get()
    assert page.implementing_agency == "UBND cấp xã"
    assert page.revisions.count() == revisions_before


def test_dry_run_on_an_empty_site_creates_no_index_or_sector(two_sites, tmp_path):
    portal, _ = two_sites
    report = import_procedures(write_json(tmp_path / "one.json", [GOOD_ROW]), portal, dry_run=True)
    assert report.created == ["1.001612"]
    assert ProcedureIndexPage.objects.count() == 0
    assert Sector.objects.count() == 0


def test_unknown_site_is_a_command_error(two_sites, sample_file):
    with pytest.raises(CommandError, match="unknown site 'nowhere'"):
        call_command("import_procedures", str(sample_file), "--site", "nowhere")


def test_unsupported_extension_is_a_command_error(two_sites, tmp_path):
    file = tmp_path / "procedures.txt"
    file.write_text("code", encoding="utf-8")
    with pytest.raises(CommandError, match=r"unsupported file type '\.txt'"):
        call_command("import_procedures", str(file), "--site", "bacninh.localhost")


def test_csv_import_with_text_normalisation(two_sites, tmp_path):
    portal, _ = two_sites
    decomposed = unicodedata.normalize("NFD", "Đăng ký kết hôn")
    rows = [
        {**GOOD_ROW, "levels": "tinh;xa", "steps": "Bước 1:a) Nộp hồ sơ;b) Nhận kết quả"},
        {
            **GOOD_ROW,
            "code": "1.000894",
            "name": decomposed,
            "agency": "UBND\u00a0cấp xã",
            "levels": "xa",
            "steps": "",
        },
    ]
    file = write_csv(tmp_path / "procedures.csv", rows)

    report = import_procedures(file, portal)

    assert report.created == ["1.001612", "1.000894"]
    first = ProcedurePage.objects.get(code="1.001612")
    assert first.levels == ["tinh", "xa"]
    assert first.steps[0].value["title"] == "Bước 1"
    assert first.steps[0].value["body"].source == "<p>a) Nộp hồ sơ;</p><p>b) Nhận kết quả</p>"
    second = ProcedurePage.objects.get(code="1.000894")
    assert second.title == "Đăng ký kết hôn"
    assert unicodedata.is_normalized("NFC", second.title)
    assert second.implementing_agency == "UBND cấp xã"
    assert len(second.steps) == 0


def test_csv_bad_row_numbers_count_data_rows(two_sites, tmp_path):
    portal, _ = two_sites
    rows = [GOOD_ROW | {"levels": "xa"}, GOOD_ROW | {"code": "1.2", "levels": "xa;phuong"}]
    file = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportValidationError) as caught:
        import_procedures(file, portal)
    assert [str(e) for e in caught.value.report.errors] == [
        "row 2, field levels: unknown level 'phuong' (expected bo, tinh, xa)"
    ]
    assert ProcedurePage.objects.count() == 0


def test_xlsx_import(two_sites, tmp_path):
    portal, _ = two_sites
    rows = [
        GOOD_ROW | {"levels": "xa", "fees_text": "Miễn lệ phí"},
        GOOD_ROW | {"code": "1.000656", "name": "Đăng ký khai tử", "levels": "xa"},
    ]
    file = write_xlsx(tmp_path / "procedures.xlsx", rows)

    report = import_procedures(file, portal)

    assert report.created == ["1.001612", "1.000656"]
    assert ProcedurePage.objects.get(code="1.001612").fees_note == "<p>Miễn lệ phí</p>"
    assert ProcedurePage.objects.get(code="1.000656").title == "Đăng ký khai tử"


def test_xlsx_bad_row(two_sites, tmp_path):
    portal, _ = two_sites
    rows = [GOOD_ROW | {"levels": "xa"}, GOOD_ROW | {"code": "", "levels": "xa"}]
    file = write_xlsx(tmp_path / "bad.xlsx", rows)
    with pytest.raises(ImportValidationError) as caught:
        import_procedures(file, portal)
    assert [str(e) for e in caught.value.report.errors] == ["row 2, field code: required"]
    assert ProcedurePage.objects.count() == 0


def test_record_fields_with_wrong_shapes_are_reported_by_row_and_field(two_sites, tmp_path):
    portal, _agency = two_sites
    rows = [
        {**GOOD_ROW, "national_code": "1.001193", "submission_methods": ["truc_tiep"]},
        {**GOOD_ROW, "code": "2.1", "online_service": "khong", "submission_methods": "online"},
        {**GOOD_ROW, "code": "2.2", "dossier": {"name": "Tờ khai"}, "fees_none": "yes"},
        {**GOOD_ROW, "code": "2.3", "processing_time": {"value": "ba", "unit": "tuan"}},
        {**GOOD_ROW, "code": "2.4", "source": {"portal_url": "javascript:alert(1)"}},
        {**GOOD_ROW, "code": "2.5", "steps": ["Nộp hồ sơ", 5]},
        {**GOOD_ROW, "code": "2.6", "online_service": "khong", "submission_methods": ["fax"]},
    ]
    with pytest.raises(ImportValidationError) as caught:
        import_procedures(write_json(tmp_path / "bad.json", rows), portal)
    assert [str(error) for error in caught.value.report.errors] == [
        "row 1, field online_service: 'toan_trinh' needs the online submission method, "
        "which submission_methods lacks",
        "row 2, field submission_methods: expected a list of texts",
        "row 3, field fees_none: expected true or false",
        "row 3, field dossier: expected a list of objects",
        "row 4, field processing_time: value must be a whole number of days, hours or months",
        "row 4, field processing_time: unknown unit 'tuan' (expected ngay_lam_viec, ngay, gio, "
        "thang)",
        "row 5, field source: portal_url is not a web address: 'javascript:alert(1)'",
        "row 6, field steps: expected a list of texts",
        "row 7, field submission_methods: unknown method 'fax' (expected truc_tiep, "
        "truc_tuyen, buu_chinh)",
    ]
    assert ProcedurePage.objects.count() == 0


def test_submission_methods_follow_the_online_level_when_the_row_has_none(two_sites, tmp_path):
    portal, _agency = two_sites
    rows = [
        GOOD_ROW,
        {**GOOD_ROW, "code": "1.2", "online_service": "khong"},
        {**GOOD_ROW, "code": "1.3", "online_service": "mot_phan"},
    ]
    import_procedures(write_json(tmp_path / "rows.json", rows), portal)
    online = dict(ProcedurePage.objects.values_list("code", "submit_online"))
    assert online == {"1.001612": True, "1.2": False, "1.3": True}


def test_reimport_keeps_the_form_files_and_document_links_editors_added(two_sites, tmp_path):
    from wagtail.documents.models import Document

    portal, _agency = two_sites
    row = {
        **GOOD_ROW,
        "dossier": [{"name": "- Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0}],
        "legal_basis": [{"number": "123/2015/NĐ-CP", "title": "Nghị định 123"}],
    }
    file = write_json(tmp_path / "one.json", [row])
    import_procedures(file, portal)
    page = ProcedurePage.objects.get()
    form = Document.objects.create(title="Mẫu tờ khai", file="documents/to-khai.docx")
    component = page.dossier_components.get()
    component.form_template = form
    component.save()
    page.save_revision().publish()

    report = import_procedures(file, portal)

    assert report.unchanged == ["1.001612"]
    page.refresh_from_db()
    assert page.dossier_components.get().form_template == form
    row["dossier"].append({"name": "Giấy chứng sinh", "originals": 1, "copies": 0})
    report = import_procedures(write_json(tmp_path / "two.json", [row]), portal)
    assert report.updated == ["1.001612"]
    assert [(c.name, c.form_template_id) for c in page.dossier_components.all()] == [
        ("Tờ khai đăng ký khai sinh", form.pk),
        ("Giấy chứng sinh", None),
    ]
