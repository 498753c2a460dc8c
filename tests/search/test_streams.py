"""The index reads a StreamField's text from its stored JSON (search.streams); it must be
exactly what Wagtail's own get_searchable_content gives for the converted values."""

import json

import pytest
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.documents.tests.utils import get_test_document_file
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home.models import StandardPage
from news.blocks import NewsBodyBlock
from news.models import NewsPage
from procedures.models import ProcedurePage
from search.streams import block_content, stream_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def media():
    image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Mẫu tờ khai", file=get_test_document_file()
    )
    return image, document


def _image(image, alt: str, caption: str = "") -> dict:
    return {"image": image.pk, "alt_text": alt, "caption": caption}


def _table(*rows: list) -> dict:
    return {"data": [list(row) for row in rows], "first_row_is_table_header": True}


def _news_body(image, document) -> list[dict]:
    return [
        {"type": "paragraph", "value": "<p>Hội nghị&nbsp;<b>trực tuyến</b></p><p>lần 2</p>"},
        {"type": "image", "value": _image(image, "Toàn cảnh", "Đại biểu dự")},
        {
            "type": "gallery",
            "value": {
                "caption": "Bộ ảnh hội nghị",
                "images": [
                    {"type": "item", "id": "a1", "value": _image(image, "Ảnh một", "Chú thích")},
                    _image(image, "Ảnh hai (dạng cũ)"),  # a list item stored before Wagtail 2.16
                ],
            },
        },
        {"type": "video", "value": {"embed": "https://video.test/1", "caption": "Phát biểu"}},
        {"type": "table", "value": _table(["Lệ phí", "Mức"], ["Cấp mới", "75.000 đ"], [None, ""])},
        {"type": "quote", "value": {"quote": "Chuyển đổi số &amp; <i>dữ liệu</i>"}},
        {"type": "document", "value": {"document": document.pk, "label": "Tải mẫu"}},
        {"type": "paragraph", "value": "<ul><li>một</li><li>hai</li></ul><br/>ba &lt;4&gt;"},
    ]


def _wagtail(model, page_id: int, field: str) -> list[str]:
    page = model.objects.get(pk=page_id)
    return model._meta.get_field(field).get_searchable_content(getattr(page, field))


def _ours(model, page_id: int, field: str) -> list[str]:
    return stream_content(getattr(model.objects.get(pk=page_id), field))


def test_news_body_text_is_wagtails(world, media):
    news = world.news
    news.body = json.dumps(_news_body(*media))
    news.save()
    expected = _wagtail(NewsPage, news.pk, "body")
    assert "Đại biểu dự" in expected and "Ảnh hai (dạng cũ)" in expected
    assert "75.000 đ" in expected and "Phát biểu" in expected
    assert _ours(NewsPage, news.pk, "body") == expected


def test_standard_page_body_text_is_wagtails(world, media):
    image, _ = media
    page = world.pages["cửa"]
    page.body = json.dumps(
        [
            {"type": "leader", "value": {"full_name": "Nguyễn Văn A", "position": "Giám đốc",
                                         "photo": image.pk, "email": "a@bacninh.gov.vn"}},
            {"type": "contact", "value": {"address": "Số 10 Lý Thái Tổ", "working_hours":
                                          "Sáng 7h30", "map_url": "https://ban-do.test/"}},
            {"type": "table", "value": _table(["Phòng", "Điện thoại"], ["Một cửa", "0222"])},
            {"type": "retired_block", "value": "dropped, as Wagtail drops it"},
        ]
    )  # fmt: skip
    page.save()
    expected = _wagtail(StandardPage, page.pk, "body")
    assert "Nguyễn Văn A" in expected and "Số 10 Lý Thái Tổ" in expected
    assert _ours(StandardPage, page.pk, "body") == expected


def test_procedure_steps_text_is_wagtails(world):
    procedure = world.procedures["MAU.0001"]
    online = "<p>Đăng nhập <a href='#'>Cổng dịch vụ công</a></p>"
    procedure.steps = json.dumps(
        [
            {
                "type": "step",
                "value": {"case": "Nộp trực tuyến", "title": "Bước 1", "body": online},
            },
            # No case and no title: Wagtail indexes the CharBlocks' default, None, as "None".
            {"type": "step", "value": {"body": "<p>Nhận kết quả</p>"}},
        ]
    )
    procedure.save()
    expected = _wagtail(ProcedurePage, procedure.pk, "steps")
    assert "Đăng nhập Cổng dịch vụ công" in expected
    assert _ours(ProcedurePage, procedure.pk, "steps") == expected


def test_a_stream_built_in_python_is_read_by_wagtail():
    block = NewsBodyBlock()
    stream = StreamValue(
        block,
        [
            ("paragraph", block.child_blocks["paragraph"].to_python("<p>Tin <b>mới</b></p>")),
            ("quote", block.child_blocks["quote"].to_python({"quote": "Trích", "attribution": ""})),
        ],
    )
    assert (
        stream_content(stream) == block.get_searchable_content(stream) == ["Tin mới", "Trích", ""]
    )


def test_a_block_that_is_not_searchable_gives_nothing():
    block = NewsBodyBlock(search_index=False)
    raw = [{"type": "paragraph", "value": "<p>Ẩn</p>"}]
    assert block_content(block, raw) == block.get_searchable_content(block.to_python(raw)) == []
