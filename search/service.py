"""Runs a search on Elasticsearch and shapes the response of the public API.

One request per search in the common case. When the query has few matching pages (in the
search's scope, before facet choices), one more round trip (`msearch`) asks for the relaxed
retry (when it has none at all) and, when the phrase suggester proposed a correction, how
many pages the correction finds: `meta.relaxed` says the retry was used, and the correction
is offered only when it finds more than the query as typed. Codes and numbers are never
corrected.
"""

import logging

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from elastic_transport import TransportError
from elasticsearch import ApiError

from . import fallback
from .bestbets import pinned_pages
from .client import get_client
from .documents import alias_name
from .highlighting import highlight_item, highlight_words
from .params import SearchParams
from .query import count_body, search_body, suggest_body
from .synonyms import synonym_groups
from .text import fold
from .understanding import Understood, is_plausible_correction, understand

logger = logging.getLogger(__name__)


def _facet(buckets: list[dict]) -> list[dict]:
    facet = []
    for bucket in buckets:
        entry = {"value": bucket.get("key_as_string", bucket["key"]), "count": bucket["doc_count"]}
        labels = bucket.get("label", {}).get("buckets")
        if labels:
            entry["label"] = labels[0]["key"]
        facet.append(entry)
    return facet


def _file(source: dict) -> dict:
    """A document's file: what a result list shows next to its download link."""
    size = source.get("file_size")
    return {
        "name": source.get("file_name"),
        "type": source.get("file_type"),
        "size": size,
        "size_label": filesizeformat(size) if size is not None else None,
        "text_status": source.get("text_status"),
    }


def _item(hit: dict, words: dict, pinned: set[int]) -> dict:
    source = hit["_source"]
    item = {
        # A page's id, or a document's (type "document": its `file`, `used_on`).
        "id": source.get("page_id", source.get("document_id")),
        "type": source["type"],
        "title": source["title"],
        "url": source.get("url"),
        "site": {
            "slug": source.get("site_slug"),
            "hostname": source.get("site_hostname"),
            "name": source.get("site_name"),
        },
        "summary": source.get("summary", ""),
        "code": (source.get("codes") or [None])[0],
        "date": source.get("date"),
        "highlight": highlight_item(words, source),
        "score": hit["_score"],
        "pinned": source.get("page_id") in pinned,
    }
    if "document_id" in source:
        item["file"] = _file(source)
        item["used_on"] = source.get("used_on") or []
    return item


def _search_header(q: str) -> dict:
    """Citizens repeat the same queries: Elasticsearch's shard request cache keeps each
    one's query phase (hits, total, facets, suggestion) until the next refresh that
    changed the index, so a publish is still found as soon as it is searchable. Identical
    queries go to the same shard copy (`preference`) so that its cache is the one warmed."""
    return {"index": alias_name(), "request_cache": True, "preference": f"q:{fold(q)}"}


def _cached_search(body: dict, q: str) -> dict:
    return get_client().search(**_search_header(q), **body).body


def _msearch(bodies: list[dict], q: str) -> list[dict]:
    header = _search_header(q)
    searches = [part for body in bodies for part in (header, body)]
    responses = get_client().msearch(searches=searches).body["responses"]
    for response in responses:
        if "error" in response:
            raise ApiError(message=str(response["error"]), meta=None, body=response)
    return responses


def _correction(response: dict, understood: Understood) -> str | None:
    """The phrase suggester's correction of the query, when it changes a word."""
    options = response.get("suggest", {}).get("did_you_mean", [{}])[0].get("options", [])
    corrected = options[0]["text"] if options else None
    if not corrected or fold(corrected) == fold(understood.text):
        return None
    return corrected if is_plausible_correction(understood.text, corrected) else None


def _retry(
    params: SearchParams, understood: Understood, pinned: list[int], first: dict, matched: int
) -> tuple[dict, bool, str | None]:
    """(response, relaxed, did_you_mean) once the strict query found few pages: a
    correction that finds more, and the relaxed retry when it found none at all."""
    correction = None if understood.codes.found else _correction(first, understood)
    corrected = understand(correction, synonym_groups()) if correction else None
    relax = bool(understood.required) and matched == 0
    bodies = []
    if relax:
        bodies.append(search_body(params, understood, strict=False, pinned=pinned))
    if corrected is not None:
        bodies.append(count_body(params, corrected))
    if not bodies:
        return first, False, None
    responses = _msearch(bodies, params.q)
    relaxed_response = responses[0] if relax else None
    total = first["hits"]["total"]["value"]
    suggestion = None
    if corrected is not None and responses[-1]["hits"]["total"]["value"] > total:
        suggestion = correction
    if relaxed_response and relaxed_response["hits"]["total"]["value"] > total:
        return relaxed_response, True, suggestion
    return first, False, suggestion


def search(params: SearchParams) -> dict:
    """The API response for `params`. Raises elasticsearch errors when the cluster is down."""
    understood = understand(params.q, synonym_groups()) if params.q else None
    pinned = pinned_pages(params.q, params.site_ids) if understood else []
    few = settings.SEARCH["SUGGEST_BELOW"]
    body = search_body(
        params, understood, pinned=pinned, suggest=bool(understood and not understood.codes.found)
    )
    response = _cached_search(body, params.q)
    relaxed, suggestion = False, None
    matched = response["aggregations"]["matched"]["doc_count"]
    if understood and matched < few:
        response, relaxed, suggestion = _retry(params, understood, pinned, response, matched)
    words = highlight_words(understood) if understood else {}
    aggregations = response["aggregations"]
    return {
        "meta": {
            "total": response["hits"]["total"]["value"],
            "page": params.page,
            "page_size": params.page_size,
            "engine": "elasticsearch",
            "took_ms": response["took"],
            "relaxed": relaxed,
        },
        "items": [_item(hit, words, set(pinned)) for hit in response["hits"]["hits"]],
        "facets": {
            name: _facet(aggregations[name]["values"]["buckets"])
            for name in aggregations
            if name != "matched"
        },
        "did_you_mean": suggestion,
    }


def suggest(q: str, site_ids: list[int] | None, limit: int = 10) -> list[dict]:
    """Up to `limit` distinct titles that start with what was typed, or whose code or
    number does."""
    response = _cached_search(suggest_body(q, site_ids), q)
    items, seen = [], set()
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        if source["title"] in seen:
            continue
        seen.add(source["title"])
        item = {
            "title": source["title"],
            "url": source.get("url"),
            "type": source["type"],
            "site": source.get("site_slug"),
            "code": (source.get("codes") or [None])[0],
        }
        if source.get("file_type"):
            item["file_type"] = source["file_type"]
        items.append(item)
        if len(items) == limit:
            break
    return items


def search_or_fallback(params: SearchParams) -> dict:
    """`search`, or Wagtail's database search when Elasticsearch cannot be reached: what the
    API and the public search page both answer."""
    try:
        return search(params)
    except (ApiError, TransportError) as error:
        logger.warning("Elasticsearch unavailable, answering from the database: %s", error)
        return fallback.search(params)
