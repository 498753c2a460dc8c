"""Elasticsearch request bodies built from already-parsed parameters and an understood query
(`search.understanding`).

Matching: a page matches when it has enough of the query's required concepts (a word, or a
phrase with its synonyms, each in some folded field; `minimum_should_match` loosens with
the query's length), or when a code or document number matches, or when an editor pinned
it to the query (best bet). Filler words never decide a match. When too few pages match,
the service asks again with `strict=False`: at least half of the concepts (the relevance
floor), one of them in a title, summary or keywords, typos forgiven.

Scoring, on top of the concepts' own scores: folded shingles of the query (phrases), the
exact title, the accented words as typed (exact diacritics rank above folded matches), a
little for the filler words, the document type named in the query, then codes: an exact
code or number of the page itself ranks first, one the page cites (its legal basis) next.
"""

from .codes import code_prefixes
from .params import SearchParams
from .text import fold, is_folded, normalise, tokens
from .understanding import (
    Concept,
    Understood,
    head_minimum,
    minimum_should_match,
    relaxed_minimum,
)

FOLDED_FIELDS = ["title_folded^6", "summary_folded^2", "body_folded^0.5", "keywords_folded^1.5"]
ACCENTED_MATCH_FIELDS = ["title^6", "summary^2", "body^0.5", "keywords^1.5"]
ACCENTED_HEAD_FIELDS = ["title", "summary", "keywords"]
TIES = {"tie_breaker": 0.3}
# Where a relaxed match must have one of its words: not only somewhere in a long body.
HEAD_FIELDS = ["title_folded", "summary_folded", "keywords_folded"]
# The query's phrases and its accents score in titles and summaries: in every body, they
# were half of a search's time at 100k pages for little change in rank (each word's own
# clause already reads the body).
SHINGLE_FIELDS = ["title_folded.shingles^5", "summary_folded.shingles^1.5"]
ACCENTED_FIELDS = ["title^4", "title.shingles^4", "summary^1.5", "summary.shingles"]
# A hit's whole `_source`: what a result and its highlights need is most of it (the texts and
# their folded copies), and Elasticsearch sends a stored source as it is, where an include
# list made it parse and write every hit's source again (0.5 ms of `took` a search, measured
# on the bench's queries). The index holds public content only; `service._item` picks the
# keys a result shows.
SOURCE = True

OWN_CODE_BOOST = 10_000  # above any text score: an exact code or number ranks first
CITED_CODE_BOOST = 1_000
PINNED_BOOST = 1_000_000
TITLE_EXACT_BOOST = 20
# What a news item, a legal document or a file scores against a procedure when the question
# asks what to do (`_asks_for_a_procedure`): search_eval on the demo gave the same ranks
# from 0.35 to 0.6, and R@1 0.85 without it once the demo had news and forms.
OTHER_TYPES_WEIGHT = 0.5
# Typos are forgiven in the relaxed retry only: words of five letters and more, the first
# two letters as typed ("truong" is never "thuong").
FUZZINESS = {"fuzziness": "AUTO:5,9", "prefix_length": 2}


# A word found only in a page's body counts for less in a long question, which tells many
# circumstances: a long body that has them all is not what the question is about.
BODY_BOOST = 0.5
# From this many required words on, a query is a long question.
LONG_QUERY = 5


def body_boost(required: int) -> float:
    """The body's weight for a query of `required` words: 0.5 up to four, then less."""
    return round(BODY_BOOST * min(1.0, 4 / max(required, 1)), 3)


def _weighted(fields: list[str], body: float) -> list[str]:
    return [f"{name.split('^')[0]}^{body}" if name.startswith("body") else name for name in fields]


