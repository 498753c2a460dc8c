"""Query understanding, codes and Telex/VNI decoding: pure functions, no services."""

import json

import pytest

from search.codes import (
    cited_number_keys,
    code_prefixes,
    document_number_keys,
    parse_codes,
    procedure_code_keys,
)
from search.lexicon import is_word
from search.query import body_boost, concept_clause, text_query, words_query
from search.text import decode_typing, is_syllable, tokens, tone_spellings
from search.understanding import (
    MAX_QUERY_LENGTH,
    cut,
    is_plausible_correction,
    minimum_should_match,
    relaxed_minimum,
    segment,
    understand,
)

GROUPS = [
    [tokens("GPXD"), tokens("giấy phép xây dựng")],
    [tokens("cưới"), tokens("kết hôn")],
]


def required(q: str) -> list[str]:
    return [c.text for c in understand(q, GROUPS).required]


def optional(q: str) -> list[str]:
    return [c.text for c in understand(q, GROUPS).optional]


@pytest.mark.parametrize(
    ("typed", "decoded"),
    [
        ("thur", "thủ"),
        ("tucj", "tục"),
        ("ddaang", "đâng"),
        ("truwowngf", "trường"),
        ("vieejc", "việc"),
        ("hoaf", "hòa"),
        ("tu5c", "tục"),
        ("d9a8ng", "đăng"),
    ],
)
def test_telex_and_vni_leftovers_are_decoded(typed, decoded):
    assert decode_typing(typed) == decoded


@pytest.mark.parametrize(
    "word",
    ["khai", "sinh", "karaoke", "gpxd", "ubnd", "a1", "b2", "qh13", "mau0001", "email", "visa"],
)
def test_real_words_abbreviations_and_codes_are_never_decoded(word):
    assert decode_typing(word) == word


def test_syllables():
    assert all(
        is_syllable(w)
        for w in ["dang", "ky", "nghieng", "truong", "quyen", "giuong", "xoong", "khuya"]
    )
    assert not any(is_syllable(w) for w in ["thur", "tucj", "ddang", "gpxd", "karaoke"])


def test_both_tone_placements():
    assert tone_spellings("hòa") == ["hòa", "hoà"]
    assert tone_spellings("thuỷ") == ["thuỷ", "thủy"]
    assert tone_spellings("hoàng") == ["hoàng"]


def test_filler_words_and_question_phrases_are_optional():
    assert required("muốn nhận con nuôi thì phải làm gì") == ["nhan", "con nuoi"]
    assert optional("muốn nhận con nuôi thì phải làm gì") == ["muon", "thi phai", "lam gi"]
    assert optional("làm thủ tục tạm vắng ở đâu") == ["lam", "thu tuc", "o dau"]
    assert required("dang ky ket hon o dau") == ["dang ky", "ket hon"]


def test_syllables_are_grouped_into_words():
    words = required("hai vợ chồng muốn đăng ký kết hôn")
    assert words == ["hai", "vo chong", "dang ky", "ket hon"]
    # Backward maximum matching: "làm hộ" is no word here, "hộ chiếu" is.
    assert required("làm hộ chiếu") == ["ho chieu"]
    # Typed with diacritics, a word must be spelled so: "thể thì" is not "thế thì", and
    # "ban tỉnh" is not "bàn tính"; "ủy ban" is the list's "uỷ ban".
    assert required("công ty muốn giải thể thì làm thủ tục gì") == ["cong ty", "giai the"]
    assert required("quyết định của ủy ban tỉnh") == ["quyet dinh", "uy ban", "tinh"]
    # Typed without, however the word is spelled; "ki" and "ky" alike.
    assert required("dang ki ket hon") == ["dang ki", "ket hon"]
    assert understand("dang ki").required[0].alternatives == ("dang ki", "dang ky")


def test_words_said_of_any_procedure_are_generic():
    concepts = understand("cấp giấy phép săn bắn", GROUPS).required
    assert [c.text for c in concepts if c.generic] == ["cap", "giay phep"]
    assert [c.text for c in concepts if not c.generic] == ["san ban"]
    # A synonym phrase tells which procedure, even when it starts with "đăng ký".
    assert (
        not understand("đăng ký cưới", [[tokens("đăng ký cưới"), tokens("kết hôn")]])
        .required[0]
        .generic
    )


