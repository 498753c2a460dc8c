"""News filters: category, tag, published_after/published_before, featured."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from home.compiled import MARKER, TEXT_MARKER, compiled
from news.models import NewsCategory, NewsPage, NewsPageTag, PortalFeature

from ..errors import bad_request
from ..params import parse_bool, parse_date

PARAMS = ["category", "tag", "published_after", "published_before", "featured"]


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


def filter_news(queryset, params, site):
    if value := params.get("category"):
        category_ids = _category_ids(value, site)
        if not category_ids:
            raise bad_request(_("Chuyên mục “%(slug)s” không tồn tại.") % {"slug": value})
        links = NewsPage.categories.through.objects.filter(newscategory_id__in=category_ids)
        queryset = queryset.filter(_has(links, "newspage_id"))
    if value := params.get("tag"):
        tagged = NewsPageTag.objects.filter(Q(tag__slug=value) | Q(tag__name=value))
        queryset = queryset.filter(_has(tagged, "content_object_id"))
    if value := params.get("published_after"):
        queryset = queryset.filter(published_at__date__gte=parse_date("published_after", value))
    if value := params.get("published_before"):
        queryset = queryset.filter(published_at__date__lte=parse_date("published_before", value))
    if value := params.get("featured"):
        # Featured: on the portal's list, or proposed for the portal by its own site.
        featured = Q(feature_on_portal=True) | _has(PortalFeature.objects.all(), "news_page_id")
        queryset = (
            queryset.filter(featured)
            if parse_bool("featured", value)
            else (queryset.exclude(featured))
        )
    return queryset
