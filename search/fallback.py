"""The answer when Elasticsearch is unreachable: Wagtail's own database search.

The query is understood as for Elasticsearch (`search.understanding`): a code or document
number is looked up in the pages' codes, filler words and question phrasing are left out,
and the remaining words are searched with "or" (ranked by the database), so a question in
a full sentence still finds its procedure. Words typed without diacritics match only
words written without them: the database index is not folded.
"""

import re
import time

from django.db.models import Q
from wagtail.models import Page, Site

from .adapters import TYPE_MODELS
from .params import SearchParams
from .synonyms import synonym_groups
from .understanding import Understood, understand

LEVEL_FIELDS = {"bo": "level_ministry", "tinh": "level_province", "xa": "level_commune"}


def _queryset(params: SearchParams):
    if params.type and params.type not in TYPE_MODELS:
        return Page.objects.none()  # documents are searched in Elasticsearch only
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


def _code_filter(understood: Understood) -> Q | None:
    """Pages whose procedure code or document number is one the query names: "1 001193",
    "001193" -> 1.001193; "15/2020", "nđ 15/2020" -> 15/2020/NĐ-CP."""
    codes = Q()
    for key in understood.codes.keys:
        number = key.split(":")[-1]
        if re.fullmatch(r"\d{7}", number):
            codes |= Q(procedurepage__code=f"{number[0]}.{number[1:]}")
        elif re.fullmatch(r"\d{5,6}", number):
            codes |= Q(procedurepage__code__endswith=f".{number}")
        elif re.fullmatch(r"[a-z]+\d+", number):
            letters, digits = re.fullmatch(r"([a-z]+)(\d+)", number).groups()
            codes |= Q(procedurepage__code__iexact=f"{letters}.{digits}")
        else:
            codes |= Q(legaldocumentpage__number__istartswith=f"{number}/") | Q(
                legaldocumentpage__number__iexact=number
            )
    return codes or None


def _results(pages, q: str) -> tuple:
    """(the pages matching `q`, relaxed): by code or number, else those with every word,
    else (relaxed) those with any, best first."""
    understood = understand(q, synonym_groups())
    codes = _code_filter(understood)
    if codes is not None:
        found = pages.filter(codes)
        if found.exists() or understood.is_lookup:
            return found.order_by("path"), False
    words = " ".join(c.typed for c in understood.required) or q
    every = pages.search(words)
    if every.count():
        return every, False
    return pages.search(words, operator="or"), True


def search(params: SearchParams) -> dict:
    started = time.monotonic()
    pages = _queryset(params)
    results, relaxed = (
        _results(pages, params.q) if params.q else (pages.order_by("-last_published_at"), False)
    )
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
            "relaxed": relaxed,
        },
        "items": items,
        "facets": {},
        "did_you_mean": None,
    }
