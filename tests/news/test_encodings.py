import pytest

from news.encodings import LegacyEncodingError, NewsImportError, decode_article

# "Cổng thông tin điện tử tỉnh Bắc Ninh. Thứ tư, Việt Nam" typed with TCVN3 (ABC) fonts.
TCVN3_TEXT = "Cæng th«ng tin ®iÖn tö tØnh B¾c Ninh.\n\nThø t­, ViÖt Nam ®· ®­îc"
# The same with VNI fonts.
VNI_TEXT = "Coång thoâng tin ñieän töû tænh Baéc Ninh.\n\nThöù tö, Vieät Nam"


def test_unicode_vietnamese_is_accepted(sample_path):
    raw = sample_path.read_text(encoding="utf-8")
    text = decode_article(sample_path.read_bytes())
    assert text == raw.replace("\xa0", " ")
    assert "\xa0" in raw
    assert "\xa0" not in text


def test_symbols_in_real_unicode_text_are_not_a_legacy_encoding():
    text = "Hội nghị «Chuyển đổi số» – Wagtail© và Python®, ông Müller phát biểu."
    assert decode_article(text.encode("utf-8")).startswith("Hội nghị")


def test_tcvn3_text_is_rejected_naming_the_encoding():
    with pytest.raises(LegacyEncodingError, match=r"TCVN3 \(ABC\)") as error:
        decode_article(TCVN3_TEXT.encode("utf-8"))
    assert error.value.encoding == "TCVN3"
    assert "UTF-8" in str(error.value)


def test_vni_text_is_rejected_naming_the_encoding():
    with pytest.raises(LegacyEncodingError, match="bảng mã VNI") as error:
        decode_article(VNI_TEXT.encode("utf-8"))
    assert error.value.encoding == "VNI"


def test_raw_tcvn3_bytes_are_rejected_as_tcvn3():
    with pytest.raises(LegacyEncodingError, match="TCVN3"):
        decode_article(TCVN3_TEXT.encode("latin-1"))


def test_invalid_utf8_is_rejected_with_the_position():
    with pytest.raises(NewsImportError, match=r"không phải văn bản UTF-8 hợp lệ.*vị trí 4"):
        decode_article(b"Tin \x80\x81 abc\n")