def test_fillers_typed_with_diacritics_must_be_spelled_so():
    # "chợ" (market) is not the filler "cho" (for); "căn" is not "cần" when unaccented.
    assert required("chợ") == ["cho"]
    assert optional("đăng ký cho con") == ["cho con"]
    # "duoc" may be "dược": typed without diacritics it stays required.
    assert required("chung chi hanh nghe duoc") == ["chung chi", "hanh nghe", "duoc"]


def test_only_filler_words_are_what_was_asked():
    assert required("thủ tục") == ["thu tuc"]


def test_synonyms_are_one_concept_with_alternatives():
    concept = understand("thur tucj cap GPXD", GROUPS).required[1]
    assert concept.alternatives == ("gpxd", "giay phep xay dung")
    assert understand("thur tucj cap GPXD", GROUPS).text == "thủ tục cap gpxd"


def test_accented_words_keep_their_spellings_unaccented_ones_none():
    (concept,) = understand("thủy san").required
    assert concept.text == "thuy san" and concept.accented == ("thủy", "thuỷ")


def test_both_spellings_of_i_and_y():
    assert understand("kí").required[0].alternatives == ("ki", "ky")


def test_minimum_should_match_loosens_with_length():
    # All the words of a short query; one less of five or six; about half of more.
    assert [minimum_should_match(n) for n in range(1, 9)] == [1, 2, 3, 4, 4, 5, 4, 4]
    assert minimum_should_match(20) == 6
    assert all(relaxed_minimum(n) <= minimum_should_match(n) for n in range(1, 40))


def test_long_queries_are_cut_at_a_space():
    text = "đăng ký khai sinh " * 100
    assert len(cut(text)) <= MAX_QUERY_LENGTH and not cut(text).endswith(("đă", " "))
    assert cut("ngắn") == "ngắn"


def test_a_long_question_keeps_a_bounded_number_of_concepts():
    understood = understand(" ".join(f"từ{i}" for i in range(300)))
    assert 0 < len(understood.required) <= 32


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("1.001193", ["1001193"]),
        ("1 001193", ["1001193"]),
        ("1-001193", ["1001193"]),
        ("001193", ["001193"]),
        ("MAU.0001", ["mau0001"]),
        ("mau 0084", ["mau0084"]),
        ("nghị định 15 năm 2020", ["nghi_dinh:15/2020", "15/2020"]),
        ("nđ 15/2020", ["nghi_dinh:15/2020", "15/2020"]),
        ("15/2020", ["15/2020"]),
        ("Quyết định 1291", ["quyet_dinh:1291"]),
        ("qđ 1291/2019", ["quyet_dinh:1291/2019", "1291/2019"]),
        ("thông tư 04 năm 2020", ["thong_tu:4/2020", "4/2020"]),
        ("42/2022/NĐ-CP", ["42/2022/nd-cp", "42/2022", "nghi_dinh:42", "nghi_dinh:42/2022"]),
        ("Luật 60/2014/QH13", ["60/2014/qh13", "60/2014", "luat:60", "luat:60/2014"]),
    ],
)
def test_codes_and_numbers_are_parsed_with_any_separator(query, keys):
    assert parse_codes(query).keys == keys


@pytest.mark.parametrize(
    "query", ["đăng ký khai sinh", "năm 2020", "cấp III", "loại 1", "bằng lái b2", "mau 84"]
)
def test_words_and_small_numbers_are_not_codes(query):
    assert parse_codes(query).keys == []


def test_a_code_query_is_a_lookup():
    assert understand("thủ tục 1.013227").is_lookup
    assert not understand("cấp giấy phép xây dựng").is_lookup
    assert parse_codes("văn bản về dịch vụ công").wants_document


def test_index_keys_match_what_citizens_type():
    assert procedure_code_keys("1.001193") == ["1.001193", "1001193", "001193"]
    assert procedure_code_keys("MAU.0001") == ["mau.0001", "mau0001"]
    keys = document_number_keys("04/2020/TT-BTP")
    assert set(parse_codes("thông tư 04 năm 2020").keys) <= set(keys)
    assert set(parse_codes("tt 4/2020").keys) <= set(keys)
    assert document_number_keys("1291/QĐ-UBND") == ["1291/qd-ubnd", "quyet_dinh:1291"]
    cited = cited_number_keys([], "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014")
    assert "60/2014" in cited and not any("11/2014" in key for key in cited)


def test_code_prefixes_for_suggest():
    assert "10011" in code_prefixes("1.0011")
    assert "4/20" in code_prefixes("04/20")
    assert code_prefixes("nđ 42")[0] == "nghi_dinh:42"
    assert code_prefixes("giay ph") == []


