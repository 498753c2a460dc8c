"""What a content change invalidates: the API's ETags and, if configured, CDN URLs."""

from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from .models import ContentVersion
from .tables import forget_tables


def content_changed() -> None:
    """A new content version once the change is committed; this process forgets its
    per-version tables at once."""
    forget_tables()
    transaction.on_commit(ContentVersion.bump)


def api_urls_for_page(
    page: Page, url_path: str | None = None, sites: list[Site] | None = None
) -> list[str]:
    """The API URLs showing this page on every host it can be reached through."""
    urls = []
    for site in sites if sites is not None else Site.objects.select_related("root_page"):
        base = site.root_url
        urls += [
            f"{base}/api/v2/pages/",
            f"{base}/api/v2/pages/{page.pk}/",
            f"{base}/api/v2/menus/",
        ]
        root_path = site.root_page.url_path
        path = url_path or page.url_path
        if path.startswith(root_path):
            html_path = quote(path[len(root_path) - 1 :])
            urls.append(f"{base}/api/v2/pages/find/?html_path={html_path}")
    return urls


def purge_frontend_cache(urls: list[str]) -> None:
    """Wagtail's frontend-cache purge, only when WAGTAILFRONTENDCACHE is configured."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)


def page_changed(page: Page, old_url_path: str | None = None) -> None:
    content_changed()
    urls = api_urls_for_page(page)
    if old_url_path:
        urls += api_urls_for_page(page, old_url_path)
    transaction.on_commit(lambda: purge_frontend_cache(sorted(set(urls))))


def pages_changed(pages: list[Page]) -> None:
    """`page_changed` for many pages (a subtree whose privacy changed), reading the sites once."""
    if not pages:
        return
    content_changed()
    sites = list(Site.objects.select_related("root_page"))
    urls = {url for page in pages for url in api_urls_for_page(page, sites=sites)}
    transaction.on_commit(lambda: purge_frontend_cache(sorted(urls)))
