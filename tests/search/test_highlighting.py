"""search.highlighting: the query's words marked on the accented text of a hit."""

from search.highlighting import FRAGMENT_SIZE, highlight_item, highlight_words
from search.text import tokens
from search.understanding import understand


def any_spelling(*words: str) -> dict:
    return dict.fromkeys(words)


def test_words_typed_without_diacritics_and_synonyms_mark_any_spelling():
    words = highlight_words(understand("dang ky GPXD", [[["gpxd"], tokens("giấy phép xây dựng")]]))
    # "ky" and "ki" are both in use.
    assert words == any_spelling("dang", "ky", "ki", "gpxd", "giay", "phep", "xay", "dung")


def test_words_typed_with_diacritics_mark_only_that_spelling():
    words = highlight_words(understand("thủy sản ở đâu"))
    assert words == {"thuy": frozenset({"thủy", "thuỷ"}), "san": frozenset({"sản"})}
    source = {"title": "Thuỷ sản, thủy sản, thuý sạn"}
    assert highlight_item(words, source) == {
        "title": ["<mark>Thuỷ</mark> <mark>sản</mark>, <mark>thủy</mark> <mark>sản</mark>, "
                  "thuý sạn"]
    }  # fmt: skip


def test_filler_words_are_not_marked_unless_they_are_all_the_query():
    assert "o" not in highlight_words(understand("đăng ký kết hôn ở đâu"))
    assert set(highlight_words(understand("thủ tục"))) == {"thu", "tuc"}


def test_title_and_summary_whole_with_the_accented_words_marked():
    source = {"title": "Đăng ký kết hôn", "summary": "Thủ tục đăng ký tại UBND xã."}
    assert highlight_item(any_spelling("dang", "ky"), source) == {
        "title": ["<mark>Đăng</mark> <mark>ký</mark> kết hôn"],
        "summary": ["Thủ tục <mark>đăng</mark> <mark>ký</mark> tại UBND xã."],
    }


def test_fields_without_a_word_of_the_query_have_no_highlight():
    source = {"title": "Đăng ký kết hôn", "summary": "Tại UBND xã.", "body": ""}
    assert highlight_item(any_spelling("hon"), source) == {
        "title": ["Đăng ký kết <mark>hôn</mark>"]
    }


def test_the_text_is_escaped_but_the_marks_are_not():
    source = {"title": "Sở TT&TT <b>họp</b>"}
    assert highlight_item(any_spelling("hop"), source) == {
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
    fragments = highlight_item(any_spelling("dang", "ky", "ket", "hon"), {"body": body})["body"]
    assert fragments == [
        "Cơ quan <mark>đăng</mark> <mark>ký</mark> <mark>kết</mark> <mark>hôn</mark> trả "
        "<mark>kết</mark> quả.",
        "<mark>Kết</mark> <mark>hôn</mark> có yếu tố nước ngoài <mark>đăng</mark> "
        "<mark>ký</mark> tại tỉnh.",
    ]


def test_long_sentences_are_cut_into_fragments_at_spaces():
    body = " ".join(["thủ tục hành chính"] * 60 + ["đăng ký khai sinh"] + ["và"] * 80)
    [fragment] = highlight_item(any_spelling("khai", "sinh"), {"body": body})["body"]
    plain = fragment.replace("<mark>", "").replace("</mark>", "")
    assert "<mark>khai</mark> <mark>sinh</mark>" in fragment
    assert len(plain) <= FRAGMENT_SIZE and plain == plain.strip()


def test_passages_end_at_sentence_marks_followed_by_a_space():
    # A dot inside a code (1.001612, 42/2022/NĐ-CP) or a time (7:30) does not end a
    # sentence; one followed by a space does, however deep in the text the words are.
    filler = "Nội dung khác của văn bản. " * 200
    body = (
        f"{filler}Mã thủ tục 1.001612 theo Nghị định 42/2022/NĐ-CP, làm việc từ 7:30 "
        f"nộp tờ khai. Câu sau không có từ nào cần tìm. {filler}"
    ).strip()
    [fragment] = highlight_item(any_spelling("to", "khai"), {"body": body})["body"]
    assert fragment == (
        "Mã thủ tục 1.001612 theo Nghị định 42/2022/NĐ-CP, làm việc từ 7:30 nộp "
        "<mark>tờ</mark> <mark>khai</mark>."
    )
