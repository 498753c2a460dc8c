"""Read-side queries of the news app, used by the home pages and the demo loader."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from wagtail.models import Site

from sites.roots import SiteRoots

from .models import NewsPage


def _published_news() -> QuerySet[NewsPage]:
    return NewsPage.objects.live().public().select_related("featured_image")


def latest_news(sites: Iterable[Site] | None = None, limit: int = 10) -> list[NewsPage]:
    """Live public news of the given sites (None: every site), newest first.

    Each page gets a `source_site` attribute, so listings can say where it comes from.
    """
    news = _published_news()
    if sites is not None:
        roots = [
            site.root_page.path
            for site in Site.objects.filter(pk__in=[site.pk for site in sites]).select_related(
                "root_page"
            )
        ]
        if not roots:
            return []
        in_sites = Q()
        for path in roots:
            in_sites |= Q(path__startswith=path)
        news = news.filter(in_sites)
    return attach_source_sites(list(news.order_by("-published_at", "-pk")[:limit]))


def portal_featured_news(limit: int = 5) -> list[NewsPage]:
    """The news the portal's editors featured, in their order; drafts and private pages are
    left out even while their feature record still exists."""
    news = _published_news().filter(portal_features__isnull=False)
    return attach_source_sites(
        list(news.order_by("portal_features__sort_order", "-published_at")[:limit])
    )


def attach_source_sites(pages: list[NewsPage]) -> list[NewsPage]:
    """Set `page.source_site` to the site whose tree holds the page, with one query on the
    pages' ancestors (not a read of every site)."""
    roots = SiteRoots.above(page.path for page in pages)
    for page in pages:
        page.source_site = roots.site_of(page.path)
    return pages
