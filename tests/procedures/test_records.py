"""The national record's parts as pages store them (pure functions, procedures.records)."""

from datetime import date

from procedures.records import (
    clean_case,
    dossier_items,
    fee_items,
    is_note,
    legal_basis_items,
    step_blocks,
    strip_marker,
)


def test_markers_are_taken_off_items():
    assert strip_marker("- Giấy chứng sinh;") == "Giấy chứng sinh"
    assert strip_marker("+ Bản sao hộ chiếu") == "Bản sao hộ chiếu"
    assert strip_marker("(iv) Bản sao văn bản chấp thuận") == "Bản sao văn bản chấp thuận"
    assert strip_marker("a) Đơn đề nghị;;;;") == "Đơn đề nghị"
    assert strip_marker("đ) Biên bản nghiệm thu") == "Biên bản nghiệm thu"
    assert strip_marker("- .02 bộ bản vẽ") == "02 bộ bản vẽ"
    # A sentence that merely starts with a word is not a marker.
    assert strip_marker("Điều lệ công ty") == "Điều lệ công ty"
    assert clean_case("* Giấy tờ phải xuất trình ") == "Giấy tờ phải xuất trình"
    assert clean_case("(*) Trường hợp ủy quyền:") == "Trường hợp ủy quyền"
    assert clean_case(None) == ""


def test_documents_and_notes_are_told_apart():
    def note(raw: str, case: str = "", originals: int = 1, copies: int = 0) -> bool:
        return is_note(raw, strip_marker(raw), case, originals, copies)

    assert not note("- Tờ khai đăng ký khai sinh theo mẫu")
    assert not note("Bản sao Giấy chứng nhận đăng ký thuế", copies=1, originals=0)
    assert note("- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản")
    assert note("+ Người tiếp nhận có trách nhiệm kiểm tra")
    assert note("Đối với Quân đội nhân dân: Giấy giới thiệu")
    assert note("Hồ sơ đăng ký giải thể doanh nghiệp:")
    assert note("- Giấy tờ do nước ngoài cấp phải hợp pháp hóa", case="* Lưu ý")
    # Nothing to hand in and not a paper's name: a remark.
    assert note("Cá nhân có quyền lựa chọn nơi đăng ký", originals=0)
    # Papers one only shows have no count and stay documents.
    assert not note("Hộ chiếu hoặc thẻ căn cước", case="Giấy tờ phải xuất trình", originals=0)


def test_dossier_items_group_order_and_clean_the_record():
    entries = [
        {"name": "(ii) Bản sao điều lệ", "originals": 0, "copies": 1, "case": "* Trường hợp A"},
        {"name": "- Trường hợp ủy quyền thì kèm văn bản", "originals": 0, "copies": 0},
        {"name": "(i) Giấy đề nghị", "originals": 1, "copies": 0, "case": "* Trường hợp A"},
        {"name": "- Tờ khai theo mẫu", "originals": 1, "copies": 0, "required": True},
        {"name": "có chứng thực hoặc", "originals": 0, "copies": 1},
        {"name": "(i) Giấy đề nghị", "originals": 1, "copies": 0, "case": "* Trường hợp A"},
        {
            "name": "Đơn theo Thông tư số 02/2026/TT-BNNMT ngày 01/01/",
            "originals": 20261,
            "copies": 1,
            "case": "* Lưu ý ",
        },
    ]
    items = dossier_items(entries)
    assert [(item.case, item.kind, item.name) for item in items] == [
        ("Trường hợp A", "giay_to", "Giấy đề nghị"),
        ("Trường hợp A", "giay_to", "Bản sao điều lệ"),
        ("", "giay_to", "Tờ khai theo mẫu có chứng thực hoặc"),
        ("", "ghi_chu", "Trường hợp ủy quyền thì kèm văn bản"),
        ("Lưu ý", "ghi_chu", "Đơn theo Thông tư số 02/2026/TT-BNNMT ngày 01/01/2026"),
    ]
    # The year glued to the count is given back to the date.
    assert (items[-1].originals, items[-1].copies) == (1, 1)


def test_fee_items_keep_amounts_and_drop_what_only_repeats_no_fee():
    entries = [
        {"description": "Hình thức: trực tiếp", "amount_vnd": 2000, "text": "2,000 VNĐ (/trang)"},
        {"description": "Hình thức: trực tuyến", "amount_vnd": 0, "text": "Miễn phí"},
        {"description": "Bưu chính", "amount_vnd": None, "text": "Miễn phí ((theo Thông tư 281))"},
    ]
    paid, free, conditional = fee_items(entries, fees_none=False)
    assert (paid.amount, paid.amount_text) == (2000, "/trang")
    assert (free.amount, free.amount_text) == (None, "Miễn phí")
    assert conditional.amount_text == "Miễn phí (theo Thông tư 281)"
    # When the record says there is no fee, a bare "Miễn phí" row adds nothing.
    assert [item.description for item in fee_items(entries, fees_none=True)] == [
        "Hình thức: trực tiếp",
        "Bưu chính",
    ]


def test_legal_basis_items_one_per_number_with_dates():
    items = legal_basis_items(
        [
            {"number": "123/2015/NĐ-CP", "title": "Nghị định quy định chi tiết", "date": ""},
            {"number": "123/2015/NĐ-CP", "title": "Trùng", "date": "2015-11-15"},
            {"number": "08/2025/TT-BTP", "title": "Thông tư", "date": "2025-06-12"},
            {"number": "", "title": "Luật Hộ tịch"},
            {"number": "09/2025/TT-BTP", "title": "", "date": "không rõ"},
        ]
    )
    assert [(i.document_number, i.title, i.issue_date) for i in items] == [
        ("123/2015/NĐ-CP", "Nghị định quy định chi tiết", None),
        ("08/2025/TT-BTP", "Thông tư", date(2025, 6, 12)),
        ("", "Luật Hộ tịch", None),
        ("09/2025/TT-BTP", "09/2025/TT-BTP", None),
    ]


def test_steps_become_blocks_with_their_points():
    blocks = step_blocks(
        [
            "Bước 1: Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.",
            "- Cán bộ kiểm tra hồ sơ.",
            "+ Hồ sơ đủ: tiếp nhận <ngay>.",
            "+ Hồ sơ thiếu: hướng dẫn bổ sung.",
            "   ",
        ]
    )
    assert [block["title"] for block in blocks] == ["Bước 1", ""]
    assert blocks[0]["body"] == "<p>Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.</p>"
    assert blocks[1]["body"] == (
        "<p>Cán bộ kiểm tra hồ sơ.</p>"
        "<ul><li>Hồ sơ đủ: tiếp nhận &lt;ngay&gt;.</li>"
        "<li>Hồ sơ thiếu: hướng dẫn bổ sung.</li></ul>"
    )
