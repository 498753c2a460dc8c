"""search.highlighting: marks found on folded text carried back onto the accented text."""

from search.highlighting import item_highlight, restore_accents


def test_marks_move_onto_the_accented_words():
    source = "Hồ sơ đăng ký khai sinh gồm tờ khai"
    fragment = "ho so <mark>dang</mark> <mark>ky</mark> khai sinh"
    assert restore_accents(fragment, source) == "Hồ sơ <mark>đăng</mark> <mark>ký</mark> khai sinh"


def test_a_fragment_from_the_middle_keeps_its_position():
    source = "Khai sinh. Sau đó đăng ký thường trú"
    assert restore_accents("sau do <mark>dang ky</mark>", source) == "Sau đó <mark>đăng ký</mark>"


def test_the_source_text_is_escaped_but_the_marks_are_not():
    source = "Sở TT&TT <b>họp</b>"
    fragment = "so <mark>tt&tt</mark> <b><mark>hop</mark></b>"
    assert restore_accents(fragment, source) == (
        "Sở <mark>TT&amp;TT</mark> &lt;b&gt;<mark>họp</mark>&lt;/b&gt;"
    )


def test_a_fragment_not_in_the_source_is_shown_folded_and_escaped():
    assert restore_accents("<mark>a</mark> & b", "khác") == "a &amp; b"


def test_item_highlight_per_field():
    source = {"title": "Đăng ký kết hôn", "body": "Nộp tờ khai. Đăng ký kết hôn tại UBND xã."}
    highlight = {
        "title_folded": ["<mark>dang ky</mark> ket hon"],
        "body_folded": ["nop to khai.", "<mark>dang ky</mark> ket hon tai"],
    }
    assert item_highlight(highlight, source) == {
        "title": ["<mark>Đăng ký</mark> kết hôn"],
        "body": ["Nộp tờ khai.", "<mark>Đăng ký</mark> kết hôn tại"],
    }
