"""search.highlighting: the query's words marked on the accented text of a hit."""

from search.highlighting import FRAGMENT_SIZE, highlight_item, query_words


def test_query_words_are_folded_from_every_variant():
    assert query_words(["Đăng ký", "dang ky khai sinh", "Mã 1.001612"]) == {
        "dang",
        "ky",
        "khai",
        "sinh",
        "ma",
        "1.001612",
    }


def test_title_and_summary_whole_with_the_accented_words_marked():
    source = {"title": "Đăng ký kết hôn", "summary": "Thủ tục đăng ký tại UBND xã."}
    assert highlight_item({"dang", "ky"}, source) == {
        "title": ["<mark>Đăng</mark> <mark>ký</mark> kết hôn"],
        "summary": ["Thủ tục <mark>đăng</mark> <mark>ký</mark> tại UBND xã."],
    }


def test_fields_without_a_word_of_the_query_have_no_highlight():
    source = {"title": "Đăng ký kết hôn", "summary": "Tại UBND xã.", "body": ""}
    assert highlight_item({"hon"}, source) == {"title": ["Đăng ký kết <mark>hôn</mark>"]}


def test_the_text_is_escaped_but_the_marks_are_not():
    source = {"title": "Sở TT&TT <b>họp</b>"}
    assert highlight_item({"hop"}, source) == {
        "title": ["Sở TT&amp;TT &lt;b&gt;<mark>họp</mark>&lt;/b&gt;"]
    }


def test_body_passages_with_the_most_words_in_text_order():
    body = (
        "Hồ sơ gồm tờ khai. "
        "Cơ quan đăng ký kết hôn trả kết quả. "
        "Lệ phí không thu. "
        "Người đăng ký nộp tờ khai. "
        "Kết hôn có yếu tố nước ngoài đăng ký tại tỉnh."
    )
    fragments = highlight_item({"dang", "ky", "ket", "hon"}, {"body": body})["body"]
    assert fragments == [
        "Cơ quan <mark>đăng</mark> <mark>ký</mark> <mark>kết</mark> <mark>hôn</mark> trả "
        "<mark>kết</mark> quả.",
        "<mark>Kết</mark> <mark>hôn</mark> có yếu tố nước ngoài <mark>đăng</mark> "
        "<mark>ký</mark> tại tỉnh.",
    ]


def test_long_sentences_are_cut_into_fragments_at_spaces():
    body = " ".join(["thủ tục hành chính"] * 60 + ["đăng ký khai sinh"] + ["và"] * 80)
    [fragment] = highlight_item({"khai", "sinh"}, {"body": body})["body"]
    plain = fragment.replace("<mark>", "").replace("</mark>", "")
    assert "<mark>khai</mark> <mark>sinh</mark>" in fragment
    assert len(plain) <= FRAGMENT_SIZE and plain == plain.strip()
