"""News filters: category, tag, published_after/published_before, featured."""

from django.db.models import Q
from django.utils.translation import gettext as _

from news.models import NewsCategory

from ..errors import bad_request
from ..params import parse_bool, parse_date

PARAMS = ["category", "tag", "published_after", "published_before", "featured"]


def filter_news(queryset, params, site):
    if value := params.get("category"):
        categories = NewsCategory.objects.filter(slug=value)
        if site is not None:
            categories = categories.filter(site=site)
        if not categories.exists():
            raise bad_request(_("Chuyên mục “%(slug)s” không tồn tại.") % {"slug": value})
        queryset = queryset.filter(categories__in=categories)
    if value := params.get("tag"):
        queryset = queryset.filter(Q(tags__slug=value) | Q(tags__name=value))
    if value := params.get("published_after"):
        queryset = queryset.filter(published_at__date__gte=parse_date("published_after", value))
    if value := params.get("published_before"):
        queryset = queryset.filter(published_at__date__lte=parse_date("published_before", value))
    if value := params.get("featured"):
        # Featured: on the portal's list, or proposed for the portal by its own site.
        featured = Q(feature_on_portal=True) | Q(portal_features__isnull=False)
        queryset = (
            queryset.filter(featured)
            if parse_bool("featured", value)
            else (queryset.exclude(featured))
        )
    return queryset.distinct()
