"""The pure parsers, on the shared sample article and on small articles of our own."""

import unicodedata
from datetime import datetime

import pytest

from news.dates import LOCAL_TZ
from news.encodings import NewsImportError, decode_article
from news.parsing import ParsedImage, is_byline, parse_html_article, parse_text_article

BOILERPLATE = [
    "banner",
    "icon",
    "Cổng dịch vụ công",
    "Quốc Gia",
    "Chính sách",
    "pháp luật Việt Nam",
    "Giới thiệu",
    "Sản phẩm dịch vụ",
    "Cổng thông tin điện tử của các đơn vị thuộc Bộ",
    "Top",
]


def _raw_lines(path) -> list[str]:
    """The sample's non-blank lines, read independently of the parser."""
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    return [line.replace("\xa0", " ").strip() for line in text.splitlines() if line.strip()]


@pytest.fixture
def sample(sample_path):
    return parse_text_article(decode_article(sample_path.read_bytes()))


def test_sample_title_is_the_first_line(sample, sample_path):
    assert sample.title == _raw_lines(sample_path)[0]
    assert "Thứ tư" not in sample.title


def test_sample_date_is_the_vietnamese_date_line(sample):
    assert sample.published_at == datetime(2013, 4, 17, 9, 22, tzinfo=LOCAL_TZ)


def test_sample_has_five_body_paragraphs_and_one_captioned_image(sample, sample_path):
    raw = _raw_lines(sample_path)
    caption = raw[raw.index("img") + 1]
    assert len(sample.paragraphs) == 5
    assert sample.images == [ParsedImage(caption=caption)]
    # The image sits after the first paragraph, where the marker was.
    assert sample.blocks[1] == ParsedImage(caption=caption)
    assert caption not in sample.paragraphs
    assert sample.paragraphs[0] == raw[2]


def test_sample_author_is_the_initials_line(sample):
    assert sample.author == "T.D"
    assert all(paragraph != "T.D" for paragraph in sample.paragraphs)


def test_sample_portal_boilerplate_is_dropped(sample):
    texts = [*sample.paragraphs, *(image.caption for image in sample.images), sample.author]
    for line in BOILERPLATE:
        assert line not in texts
    assert not any("Xem chi tiết" in text or "dịch vụ công\nQuốc Gia" in text for text in texts)
    assert sample.paragraphs[-1].endswith("./.")


def test_sample_text_has_no_nbsp_and_is_nfc(sample):
    for paragraph in sample.paragraphs:
        assert "\xa0" not in paragraph
        assert unicodedata.is_normalized("NFC", paragraph)


def test_text_article_without_byline_or_image():
    article = parse_text_article(
        "Tiêu đề thử\n\nChủ nhật, 05/05/2024 07:00\n\nĐoạn một.\n\xa0\nĐoạn hai kết thúc./.\n"
    )
    assert article.title == "Tiêu đề thử"
    assert article.published_at == datetime(2024, 5, 5, 7, 0, tzinfo=LOCAL_TZ)
    assert article.paragraphs == ["Đoạn một.", "Đoạn hai kết thúc./."]
    assert article.author == ""
    assert article.images == []


def test_decomposed_unicode_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Tiêu đề\n\nThứ hai, 06/05/2024 08:00\n\nViệt Nam.")
    article = parse_text_article(decode_article(decomposed.encode("utf-8")))
    assert article.title == "Tiêu đề"
    assert article.paragraphs == ["Việt Nam."]


def test_empty_file_is_rejected():
    with pytest.raises(NewsImportError, match="không có nội dung"):
        parse_text_article(" \n\xa0\n")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("T.D", True),
        ("N.T.H.", True),
        ("Theo Báo Bắc Ninh", True),
        ("Sở Thông tin và Truyền thông tiến hành xây dựng dự thảo./.", False),
        ("", False),
    ],
)
def test_byline_detection(line, expected):
    assert is_byline(line) is expected


def test_html_article_is_parsed():
    article = parse_html_article(
        """<!doctype html><html><head><title>Tiêu đề trang</title></head><body><article>
        <h1>Khai trương cổng dịch vụ công&nbsp;mới</h1>
        <p><time datetime="2024-05-06T08:15:00+07:00">Thứ hai, 06/05/2024 08:15</time></p>
        <p class="sapo">Tóm tắt bài viết.</p>
        <p>Đoạn thứ nhất.</p>
        <figure><img src="anh.png" alt="Quang cảnh lễ khai trương">
          <figcaption>Các đại biểu cắt băng khai trương.</figcaption></figure>
        <p>Đoạn thứ hai.</p>
        <p>M.A</p>
        </article></body></html>"""
    )
    assert article.title == "Khai trương cổng dịch vụ công mới"
    assert article.published_at == datetime(2024, 5, 6, 8, 15, tzinfo=LOCAL_TZ)
    assert article.summary == "Tóm tắt bài viết."
    assert article.paragraphs == ["Đoạn thứ nhất.", "Đoạn thứ hai."]
    assert article.images == [
        ParsedImage(
            caption="Các đại biểu cắt băng khai trương.",
            alt="Quang cảnh lễ khai trương",
            src="anh.png",
        )
    ]
    assert article.author == "M.A"


def test_html_article_with_a_vietnamese_date_line_and_title_tag():
    article = parse_html_article(
        "<html><head><title>Chỉ có thẻ title</title></head><body>"
        "<p>Thứ sáu, 10/05/2024 16:40</p><p>Nội dung.</p></body></html>"
    )
    assert article.title == "Chỉ có thẻ title"
    assert article.published_at == datetime(2024, 5, 10, 16, 40, tzinfo=LOCAL_TZ)
    assert article.paragraphs == ["Nội dung."]


def test_html_without_title_is_rejected():
    with pytest.raises(NewsImportError, match="tiêu đề"):
        parse_html_article("<html><body><p>Không có tiêu đề</p></body></html>")
