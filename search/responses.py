"""The search API's answer in the conventions of the pages endpoint: `meta.total_count`,
`limit`/`offset`, and for every item a `meta` with its page type, `detail_url`, `html_url`
and site, as a pages listing gives them. The older keys (`total`, `page`, `page_size`,
`url`, the `online` facet) stay, documented as aliases."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from api.fields import site_data
from api.links import absolute, with_site
from api.tables import site_index
from procedures.choices import Level, OnlineLevel

from .adapters import TYPE_MODELS
from .params import DOCUMENT_MODEL, DOCUMENT_TYPE, SearchParams


def type_name(key: str) -> str | None:
    if key == DOCUMENT_TYPE:
        return DOCUMENT_MODEL
    model = TYPE_MODELS.get(key)
    return f"{model._meta.app_label}.{model.__name__}" if model else None


def type_labels() -> dict[str, str]:
    """Search type key -> its name for people ("thủ tục hành chính", "tài liệu")."""
    labels = {key: str(model._meta.verbose_name) for key, model in TYPE_MODELS.items()}
    return {**labels, DOCUMENT_TYPE: _("tài liệu")}


def _facet_labels() -> dict[str, dict]:
    return {
        "type": type_labels(),
        "level": {key: str(label) for key, label in Level.choices},
        "online": {key: str(label) for key, label in OnlineLevel.choices},
    }


def _facets(facets: dict) -> dict:
    result = {}
    labels = _facet_labels()
    for name, buckets in facets.items():
        known = labels.get(name, {})
        result[name] = [
            {**bucket, "label": known[bucket["value"]]}
            if "label" not in bucket and bucket["value"] in known
            else bucket
            for bucket in buckets
        ]
    if "online" in result:
        result["online_level"] = result["online"]
    return result


def api_response(result: dict, params: SearchParams, request: HttpRequest) -> dict:
    # The sites of this content version, kept by the API per process (no query per search),
    # found by hostname (not a scan of every site per search).
    sites = site_index(request).by_host
    items = []
    for item in result["items"]:
        named = sites.get((item.get("site") or {}).get("hostname")) or [None]
        site = named[-1]
        endpoint = "documents" if item["type"] == DOCUMENT_TYPE else "pages"
        detail = absolute(request, f"/api/v2/{endpoint}/{item['id']}/")
        meta = {
            "type": type_name(item["type"]),
            "detail_url": with_site(request, detail, site),
            "html_url": item.get("url"),
            "site": site_data(site),
        }
        items.append({**item, "meta": meta})
    return {
        **result,
        "meta": {
            **result["meta"],
            "total_count": result["meta"]["total"],
            "limit": params.limit,
            "offset": params.offset,
        },
        "items": items,
        "facets": _facets(result["facets"]),
    }