def _alternative(
    text: str,
    relaxed: bool,
    accented: tuple[str, ...] = (),
    head: bool = False,
    body: float = BODY_BOOST,
    typed: str = "",
):
    """One way of saying a concept. A word typed with diacritics must be found with them
    (any tone placement), unless relaxed, which forgives typos instead; a phrase must be
    found as a phrase (its syllable shingles, or all its words in the title or keywords).
    `head`: in a title, summary or keywords only; `body`: the body's weight; `typed`: the
    phrase as typed, when this alternative is it."""
    if " " not in text:
        if accented and not relaxed:
            fields = ACCENTED_HEAD_FIELDS if head else _weighted(ACCENTED_MATCH_FIELDS, body)
            return {"multi_match": {"query": " ".join(accented), "fields": fields, **TIES}}
        extra = FUZZINESS if relaxed and len(text) >= 5 else {}
        fields = HEAD_FIELDS if head else _weighted(FOLDED_FIELDS, body)
        return {"multi_match": {"query": text, "fields": fields, **TIES, **extra}}
    # Every word in the title or keywords, spelled as typed: "săn bắn" is not "bán lẻ sản
    # phẩm", nor "thủy sản" and "văn bản".
    spelled = bool(typed) and not is_folded(typed)
    title, keywords = ("title", "keywords") if spelled else ("title_folded", "keywords_folded")
    words = typed if spelled else text
    as_phrase = [
        {"match": {field: {"query": query, "operator": "and", "boost": boost}}}
        for field, query, boost in (
            ("title_folded.shingles", text, 6),
            ("summary_folded.shingles", text, 2),
            (title, words, 3),
            (keywords, words, 1.5),
        )
    ]
    if not head:
        as_phrase.append(
            {"match": {"body_folded.shingles": {"query": text, "operator": "and", "boost": body}}}
        )
    return {"dis_max": {"queries": as_phrase, **TIES}}


def concept_clause(
    concept: Concept, relaxed: bool = False, head: bool = False, body: float = BODY_BOOST
) -> dict:
    """A concept matches when one of its alternatives does; the best one scores. The first
    alternative is the concept as typed."""
    clauses = []
    for rank, text in enumerate(concept.alternatives):
        as_typed = rank == 0
        accented = concept.accented if as_typed else ()
        typed = concept.typed.lower() if as_typed else ""
        clauses.append(_alternative(text, relaxed, accented, head, body, typed))
    return clauses[0] if len(clauses) == 1 else {"dis_max": {"queries": clauses}}


def _weighed(clause: dict, concept: Concept, count: int) -> dict:
    """In a long question a lone syllable ("một", "sinh", "mất") tells little: it weighs
    half as much as a word of several syllables or a synonym phrase."""
    if count < LONG_QUERY or " " in concept.text or len(concept.alternatives) > 2:
        return clause
    return {"bool": {"should": [clause], "boost": 0.5}}


def _code_clauses(keys: list[str]) -> list[dict]:
    """The page's own code or number (first), then the documents it cites; the keys come
    best first (a typed document type before the bare number)."""
    clauses = []
    for rank, key in enumerate(keys):
        for field, boost in (("code_keys", OWN_CODE_BOOST), ("cited_keys", CITED_CODE_BOOST)):
            clauses.append(
                {"constant_score": {"filter": {"term": {field: key}}, "boost": boost - rank}}
            )
    return clauses


# Titles are looked for among the query's runs of at most this many words.
MAX_TITLE_WORDS = 40
# The query's phrases scored (each a clause).
MAX_PHRASES = 8


def _title_texts(understood: Understood) -> list[str]:
    """Every run of two or more consecutive words of the query, and its required words
    alone (codes left out): a question that names a page's whole title ("muốn đăng ký khai
    sinh cho con …") finds it exactly."""
    words = tokens(understood.codes.rest)[:MAX_TITLE_WORDS]
    runs = [
        " ".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 2, len(words) + 1)
    ]
    return list(dict.fromkeys(t for t in [" ".join(words), understood.core, *runs] if t))


def _scoring(understood: Understood) -> list[dict]:
    """Clauses that only score: phrases, a whole title named, accents, document type."""
    should: list[dict] = []
    # Filler words leave the phrases: a title with "thủ tục", "cho người" or "giấy tờ"
    # is no closer to the question.
    for phrase in understood.phrases[:MAX_PHRASES]:
        if " " in phrase:
            should.append({"multi_match": {"query": phrase, "fields": SHINGLE_FIELDS}})
    if titles := _title_texts(understood):
        should.append({"terms": {"title_exact": titles, "boost": TITLE_EXACT_BOOST}})
    # Exact accents break ties between words; over a long question's many words they would
    # outweigh the words themselves. Filler words typed with accents only break ties.
    weight = min(1.0, LONG_QUERY / max(len(understood.required), 1))
    for concepts, boost in ((understood.required, weight), (understood.optional, weight / 10)):
        if accented := [word for concept in concepts for word in concept.accented]:
            should.append(
                {
                    "multi_match": {
                        "query": " ".join(accented),
                        "fields": ACCENTED_FIELDS,
                        "type": "most_fields",
                        "boost": round(boost, 3),
                    }
                }
            )
    codes = understood.codes
    if codes.document_type:
        term = {"term": {"document_type": codes.document_type}}
        should.append({"constant_score": {"filter": term, "boost": 3}})
    if codes.wants_document:
        should.append({"constant_score": {"filter": {"term": {"type": "legaldoc"}}, "boost": 2}})
    return should


