"""Versions of the cached API responses, per site, and per page for details.

A cached response is stored under its URL and the versions of what it can show: the
`global` version (sites, agencies, settings, categories, sectors, media, restrictions: what
every site shows) and the version of the site it addresses, or, for `site=*`, the version
of all sites together. A page change moves the versions of the page's own sites, of the
sites whose pages link to it, and of all sites; the other sites' responses stay cached.

A page's detail shows the page, its parent (meta.parent), its address (its ancestors'
slugs) and the pages it links to, and no list of other pages: it is stored under the
global version, its own version and the details version of the site it addresses. A page
change moves the versions of the page, of its descendants and of the pages linking to it
(api.invalidation); when they are too many (`PAGE_FANOUT`: a site's home page renamed), the
details version of their sites instead. The other details of the same site stay cached.

The versions live in the default cache (Redis, shared by every app server and worker) as
random tokens, not counters: a token lost to eviction or a restart is replaced by a new
one, which can only make entries unreachable, never bring an old one back. A change moves
a version by deleting its token (`bump_now`). Without a
shared cache (API_CACHE["SITE_VERSIONS"] off), every response follows the database's one
content version (api.models.ContentVersion), which any change moves."""

import secrets
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GLOBAL = "api-version:global"
ALL_SITES = "api-version:all-sites"
# Moved by every change (as api.models.ContentVersion is): keys what each process keeps per
# version (api.tables), read with the response's versions in the same round trip.
TABLES = "api-version:tables"
ALL_DETAILS = "api-version:all-details"
PAGE_PREFIX = "api-version:page:"
# Above this many pages, a change moves their sites' details version (one key per site)
# rather than a version per page.
PAGE_FANOUT = 1000
# Page versions are made for any id asked for, including ids that do not exist: they
# expire, unlike the few site versions. A lost version only makes answers unreachable.
PAGE_VERSION_SECONDS = 24 * 3600


def site_key(site_id: int) -> str:
    return f"api-version:site:{site_id}"


def details_key(site_id: int) -> str:
    return f"api-version:details:{site_id}"


def page_key(page_id: int) -> str:
    return f"{PAGE_PREFIX}{page_id}"


def per_site() -> bool:
    return settings.API_CACHE.get("SITE_VERSIONS", False)


def scope_keys(site_id: int | None, page_id: int | None = None) -> list[str]:
    """The versions a response addressing `site_id` (None: every site) is stored under: a
    listing's, or the detail's of `page_id`."""
    if page_id is None:
        return [GLOBAL, ALL_SITES if site_id is None else site_key(site_id)]
    details = ALL_DETAILS if site_id is None else details_key(site_id)
    return [GLOBAL, details, page_key(page_id)]


_last_tables: list[str | None] = [None]


def last_tables() -> str | None:
    """The tables version this process saw last (a guess for the next request's site)."""
    return _last_tables[0]


def remember_tables(token: str) -> None:
    _last_tables[0] = token


def _token() -> str:
    # When it was made (a response's Last-Modified), then randomness.
    return f"{int(time.time())}.{secrets.token_hex(8)}"


def changed_at(tokens: list[str]) -> float:
    """When the newest of `tokens` was made (Unix time)."""
    stamps = [token.partition(".")[0] for token in tokens]
    return max((float(stamp) for stamp in stamps if stamp.isdigit()), default=0.0)


def current(keys: list[str]) -> list[str] | None:
    """The tokens of `keys`, a new one for each key the cache does not hold; None when the
    cache cannot give them (then nothing may be read from or stored in the response cache)."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            timeout = PAGE_VERSION_SECONDS if key.startswith(PAGE_PREFIX) else None
            cache.add(key, _token(), timeout=timeout)  # another server may add it first
        found.update(cache.get_many(missing))
    if any(key not in found for key in keys):
        return None
    return [found[key] for key in keys]


def bump_now(keys: Iterable[str]) -> None:
    """Move the versions of `keys` now. They are deleted, and the next request makes each a
    new token (`current`): as a lost token, never an old answer back. A deletion that Redis
    misses is retried by a task until it answers (cms.redis_cache), so a change made during
    its outage does not leave the answers stored before it in place when it returns."""
    cache.delete_many(sorted(set(keys)))


def bump(keys: Iterable[str]) -> None:
    """New tokens for `keys` once the current transaction commits (at once outside one)."""
    keys = list(keys)
    if per_site():
        transaction.on_commit(lambda: bump_now(keys))


def tables_changed() -> None:
    bump([TABLES])


def bump_pages(site_ids: Iterable[int], page_ids: Iterable[int]) -> None:
    """A page change: the listings of the sites showing it and of all sites, and the details
    of `page_ids` (beyond PAGE_FANOUT of them: every detail of those sites)."""
    site_ids, page_ids = set(site_ids), set(page_ids)
    keys = [ALL_SITES, *(site_key(site_id) for site_id in site_ids)]
    if len(page_ids) > PAGE_FANOUT:
        keys += [ALL_DETAILS, *(details_key(site_id) for site_id in site_ids)]
    else:
        keys += [page_key(page_id) for page_id in page_ids]
    bump(keys)


def bump_global() -> None:
    """A change every site may show (a site, an agency, a setting, a category, media)."""
    bump([GLOBAL])
