"""Runs a search on Elasticsearch and shapes the response of the public API."""

import logging

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError

from . import fallback
from .client import get_client
from .documents import alias_name
from .highlighting import highlight_item, query_words
from .params import SearchParams
from .query import search_body, suggest_body
from .synonyms import expand
from .text import fold

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


def _item(hit: dict, words: set[str]) -> dict:
    source = hit["_source"]
    return {
        "id": source["page_id"],
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
    }


def _did_you_mean(response: dict, q: str, total: int) -> str | None:
    """The phrase suggester's correction, when it scores above the query as typed (so the
    query probably has a typo) or when the query found few results."""
    if not q:
        return None
    options = response.get("suggest", {}).get("did_you_mean", [{}])[0].get("options", [])
    corrected = options[0]["text"] if options else None
    if corrected in (None, q.lower(), fold(q)):
        return None
    few = total < settings.SEARCH["SUGGEST_BELOW"]
    return corrected if few or options[0]["score"] > 0 else None


def _cached_search(body: dict, q: str) -> dict:
    """Citizens repeat the same queries: Elasticsearch's shard request cache keeps each
    one's query phase (hits, total, facets, suggestion) until the next refresh that
    changed the index, so a publish is still found as soon as it is searchable. Identical
    queries go to the same shard copy (`preference`) so that its cache is the one warmed."""
    return (
        get_client()
        .search(index=alias_name(), request_cache=True, preference=f"q:{fold(q)}", **body)
        .body
    )


def _search(params: SearchParams, strict: bool) -> dict:
    return _cached_search(search_body(params, strict), params.q)


def search(params: SearchParams) -> dict:
    """The API response for `params`. Raises elasticsearch errors when the cluster is down."""
    response = _search(params, strict=True)
    total = response["hits"]["total"]["value"]
    if params.q and total < settings.SEARCH["SUGGEST_BELOW"]:
        # Few pages have every word: any word, as a typo or a rare word needs.
        response = _search(params, strict=False)
        total = response["hits"]["total"]["value"]
    words = query_words(expand(params.q)) if params.q else set()
    return {
        "meta": {
            "total": total,
            "page": params.page,
            "page_size": params.page_size,
            "engine": "elasticsearch",
            "took_ms": response["took"],
        },
        "items": [_item(hit, words) for hit in response["hits"]["hits"]],
        "facets": {name: _facet(agg["buckets"]) for name, agg in response["aggregations"].items()},
        "did_you_mean": _did_you_mean(response, params.q, total),
    }


def suggest(q: str, site_ids: list[int] | None, limit: int = 10) -> list[dict]:
    """Up to `limit` distinct titles that start with what was typed."""
    response = _cached_search(suggest_body(q, site_ids), q)
    items, seen = [], set()
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        if source["title"] in seen:
            continue
        seen.add(source["title"])
        items.append(
            {
                "title": source["title"],
                "url": source.get("url"),
                "type": source["type"],
                "site": source.get("site_slug"),
            }
        )
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
