"""search.text: the one Vietnamese normaliser of both the index and the query side."""

import re
import sys
import unicodedata

from search.text import fold, fold_normalised, is_folded, looks_like_code, normalise, tokens


def test_normalise_composes_and_collapses_whitespace():
    decomposed = unicodedata.normalize("NFD", "Đăng  ký\u00a0khai\tsinh ")
    assert normalise(decomposed) == "Đăng ký khai sinh"
    assert normalise(decomposed) == unicodedata.normalize("NFC", "Đăng ký khai sinh")
    assert normalise(None) == ""


def test_normalise_collapses_every_unicode_space():
    # Whatever the regex \s calls a space (the definition normalise had) is collapsed.
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c))]
    assert len(spaces) > 20
    for space in spaces:
        assert normalise(f"{space}Sở{space}{space}Tư pháp{space}") == "Sở Tư pháp", hex(ord(space))
    assert normalise("Sở\u200bTư\u00a0pháp") == "SởTư pháp"


def test_fold_normalised_is_fold_of_normalised_text():
    for text in ["Đăng  ký\u00a0khai sinh ", unicodedata.normalize("NFD", "Giấy phép"), "UBND"]:
        assert normalise(normalise(text)) == normalise(text)
        assert fold_normalised(normalise(text)) == fold(text)


def test_fold_removes_diacritics_and_folds_d_bar():
    assert fold("Đăng ký khai sinh") == "dang ky khai sinh"
    assert fold("ỦY BAN NHÂN DÂN") == "uy ban nhan dan"
    assert fold("Uỷ ban") == fold("Ủy ban") == "uy ban"
    assert fold(unicodedata.normalize("NFD", "Giấy phép")) == "giay phep"


def test_fold_keeps_length_so_offsets_line_up():
    text = "Cấp giấy phép xây dựng — Sở TT&TT, 42/2022/NĐ-CP"
    assert len(fold(text)) == len(normalise(text))
    assert fold(text).endswith("so tt&tt, 42/2022/nd-cp")


def test_tone_typos_and_lookalikes_fold_together():
    assert fold("đăng kí") != fold("đăng ký")  # i and y are different letters
    assert fold("cửa") == fold("của") == "cua"
    assert fold("có") == fold("cơ") == "co"


def test_tokens_keep_codes_whole():
    assert tokens("Mã 1.001612 và số 42/2022/NĐ-CP") == [
        "mã",
        "1.001612",
        "và",
        "số",
        "42/2022/nđ-cp",
    ]


def test_codes_are_recognised():
    assert looks_like_code("1.001612")
    assert looks_like_code("mau.0001")
    assert looks_like_code("42/2022/nd-cp")
    assert not looks_like_code("dang")
    assert not looks_like_code("tt&tt")


def test_is_folded():
    assert is_folded("dang ky khai sinh")
    assert is_folded("UBND")
    assert not is_folded("đăng ký")


def test_fold_is_the_same_within_and_beyond_the_basic_plane():
    # Text beyond the Basic Multilingual Plane goes through the other table.
    text = "Đăng ký ☎ 中文 ñ Ưu tiên"
    assert fold_normalised(text) == "dang ky ☎ 中文 n uu tien"
    assert fold_normalised(f"{text} 𝐀 😀") == f"{fold_normalised(text)} a 😀"
    every_letter = "".join(chr(c) for c in range(0x80, 0x250) if chr(c).isalpha())
    assert fold_normalised(every_letter) == fold_normalised(every_letter + "😀")[:-1]
