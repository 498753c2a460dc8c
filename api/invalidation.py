"""What a content change invalidates: the API's ETags and, if configured, CDN URLs."""

from collections.abc import Iterable
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, ReferenceIndex, Site

from news.models import PortalFeature

from . import versions
from .models import ContentVersion
from .tables import forget_tables


def tables_changed() -> None:
    """A new content version once the change is committed (it keys the tables each process
    keeps, api.tables); this process forgets its tables at once."""
    forget_tables()
    transaction.on_commit(ContentVersion.bump)
    versions.tables_changed()


def content_changed() -> None:
    """A change every site's responses may show (a site, an agency, a setting, media)."""
    tables_changed()
    versions.bump_global()


def _prefixes(url_path: str) -> list[str]:
    """Every ancestor's url_path and its own: for /home/news/a/, /, /home/, /home/news/ and
    /home/news/a/."""
    ends = [index + 1 for index, char in enumerate(url_path) if char == "/"]
    return [url_path[:end] for end in ends]


def sites_showing(url_paths: list[str]) -> list[Site]:
    """The sites whose tree holds a page at any of `url_paths` (nested roots: each of them)."""
    prefixes = {prefix for url_path in url_paths for prefix in _prefixes(url_path)}
    if not prefixes:
        return []
    return list(Site.objects.filter(root_page__url_path__in=prefixes).select_related("root_page"))


# Objects whose link to a page no API answer shows: a portal feature only selects news for
# `featured=`, answered by the news' own sites and all sites, whose versions move anyway.
LINKS_NOT_SHOWN = {PortalFeature}


def descendant_ids(pages: list[Page]) -> set[int]:
    """The ids of the pages below `pages` (one query per subtree: a page inside another's
    subtree is not asked again)."""
    ids: set[int] = set()
    tops: list[str] = []
    for page in sorted(pages, key=lambda page: page.path):
        if not page.numchild or any(page.path.startswith(top) for top in tops):
            continue
        tops.append(page.path)
        ids.update(Page.objects.descendant_of(page).values_list("pk", flat=True))
    return ids


def referring_pages(pages: list[Page], below: set[int]) -> tuple[list[tuple[int, str]], bool]:
    """The pages that link to any of `pages` or to the pages `below` them, whose URLs follow
    theirs (the reference index: chosen pages, links in rich text and blocks), as
    (id, url_path); and whether any other object links to them (a snippet may be shown by
    every site)."""
    if not pages:
        return [], False
    ids = sorted({str(page.pk) for page in pages} | {str(pk) for pk in below})
    page_type = ContentType.objects.get_for_model(Page)
    sources = set(
        ReferenceIndex.objects.filter(to_content_type=page_type, to_object_id__in=ids).values_list(
            "base_content_type_id", "object_id"
        )
    )
    page_ids = [int(object_id) for type_id, object_id in sources if type_id == page_type.pk]
    found = list(Page.objects.filter(pk__in=page_ids).values_list("pk", "url_path"))
    others = {type_id for type_id, _object_id in sources} - {page_type.pk}
    shown = [
        type_id
        for type_id in others
        if ContentType.objects.get_for_id(type_id).model_class() not in LINKS_NOT_SHOWN
    ]
    return found, bool(shown)


def api_urls_for_page(
    page: Page, url_path: str | None = None, sites: Iterable[Site] = ()
) -> list[str]:
    """The API URLs showing this page (at `url_path`, else its own) on the hosts of those of
    `sites` whose tree holds it."""
    urls = []
    path = url_path or page.url_path
    for site in sites:
        root_path = site.root_page.url_path
        if not path.startswith(root_path):
            continue
        base = site.root_url
        html_path = quote(path[len(root_path) - 1 :])
        urls += [
            f"{base}/api/v2/pages/",
            f"{base}/api/v2/pages/{page.pk}/",
            f"{base}/api/v2/menus/",
            f"{base}/api/v2/pages/find/?html_path={html_path}",
        ]
    return urls


def purge_frontend_cache(urls: list[str]) -> None:
    """Wagtail's frontend-cache purge, only when WAGTAILFRONTENDCACHE is configured."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)


def _invalidate(pages: list[Page], url_paths: list[str]) -> None:
    """The responses that can show `pages` (at `url_paths`, old and new): the listings of
    their sites, of the sites of the pages linking to them and of all sites; the details of
    the pages, of the pages below them (their parent, their address) and of the pages
    linking to them; and their URLs in the CDN."""
    tables_changed()
    below = descendant_ids(pages)
    linking, other_links = referring_pages(pages, below)
    sites = sites_showing(url_paths + [url_path for _pk, url_path in linking])
    details = {page.pk for page in pages} | below | {pk for pk, _url_path in linking}
    versions.bump_pages({site.pk for site in sites}, details)
    if other_links:
        versions.bump_global()
    urls = {url for page in pages for url in api_urls_for_page(page, sites=sites)}
    for url_path in set(url_paths) - {page.url_path for page in pages}:  # a move's old place
        urls.update(url for page in pages for url in api_urls_for_page(page, url_path, sites))
    for pk, url_path in linking:
        urls.update(
            f"{site.root_url}/api/v2/pages/{pk}/"
            for site in sites
            if url_path.startswith(site.root_page.url_path)
        )
    if len(below) <= versions.PAGE_FANOUT:  # the details below: their parent, their address
        own = [
            site
            for site in sites
            if any(path.startswith(site.root_page.url_path) for path in url_paths)
        ]
        urls.update(f"{site.root_url}/api/v2/pages/{pk}/" for site in own for pk in below)
    transaction.on_commit(lambda: purge_frontend_cache(sorted(urls)))


def page_changed(page: Page, old_url_path: str | None = None) -> None:
    _invalidate([page], [page.url_path or "", *([old_url_path] if old_url_path else [])])


def pages_changed(pages: list[Page]) -> None:
    """`page_changed` for many pages (a subtree whose privacy or address changed)."""
    if pages:
        _invalidate(pages, [page.url_path or "" for page in pages])


def sites_provisioned(pages: list[Page]) -> None:
    """Sites created in bulk with their `pages` (sites.bulk_provisioning), once for all: new
    versions (sites and agencies were saved, pages published) and the CDN purge of the
    pages' URLs."""
    tables_changed()
    # New pages have no referrers yet (ids are never reused): only the sites showing them.
    sites = sites_showing([page.url_path for page in pages])
    versions.bump_pages({site.pk for site in sites}, ())
    versions.bump_global()
    by_root = {site.root_page.url_path: site for site in sites}
    urls = []
    for page in pages:
        showing = [by_root[prefix] for prefix in _prefixes(page.url_path) if prefix in by_root]
        urls.extend(api_urls_for_page(page, sites=showing))
    transaction.on_commit(lambda: purge_frontend_cache(sorted(set(urls))))
