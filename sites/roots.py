"""Which site holds a page, found along the page's own tree path (a dict or an indexed
`IN` per ancestor) instead of by testing every site: with a thousand agency sites, a scan
of every site's root for each page was the cost that grew.

A site holds a page when the site's root page is the page or one of its ancestors; when
sites are nested, the nearest root wins; of sites sharing a root page, the first in
`Site.objects`' order (`last_wins`: the last), as each caller's scan did."""

from collections.abc import Iterable

from wagtail.models import Page, Site
from wagtail.models.sites import SiteRootPath


def ancestor_paths(path: str) -> list[str]:
    """Tree paths of the page at `path` and of every page above it, top first."""
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


class SiteRoots:
    """Sites by their root page's tree path, for `site_of` a page path in O(depth)."""

    def __init__(self, sites: Iterable[Site], last_wins: bool = False) -> None:
        self.by_path: dict[str, Site] = {}
        for site in sites:
            if last_wins:
                self.by_path[site.root_page.path] = site
            else:
                self.by_path.setdefault(site.root_page.path, site)
        # The order the sites were given in, by root (a dict keeps first insertions' places).
        self.places = {path: place for place, path in enumerate(self.by_path)}

    @classmethod
    def above(cls, paths: Iterable[str], last_wins: bool = False) -> "SiteRoots":
        """The sites whose root is one of `paths` or above one: one query on the indexed
        root path, whatever the number of sites."""
        prefixes = sorted({prefix for path in paths for prefix in ancestor_paths(path)})
        if not prefixes:
            return cls([])
        sites = Site.objects.filter(root_page__path__in=prefixes).select_related("root_page")
        return cls(sites, last_wins)

    @classmethod
    def every(cls, last_wins: bool = False) -> "SiteRoots":
        """Every site: for a pass over the whole tree."""
        return cls(Site.objects.select_related("root_page"), last_wins)

    def site_of(self, path: str) -> Site | None:
        """The site whose root is the nearest ancestor of (or is) the page at `path`."""
        for prefix in reversed(ancestor_paths(path)):
            site = self.by_path.get(prefix)
            if site is not None:
                return site
        return None

    def holding(self, path: str) -> list[Site]:
        """Every site whose root is the page at `path` or above it, in the order the sites
        were given (nested sites all hold the page)."""
        roots = [prefix for prefix in ancestor_paths(path) if prefix in self.by_path]
        return [self.by_path[root] for root in sorted(roots, key=self.places.__getitem__)]


def site_root_path(path: str) -> str | None:
    """Tree path of the root of the site holding the page at `path` (None: no site)."""
    roots = Site.objects.filter(root_page__path__in=ancestor_paths(path))
    return max(roots.values_list("root_page__path", flat=True), key=len, default=None)


class IndexedRootPaths(list):
    """Wagtail's `Site.get_site_root_paths()` (in its order: the most specific first), with
    each root path's places kept by its url_path, so that the root paths of a page's sites
    are found along the segments of the page's url_path: Wagtail's
    `Page._get_relevant_site_root_paths` tests every site's for each page URL."""

    def __init__(self, root_paths: Iterable[SiteRootPath]) -> None:
        super().__init__(root_paths)
        self.places_by_url: dict[str, list[int]] = {}
        for place, root_path in enumerate(self):
            self.places_by_url.setdefault(root_path.root_path, []).append(place)

    def relevant(self, url_path: str) -> tuple[SiteRootPath, ...]:
        """What Wagtail keeps of these for a page with this url_path, in the same order."""
        places: list[int] = []
        end = url_path.find("/") + 1
        while end:
            places += self.places_by_url.get(url_path[:end], ())
            end = url_path.find("/", end) + 1
        return tuple(self[place] for place in sorted(places))


_wagtail_relevant_site_root_paths = Page._get_relevant_site_root_paths


def relevant_site_root_paths(
    page: Page, cache_object: object | None = None
) -> tuple[SiteRootPath, ...]:
    """`Page._get_relevant_site_root_paths` with the root paths kept on `cache_object` (a
    request, a batch) indexed once, so that each page URL built with it costs the depth of
    the page, not the number of sites. Without a cache object, Wagtail's own (the page reads
    every site's root path for itself anyway)."""
    if not cache_object:  # as Wagtail tells a cache object from none
        return _wagtail_relevant_site_root_paths(page, cache_object)
    return indexed_root_paths(cache_object).relevant(page.url_path)


def indexed_root_paths(cache_object: object) -> IndexedRootPaths:
    """The site root paths Wagtail keeps on `cache_object` (read from the cache on first
    use), indexed once and kept there in their place."""
    root_paths = getattr(cache_object, "_wagtail_cached_site_root_paths", None)
    if root_paths is None:
        root_paths = Site.get_site_root_paths()
    if not isinstance(root_paths, IndexedRootPaths):
        root_paths = IndexedRootPaths(root_paths)
        cache_object._wagtail_cached_site_root_paths = root_paths
    return root_paths


def index_page_urls() -> None:
    """Every page URL built with a request (templates' `pageurl`, the admin) or a batch
    object finds its sites through `IndexedRootPaths`."""
    Page._get_relevant_site_root_paths = relevant_site_root_paths
