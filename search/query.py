"""Elasticsearch request bodies built from already-parsed parameters.

Scoring, per query variant (the query plus its synonym expansions, folded):
folded words and syllable shingles on title > code/number > summary > body, plus the
accented words when the query was typed with diacritics, so exact-diacritic matches
rank above merely folded ones. Variants are combined with `dis_max`, so an expansion
never counts twice.

Matching is stricter than scoring: a page matches when every word of a variant's core is
in one of its folded fields, or when a code matches. Any-word matching matched nearly every
page for common syllables ("dang", "ky", "cap"), so each search scored and aggregated the
whole site. When the strict query finds fewer than `SEARCH["SUGGEST_BELOW"]` pages, the
service asks again with any-word matching (`strict=False`), so a typo or a rare word still
finds something. A matching page scores the same either way.
"""

from .params import SearchParams
from .synonyms import expand
from .text import fold, is_folded, looks_like_code, normalise, tokens

# Question phrasing that says nothing about which page is wanted ("... cần giấy tờ gì").
# Dropped from the scoring core of the query only; the full query still scores a little.
QUESTION_WORDS = [
    "thu tuc",
    "can giay to gi",
    "giay to gi",
    "can nhung gi",
    "nhung gi",
    "nhu the nao",
    "the nao",
    "o dau",
    "lam sao",
    "lam the nao",
    "bao lau",
    "mat bao lau",
    "can gi",
    "gi",
    "cach",
    "muon",
    "toi",
    "xin",
]

FOLDED_FIELDS = ["title_folded^6", "summary_folded^2", "body_folded^1", "keywords_folded^1.5"]
SHINGLE_FIELDS = ["title_folded.shingles^5", "summary_folded.shingles^1.5", "body_folded.shingles"]
ACCENTED_FIELDS = ["title^4", "title.shingles^4", "summary^1.5", "summary.shingles", "body^0.5"]
# What a result and its highlights need (service._item, search.highlighting): the folded
# copies spare folding each hit's body again in Python.
TEXT_FIELDS = ["title", "summary", "body"]
SOURCE_FIELDS = [
    "page_id", "type", "url", "site_slug", "site_hostname", "site_name", "codes", "date",
    *TEXT_FIELDS, *(f"{name}_folded" for name in TEXT_FIELDS),
]  # fmt: skip


def strip_question(folded: str) -> str:
    """The folded query without question phrasing, or the query when nothing else is left."""
    padded = f" {folded} "
    for phrase in QUESTION_WORDS:
        padded = padded.replace(f" {phrase} ", " ")
    core = " ".join(padded.split())
    return core or folded


def _variant_query(variant: str, strict: bool) -> dict:
    core = strip_question(variant)
    should: list[dict] = [
        {"multi_match": {"query": core, "fields": FOLDED_FIELDS, "type": "most_fields"}},
        {"multi_match": {"query": core, "fields": SHINGLE_FIELDS, "type": "most_fields"}},
        {"term": {"title_exact": {"value": core, "boost": 20}}},
    ]
    if core != variant:
        should.append({"multi_match": {"query": variant, "fields": FOLDED_FIELDS, "boost": 0.2}})
    query: dict = {"should": should}
    if strict:
        # Decides the match only (no score): each word in some folded field.
        every_word = {"query": core, "fields": FOLDED_FIELDS, "type": "cross_fields"}
        query["filter"] = [{"multi_match": {**every_word, "operator": "and"}}]
    return {"bool": query}


def _code_queries(q: str) -> list[dict]:
    clauses = []
    for token in dict.fromkeys([fold(q).replace(" ", ""), *tokens(fold(q))]):
        if looks_like_code(token):
            clauses.append({"term": {"codes_folded": {"value": token, "boost": 60}}})
            clauses.append({"prefix": {"codes_folded": {"value": token, "boost": 30}}})
    return clauses


def text_query(q: str, strict: bool = True) -> dict:
    """The scoring query for `q`; matches everything when `q` is empty. `strict`: every
    word must be found (see the module's docstring); otherwise any word."""
    if not q:
        return {"match_all": {}}
    variants = expand(q)
    should: list[dict] = [{"dis_max": {"queries": [_variant_query(v, strict) for v in variants]}}]
    should += _code_queries(q)
    query: dict = {"bool": {"should": should, "minimum_should_match": 1}}
    if not is_folded(q):
        # Scores only: on its own any accented word would match again.
        accented = {"query": normalise(q), "fields": ACCENTED_FIELDS, "type": "most_fields"}
        query = {"bool": {"must": [query], "should": [{"multi_match": accented}]}}
    return query


def filters(params: SearchParams) -> list[dict]:
    terms = {
        "site_id": params.site_ids,
        "type": params.type,
        "sector": params.sector,
        "levels": params.level,
        "agency": params.agency,
        "online": params.online,
        "categories": params.category,
    }
    clauses: list[dict] = [
        {"terms": {name: value}} if isinstance(value, list) else {"term": {name: value}}
        for name, value in terms.items()
        if value is not None
    ]
    if params.date_from or params.date_to:
        bounds = {"gte": params.date_from, "lte": params.date_to}
        clauses.append({"range": {"date": {k: v.isoformat() for k, v in bounds.items() if v}}})
    return clauses


def _labelled_terms(field: str, label: str | None = None, size: int = 20) -> dict:
    agg: dict = {"terms": {"field": field, "size": size}}
    if label:
        agg["aggs"] = {"label": {"terms": {"field": label, "size": 1}}}
    return agg


AGGREGATIONS = {
    "type": _labelled_terms("type"),
    "site": _labelled_terms("site_slug", "site_name", size=100),
    "sector": _labelled_terms("sector", "sector_name", size=100),
    "level": _labelled_terms("levels"),
    "online": _labelled_terms("online"),
    "year": {"terms": {"field": "year", "size": 30, "order": {"_key": "desc"}}},
}


def did_you_mean(q: str) -> dict:
    field = "suggest_folded" if is_folded(q) else "suggest"
    text = fold(q) if is_folded(q) else normalise(q).lower()
    return {
        "text": text,
        "phrase": {
            "field": field,
            "size": 1,
            "gram_size": 3,
            "max_errors": 2,
            "direct_generator": [{"field": field, "suggest_mode": "always", "min_word_length": 2}],
        },
    }


def search_body(params: SearchParams, strict: bool = True) -> dict:
    body: dict = {
        "query": {"bool": {"must": [text_query(params.q, strict)], "filter": filters(params)}},
        "from": params.offset,
        "size": params.limit,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
        "aggs": AGGREGATIONS,
    }
    if params.q:
        # Highlights are made from _source by search.highlighting.
        body["suggest"] = {"did_you_mean": did_you_mean(params.q)}
    else:
        body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    return body


def suggest_body(q: str, site_ids: list[int] | None, size: int = 20) -> dict:
    """Titles starting with (folded) `q`: "giay ph" -> "Giấy phép …"."""
    folded = fold(q)
    query = {
        "bool": {
            "should": [
                {"match_phrase_prefix": {"title_folded": {"query": folded, "boost": 3}}},
                {"match_bool_prefix": {"title_folded": {"query": folded, "operator": "and"}}},
            ],
            "minimum_should_match": 1,
            "filter": [{"terms": {"site_id": site_ids}}] if site_ids else [],
        }
    }
    return {"query": query, "size": size, "_source": ["title", "url", "type", "site_slug"]}