def _and(*clauses: dict) -> dict:
    return {"bool": {"filter": list(clauses)}}


def _at_least(clauses: list[dict], count: int, filters: list[dict] | None = None) -> dict:
    query: dict = {"should": clauses, "minimum_should_match": count}
    if filters:
        query["filter"] = filters
    return {"bool": query}


def words_query(required: list[Concept], strict: bool = True) -> dict:
    """Whether a page has enough of the query's required words, and their scores. Strict,
    either:

    - `minimum_should_match` of them anywhere, `head_minimum` in its title, summary or
      keywords (a word only in a long body, such as "hộ chiếu" among the papers to bring,
      is not enough), one of them a word that tells which procedure ("săn bắn", not "cấp"
      or "giấy phép") in the head;
    - or, when some are said of any procedure, every telling word in its head, with two
      words at least: a title that names all the question asks ("Nghị định về kiểm soát
      thủ tục hành chính" for "nghị định nào quy định về kiểm soát thủ tục hành chính"),
      whatever its short body lacks.

    Relaxed: any of them, a telling one in the head, typos forgiven. Each word's clause both
    counts and scores, so that it is evaluated once when the first way is the only one."""
    count = len(required)
    body = body_boost(count)
    anywhere = [
        _weighed(concept_clause(c, relaxed=not strict, body=body), c, count) for c in required
    ]
    in_head = [concept_clause(c, relaxed=not strict, head=True) for c in required]
    telling = [clause for c, clause in zip(required, in_head, strict=True) if not c.generic]
    if not strict:
        return _at_least(anywhere, relaxed_minimum(count), [_at_least(telling or in_head, 1)])
    floors = [_at_least(in_head, head_minimum(count))]
    if telling and len(telling) < count:
        floors.append(_at_least(telling, 1))
    first = _at_least(anywhere, minimum_should_match(count), floors)
    if not telling or len(telling) == count:
        return first
    # Matched the second way only, a page scores from the words it has.
    second = _and(*telling, _at_least(in_head, min(2, count)))
    either = _at_least([first, second], 1)
    return {"bool": {"must": [either], "should": anywhere}}


def text_query(understood: Understood, strict: bool = True, pinned: list[int] | None = None):
    """The query for an understood, non-empty query. `strict`: enough of the required
    words (`words_query`); otherwise the relaxed retry."""
    required = understood.required
    matching: list[dict] = []
    if required:
        matching.append(words_query(required, strict))
    matching += _code_clauses(understood.codes.keys)
    for rank, page_id in enumerate(pinned or []):
        ids = {"ids": {"values": [page_id]}}
        matching.append({"constant_score": {"filter": ids, "boost": PINNED_BOOST - rank}})
    if not matching:
        return {"match_none": {}}
    query = {"bool": {"must": [_at_least(matching, 1)], "should": _scoring(understood)}}
    if not _asks_for_a_procedure(understood, pinned):
        return query
    other = {"bool": {"must_not": [{"term": {"type": "procedure"}}]}}
    return {
        "function_score": {
            "query": query,
            "functions": [{"filter": other, "weight": OTHER_TYPES_WEIGHT}],
            "boost_mode": "multiply",
        }
    }


def _asks_for_a_procedure(understood: Understood, pinned: list[int] | None) -> bool:
    """Citizens search the portal for what to do: a question that names no document type,
    number or code, and has no editor's pick, puts the procedure before news or a form
    about it (a news title or a form's name can match the words better than the
    procedure's own title)."""
    codes = understood.codes
    return not (pinned or codes.keys or codes.wants_document or codes.document_type)


# Facets whose own filter is left out of their counts: each value's count is what
# choosing it would give, with the other choices kept.
FACET_FILTERS = {"type": "type", "sector": "sector", "level": "levels", "online": "online"}