def test_the_lexicon_groups_words_as_typed():
    assert is_word(("hòa", "giải")) and is_word(("hoà", "giải"))  # either tone placement
    assert is_word(("hoa", "giai")) and is_word(("dang", "ki"))  # folded, i or y
    assert not is_word(("ban", "tỉnh"))  # "bàn tính" / "bản tính", not as typed
    assert not is_word(("thể", "thì")) and is_word(("the", "thi"))


def test_segmentation_prefers_the_later_grouping_on_a_tie():
    units = [(start, unit[0]) for start, unit in segment(tokens("làm hộ chiếu"), [])]
    assert units == [(0, 1), (1, 2)]


def test_a_question_puts_procedures_first_unless_it_names_a_document_or_code():
    weighted = text_query(understand("muốn đăng ký khai sinh cho con thì cần gì"))
    (function,) = weighted["function_score"]["functions"]
    assert function["filter"] == {"bool": {"must_not": [{"term": {"type": "procedure"}}]}}
    assert 0 < function["weight"] < 1
    for asked in ["1.001193", "nghị định 15/2020"]:
        assert "function_score" not in text_query(understand(asked))
    assert "function_score" not in text_query(understand("đăng ký khai sinh"), pinned=[7])


def test_a_query_naming_a_whole_title_scores_it():
    query = text_query(understand("muốn đăng ký khai sinh cho con thì cần gì"))
    query = query["function_score"]["query"]
    (titles,) = [c["terms"]["title_exact"] for c in query["bool"]["should"] if "terms" in c]
    assert "dang ky khai sinh" in titles and "dang ky khai sinh cho con" in titles


def test_generic_words_need_a_telling_word_in_the_head_or_a_title_naming_all():
    generic = understand("cấp giấy phép săn bắn").required
    query = words_query(generic)
    first, second = query["bool"]["must"][0]["bool"]["should"]
    assert first["bool"]["minimum_should_match"] == 3  # every word, anywhere
    assert len(first["bool"]["filter"]) == 2  # two in the head, "săn bắn" one of them
    assert len(second["bool"]["filter"]) == 2  # "săn bắn" in the head, and two words there
    # Without generic words there is one way, whose clauses also score.
    telling = understand("kết hôn với người nước ngoài").required
    assert words_query(telling)["bool"]["minimum_should_match"] == len(telling)


def test_the_relaxed_retry_needs_any_telling_word_in_the_head():
    query = words_query(understand("cấp giấy phép săn bắn").required, strict=False)
    assert query["bool"]["minimum_should_match"] == 1
    (head,) = query["bool"]["filter"]
    assert len(head["bool"]["should"]) == 1  # "săn bắn" only, not "cấp" or "giấy phép"


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("dang ky khai sinhh", "dang ky khai sinh"),  # not a syllable
        ("đăng ký khia sinh", "đăng ký khai sinh"),  # a syllable, but no word; then one
        ("xác nhận tình trạng hôn nhâm", "xác nhận tình trạng hôn nhân"),
    ],
)
def test_did_you_mean_corrects_typos(typed, corrected):
    assert is_plausible_correction(typed, corrected)


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("giấy xác nhận độc thân", "giấy xác nhận độ thủy"),  # real words
        ("tiền thất nghiệp", "toàn thực nghiệp"),
        ("giấy phép hành nghề bác sĩ", "giấy phép hành nghề báo sở"),
        ("thi vào lớp 10", "thi và lập 10"),  # no word made either
        ("lam the nao de dang ky", "lam the nam de dang ky"),
        ("đăng ký khai sinh", "đăng ký khai sinh cho"),  # not word for word
    ],
)
def test_did_you_mean_never_corrects_real_words(typed, corrected):
    assert not is_plausible_correction(typed, corrected)


def test_a_word_typed_with_diacritics_is_matched_so_in_the_title():
    (concept,) = understand("săn bắn").required
    clause = json.dumps(concept_clause(concept), ensure_ascii=False)
    assert '"title": {"query": "săn bắn", "operator": "and"' in clause
    (folded,) = understand("san ban").required
    assert '"title_folded": {"query": "san ban"' in json.dumps(concept_clause(folded))


def test_a_long_question_weighs_its_body_words_less():
    assert body_boost(2) == body_boost(4) == 0.5
    assert body_boost(8) == 0.25 and body_boost(20) < 0.25
