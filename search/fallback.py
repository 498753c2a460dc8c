"""The answer when Elasticsearch is unreachable: Wagtail's own database search."""

import time

from django.db.models import Q
from wagtail.models import Page, Site

from .adapters import TYPE_MODELS
from .params import SearchParams

LEVEL_FIELDS = {"bo": "level_ministry", "tinh": "level_province", "xa": "level_commune"}


def _queryset(params: SearchParams):
    models = [TYPE_MODELS[params.type]] if params.type else list(TYPE_MODELS.values())
    pages = Page.objects.live().public().type(*models)
    if params.type == "procedure":
        model = TYPE_MODELS["procedure"]
        pages = model.objects.live().public()
        if params.sector:
            pages = pages.filter(sector__slug=params.sector)
        if params.level:
            pages = pages.filter(**{LEVEL_FIELDS[params.level]: True})
        if params.online:
            pages = pages.filter(online_level=params.online)
    sites = (
        Site.objects.all()
        if params.site_ids is None
        else Site.objects.filter(pk__in=params.site_ids)
    )
    tree = Q()
    for site in sites.select_related("root_page"):
        tree |= Q(path__startswith=site.root_page.path)
    return pages.filter(tree) if sites else pages.none()


def search(params: SearchParams) -> dict:
    started = time.monotonic()
    pages = _queryset(params)
    results = pages.search(params.q) if params.q else pages.order_by("-last_published_at")
    found = list(results[params.offset : params.offset + params.limit])
    items = []
    for page in found:
        page = page.specific
        site = page.get_site()
        items.append(
            {
                "id": page.pk,
                "type": next(
                    (name for name, model in TYPE_MODELS.items() if isinstance(page, model)),
                    "page",
                ),
                "title": page.title,
                "url": page.get_full_url(),
                "site": {
                    "slug": getattr(getattr(site, "agency", None), "slug", None),
                    "hostname": site.hostname if site else None,
                    "name": site.site_name if site else None,
                },
                "summary": page.search_description,
                "highlight": {},
                "score": None,
            }
        )
    return {
        "meta": {
            "total": results.count(),
            "page": params.page,
            "page_size": params.page_size,
            "engine": "database",
            "took_ms": round((time.monotonic() - started) * 1000),
        },
        "items": items,
        "facets": {},
        "did_you_mean": None,
    }
