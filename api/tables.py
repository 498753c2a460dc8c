"""Small tables every API request reads (the sites with their roots and agencies, the page view
restrictions, what is hidden from anonymous callers), kept in each server process for one
content version.

The content version moves on every change to a site, an agency, a restriction or a page
(api.signal_handlers): the tables version in the shared cache when responses are versioned
per site (api.versions, read with them in one round trip), else the database's
(api.models.ContentVersion). The response cache middleware reads it at the start of each
request; a table loaded under one version is what the database held under it. The process
that makes a change drops its tables at once (`forget_tables`), before the new version is
even committed.
"""

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath

from sites.roots import IndexedRootPaths
from sites.visibility import OutsideSites, Visibility, outside_sites

from . import versions
from .caching import is_cacheable
from .models import ContentVersion

T = TypeVar("T")


class PerVersion(Generic[T]):
    """A value loaded once per content version in this process."""

    instances: list["PerVersion"] = []

    def __init__(self, load: Callable[[], T]):
        self._load = load
        self._entry: tuple[int, T] | None = None
        self._lock = threading.Lock()
        PerVersion.instances.append(self)

    def get(self, version: int | str) -> T:
        entry = self._entry
        if entry is None or entry[0] != version:
            with self._lock:
                entry = self._entry
                if entry is None or entry[0] != version:
                    entry = self._entry = (version, self._load())
        return entry[1]

    def forget(self) -> None:
        self._entry = None


class KeptPerVersion(Generic[T]):
    """Values made on demand under keys and kept for one content version in this process, at
    most `limit` of them (all dropped past it: a version rarely lives that long)."""

    def __init__(self, limit: int):
        self._table: PerVersion[dict] = PerVersion(dict)
        self.limit = limit

    def get(self, request: HttpRequest, key: Hashable, make: Callable[[], T]) -> T:
        values = self._table.get(content_version(request))
        try:
            return values[key]  # a value may be None
        except KeyError:
            pass
        value = make()
        if len(values) >= self.limit:
            values.clear()
        values[key] = value  # another thread may clear the table before it is read back
        return value

    def count(self, request: HttpRequest) -> int:
        return len(self._table.get(content_version(request)))


def forget_tables() -> None:
    """Drop every table of this process (a change was just made here)."""
    for table in PerVersion.instances:
        table.forget()


def content_version(request: HttpRequest) -> int | str:
    """The content version the request is answered under: the one the response cache read
    (api.caching), read here for requests it does not handle. With per-site versions, the
    tables version kept with them in the shared cache (api.versions), else the database's."""
    version = getattr(request, "api_content_version", None)
    if version is None:
        tokens = versions.current([versions.TABLES]) if versions.per_site() else None
        version = tokens[0] if tokens else ContentVersion.current().version
        request.api_content_version = version
    return version


@dataclass
class SiteIndex:
    """Every site with its root page and agency, indexed the ways requests look them up."""

    sites: list[Site]
    root_paths: IndexedRootPaths  # Wagtail's Site.get_site_root_paths()
    by_host_port: dict[tuple[str, int], Site] = field(default_factory=dict)
    by_host: dict[str, list[Site]] = field(default_factory=dict)
    by_root_path: dict[str, Site] = field(default_factory=dict)
    root_lengths: list[int] = field(default_factory=list)  # longest first
    default: Site | None = None
    site_paths: tuple[str, ...] = ()  # every site's root page path, in the sites' order
    _outside: OutsideSites | None = None

    @property
    def outside(self) -> OutsideSites:
        """The pages below no site root (sites.visibility), read once per version."""
        if self._outside is None:
            self._outside = outside_sites(self.site_paths)
        return self._outside

    def __post_init__(self) -> None:
        for site in self.sites:
            self.by_host_port[(site.hostname, site.port)] = site
            self.by_host.setdefault(site.hostname, []).append(site)
            self.by_root_path[site.root_page.path] = site
            if site.is_default_site:
                self.default = site
        self.root_lengths = sorted({len(path) for path in self.by_root_path}, reverse=True)
        self.site_paths = tuple(site.root_page.path for site in self.sites)

    def root_paths_of(self, url_path: str) -> tuple[SiteRootPath, ...]:
        """The root paths of the sites a page with this url_path belongs to, in Wagtail's
        order: what Page._get_relevant_site_root_paths keeps of every site's."""
        return self.root_paths.relevant(url_path)

    def for_host(self, hostname: str, port: int) -> Site | None:
        """The site Wagtail's Site.find_for_request picks for this host and port: the exact
        hostname and port, else the default site when it has this hostname, else the only
        site with this hostname, else the default site."""
        exact = self.by_host_port.get((hostname, port))
        if exact is not None:
            return exact
        default = self.default
        if default is not None and default.hostname == hostname:
            return default
        named = self.by_host.get(hostname, [])
        if len(named) == 1:
            return named[0]
        return default

    def of_path(self, path: str) -> Site | None:
        """The site whose root is the nearest ancestor of (or is) a tree path."""
        for length in self.root_lengths:
            site = self.by_root_path.get(path[:length])
            if site is not None and len(path) >= length:
                return site
        return None


