"""search.markup strips tags exactly as Django does (and Wagtail, for rich text)."""

import pytest
from django.utils.html import strip_tags as django_strip_tags
from wagtail.rich_text import get_text_for_indexing

from search.markup import strip_tags, text_for_indexing

SAMPLES = [
    "",
    "Không có thẻ",
    "<p>Hội nghị&nbsp;<b>trực tuyến</b></p><p>lần 2</p>",
    '<p>Xem <a href="/van-ban/42" title="a > b">Nghị định</a> và <a href=/x>mẫu</a></p>',
    "<a linktype='page' id='3'>trang</a><br/>dòng<BR />mới<hr/>hết",
    "<ul><li>một</li><li>hai</li></ul><blockquote>trích</blockquote><h2>Tiêu đề</h2>",
    '<embed embedtype="image" id="12" format="left" alt="Ảnh"/> sau ảnh',
    "a > b và &lt;4&gt; &amp; &#273; &unknown;",
    "a < b",  # a bare "<" is text to the parser
    "<p>mở<!-- ghi chú --> đóng</p>",
    "<script>x = '<b>' </script>sau",  # inside a script, tags are text
    "<STYLE>p{}</STYLE>chữ",
    "<p<b>lồng</b>",
    "<my-tag>tùy biến</my-tag>",
    '<a href="x"title="y">dính</a>',
    "</ p>lạ",
    "<p class=\"a\" data-x='1' hidden>thuộc tính</p>",
    "<",
    "text <b",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_strip_tags_is_djangos(text):
    assert strip_tags(text) == django_strip_tags(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_text_for_indexing_is_wagtails(text):
    assert text_for_indexing(text) == get_text_for_indexing(text)
