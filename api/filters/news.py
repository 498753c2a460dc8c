"""News filters: category, tag, published_after/published_before, featured."""

from django.db.models import Exists, F, OuterRef, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from home.compiled import MARKER, TEXT_MARKER, AnyOf, compiled
from news.models import NewsCategory, NewsPage, NewsPageTag, PortalFeature

from ..errors import bad_request
from ..params import parse_bool, parse_date
from .lookups import named

PARAMS = ["category", "tag", "published_after", "published_before", "featured"]
# How a compiled listing (api.listing) takes each resolved value: in a marker's place, or
# as part of the query's shape. Dates are left to querysets.
MARKED = {"category": "ids", "tag": "text"}
SHAPED = {"featured"}


def _has(related_queryset, key: str) -> Exists:
    """`EXISTS` over a relation: a page matches once however many rows match, so listings
    need no `DISTINCT` (which sorted every matching row, body included, before the limit)."""
    return Exists(related_queryset.filter(**{key: OuterRef("pk")}))


def _category_ids(slug: str, site) -> list[int]:
    """The categories with this slug: the site's own, or any site's (site=*)."""
    if site is None:
        query = compiled(
            "news categories",
            lambda slug: NewsCategory.objects.filter(slug=slug).values_list("pk", flat=True),
            TEXT_MARKER,
        )
        return query.fetch(slug)
    query = compiled(
        "news categories of a site",
        lambda slug, site_id: NewsCategory.objects.filter(slug=slug, site_id=site_id).values_list(
            "pk", flat=True
        ),
        TEXT_MARKER,
        MARKER,
    )
    return query.fetch(slug, site.pk)


def resolve_news(request: HttpRequest, site) -> dict:
    """The request's news filters as values (a 400 for any invalid one)."""
    params = request.GET
    values = {}
    if value := params.get("category"):
        site_id = site.pk if site else None
        values["category"] = named(
            request, ("categories", value, site_id), lambda: _category_ids(value, site)
        )
        if not values["category"]:
            raise bad_request(_("Chuyên mục “%(slug)s” không tồn tại.") % {"slug": value})
    if value := params.get("tag"):
        values["tag"] = value
    for name in ("published_after", "published_before"):
        if value := params.get(name):
            values[name] = parse_date(name, value)
    if value := params.get("featured"):
        values["featured"] = parse_bool("featured", value)
    return values


def apply_news(queryset, values: dict):
    if "category" in values:
        links = NewsPage.categories.through.objects.filter(
            AnyOf(F("newscategory_id"), values["category"])
        )
        queryset = queryset.filter(_has(links, "newspage_id"))
    if "tag" in values:
        tag = values["tag"]
        tagged = NewsPageTag.objects.filter(Q(tag__slug=tag) | Q(tag__name=tag))
        queryset = queryset.filter(_has(tagged, "content_object_id"))
    if "published_after" in values:
        queryset = queryset.filter(published_at__date__gte=values["published_after"])
    if "published_before" in values:
        queryset = queryset.filter(published_at__date__lte=values["published_before"])
    if "featured" in values:
        # Featured: on the portal's list, or proposed for the portal by its own site.
        featured = Q(feature_on_portal=True) | _has(PortalFeature.objects.all(), "news_page_id")
        queryset = queryset.filter(featured) if values["featured"] else queryset.exclude(featured)
    return queryset