def _load_sites() -> SiteIndex:
    # The manager's order (by name, then hostname), as Site.objects lists them elsewhere.
    sites = list(Site.objects.select_related("root_page", "agency"))
    return SiteIndex(sites=sites, root_paths=IndexedRootPaths(Site.get_site_root_paths()))


def _hidden_from_anonymous() -> tuple[tuple[str, ...], frozenset[int]]:
    anonymous = Visibility.anonymous()
    return anonymous.hidden_paths, anonymous.hidden_collections


_sites = PerVersion(_load_sites)
_restrictions = PerVersion(lambda: list(PageViewRestriction.objects.select_related("page")))
_anonymous = PerVersion(_hidden_from_anonymous)


def site_index(request: HttpRequest) -> SiteIndex:
    return _sites.get(content_version(request))


def view_restrictions(request: HttpRequest) -> list[PageViewRestriction]:
    """Every page view restriction (whether the caller passes one is decided per request)."""
    return _restrictions.get(content_version(request))


def visibility(request: HttpRequest) -> Visibility:
    """The request's `Visibility` (sites.visibility: the one rule of what the public sees),
    given what this process keeps per content version: the page restrictions and the site
    roots, and for an anonymous caller, whom every restriction keeps out alike, what is
    hidden from it. Whether a visitor with a session passes a restriction is still decided
    for its request."""
    found = Visibility.for_request(request)
    if not getattr(request, "_api_visibility_tables", False):
        request._api_visibility_tables = True
        version = content_version(request)
        sites = _sites.get(version)
        tables = {
            "page_restrictions": _restrictions.get(version),
            "site_paths": sites.site_paths,
            "outside": sites.outside,
        }
        if is_cacheable(request):
            tables["hidden_paths"], tables["hidden_collections"] = _anonymous.get(version)
        found.preload(**tables)
    return found


def site_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's Site.find_for_request without its query, kept on the request as Wagtail
    keeps it (so later callers of find_for_request get the same site), with the site root
    paths of this version."""
    if not hasattr(request, "_wagtail_site"):
        index = site_index(request)
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = index.for_host(hostname, int(request.get_port()))
        # Wagtail reads every site's root path from the cache (a round trip and the whole
        # list unpickled) for each URL it builds with the request.
        request._wagtail_cached_site_root_paths = index.root_paths
    return request._wagtail_site


def forget_site(request: HttpRequest) -> None:
    """Drop the site `site_for_request` found (under an older version) for the request."""
    for name in ("_wagtail_site", "_wagtail_cached_site_root_paths"):
        request.__dict__.pop(name, None)


def with_root_paths(request: HttpRequest, page: Page) -> Page:
    """Give `page` the root paths of its own sites under this version, so that its URLs need
    no cache read (Wagtail reads every site's from the cache once per page instance
    otherwise, then tests each of them)."""
    if not hasattr(page, "_wagtail_cached_site_root_paths"):
        page._wagtail_cached_site_root_paths = site_index(request).root_paths_of(
            page.url_path or ""
        )
    return page