def base_filters(params: SearchParams) -> list[dict]:
    """The scope of a search: site, agency, category, dates (not faceted)."""
    terms = {"site_id": params.site_ids, "agency": params.agency, "categories": params.category}
    clauses: list[dict] = [
        {"terms": {name: value}} if isinstance(value, list) else {"term": {name: value}}
        for name, value in terms.items()
        if value is not None
    ]
    if params.date_from or params.date_to:
        bounds = {"gte": params.date_from, "lte": params.date_to}
        clauses.append({"range": {"date": {k: v.isoformat() for k, v in bounds.items() if v}}})
    return clauses


def facet_filters(params: SearchParams) -> dict[str, dict]:
    """Facet name -> its filter clause, for the facets the caller chose a value of."""
    values = {"type": params.type, "sector": params.sector, "level": params.level}
    values["online"] = params.online
    return {
        name: {"term": {FACET_FILTERS[name]: value}}
        for name, value in values.items()
        if value is not None
    }


def filters(params: SearchParams) -> list[dict]:
    """Every filter of `params`: scope and facet choices."""
    return base_filters(params) + list(facet_filters(params).values())


def _terms(field: str, label: str | None = None, size: int = 20) -> dict:
    agg: dict = {"terms": {"field": field, "size": size}}
    if label:
        agg["aggs"] = {"label": {"terms": {"field": label, "size": 1}}}
    return agg


FACETS = {
    "type": _terms("type"),
    "site": _terms("site_slug", "site_name", size=100),
    "sector": _terms("sector", "sector_name", size=100),
    "level": _terms("levels"),
    "online": _terms("online"),
    "year": {"terms": {"field": "year", "size": 30, "order": {"_key": "desc"}}},
}


def aggregations(params: SearchParams) -> dict:
    """Facets computed on the same query as the items; each leaves out its own choice."""
    chosen = facet_filters(params)
    aggs: dict = {"matched": {"filter": {"match_all": {}}}}
    for name, terms in FACETS.items():
        others = [clause for facet, clause in chosen.items() if facet != name]
        aggs[name] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": terms}}
    return aggs


def did_you_mean(text: str, folded: bool) -> dict:
    field = "suggest_folded" if folded else "suggest"
    return {
        "text": fold(text) if folded else normalise(text).lower(),
        "phrase": {
            "field": field,
            "size": 1,
            "gram_size": 3,
            "max_errors": 2,
            "direct_generator": [{"field": field, "suggest_mode": "always", "min_word_length": 2}],
        },
    }


def search_body(
    params: SearchParams,
    understood: Understood | None,
    strict: bool = True,
    pinned: list[int] | None = None,
    suggest: bool = False,
) -> dict:
    """The search request. `understood` is None for a browse without words (newest first);
    `suggest` adds the phrase suggester (did you mean)."""
    query = text_query(understood, strict, pinned) if understood else {"match_all": {}}
    body: dict = {
        "query": {"bool": {"must": [query], "filter": base_filters(params)}},
        "post_filter": {"bool": {"filter": list(facet_filters(params).values())}},
        "from": params.offset,
        "size": params.limit,
        "track_total_hits": True,
        "_source": SOURCE,
        "aggs": aggregations(params),
    }
    if suggest and understood:
        body["suggest"] = {"did_you_mean": did_you_mean(understood.text, understood.is_folded)}
    if not understood:
        body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    return body


def count_body(params: SearchParams, understood: Understood) -> dict:
    """How many pages the strict query finds with every filter: to check a correction."""
    query = {"bool": {"must": [text_query(understood)], "filter": filters(params)}}
    return {"query": query, "size": 0, "track_total_hits": True}


def suggest_body(q: str, site_ids: list[int] | None, size: int = 20) -> dict:
    """Titles starting with (folded) `q`: "giay ph" -> "Giấy phép …"; codes and numbers
    starting with it: "1.0011" -> 1.001193, "nđ 42" -> 42/2022/NĐ-CP."""
    folded = fold(q)
    should: list[dict] = [
        {"match_phrase_prefix": {"title_folded": {"query": folded, "boost": 3}}},
        {"match_bool_prefix": {"title_folded": {"query": folded, "operator": "and"}}},
    ]
    for prefix in code_prefixes(q):
        should.append({"prefix": {"code_keys": {"value": prefix, "boost": 10}}})
    query = {
        "bool": {
            "should": should,
            "minimum_should_match": 1,
            "filter": [{"terms": {"site_id": site_ids}}] if site_ids else [],
        }
    }
    source = ["title", "url", "type", "site_slug", "codes", "file_type"]
    return {"query": query, "size": size, "_source": source}
