"""Old addresses of a reorganised site: Wagtail redirects for its pages, and a catch-all per
retired hostname for everything else."""

import time

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from ..models import RetiredHostname

CACHE_KEY = "sites:retired-hostnames"
CACHE_SECONDS = 300
# Each process keeps the list this long before asking the shared cache again: a request
# costs no round trip, and a retirement reaches the other processes within that time.
LOCAL_SECONDS = 30
# Paths that are not public pages: the API resolves old paths itself (find, redirects).
PASSED_THROUGH = ("/api/", "/admin/", "/django-admin/", "/static/", "/health")
# Probes and static files never look the list up: a liveness probe must not need the
# database or the cache.
NOT_LOOKED_UP = ("/healthz", "/readyz", "/static/", "/media/")

_local: dict = {"until": 0.0, "known": None}


def create_redirect(site: Site, path: str, page: Page) -> Redirect:
    """A permanent redirect of `path` on `site` to `page` (replacing an earlier one)."""
    redirect, _created = Redirect.objects.update_or_create(
        site=site,
        old_path=Redirect.normalise_path(path),
        defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
    )
    return redirect


def retire_hostname(hostname: str, successor: Site, reorganisation) -> None:
    RetiredHostname.objects.update_or_create(
        hostname=hostname, defaults={"successor": successor, "reorganisation": reorganisation}
    )
    transaction.on_commit(forget_retired_hostnames)


def unretire_hostname(hostname: str) -> None:
    """A retired hostname given to a site again."""
    RetiredHostname.objects.filter(hostname=hostname).delete()
    transaction.on_commit(forget_retired_hostnames)


def forget_retired_hostnames() -> None:
    _local["known"] = None
    cache.delete(CACHE_KEY)


def retired_hostnames() -> dict[str, str]:
    """Retired hostname → its successor's root URL, kept briefly in this process and in the
    shared cache."""
    now = time.monotonic()
    known = _local["known"]
    if known is not None and now < _local["until"]:
        return known
    known = cache.get(CACHE_KEY)
    if known is None:
        rows = RetiredHostname.objects.select_related("successor")
        known = {row.hostname: row.successor.root_url for row in rows}
        cache.set(CACHE_KEY, known, CACHE_SECONDS)
    _local.update(known=known, until=now + LOCAL_SECONDS)
    return known


class RetiredHostMiddleware:
    """A retired hostname answers 301 to the same path on its successor: at once when no
    site has that hostname any more (a renamed site), and for what the old site and its
    redirects no longer serve (404) when the old site is kept for its redirects."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(NOT_LOOKED_UP):
            return self.get_response(request)
        successor = self._successor(request)
        if successor is None:
            return self.get_response(request)
        if not Site.objects.filter(hostname=request.get_host().split(":")[0]).exists():
            return HttpResponsePermanentRedirect(successor + request.get_full_path())
        response = self.get_response(request)
        if response.status_code == 404 and not request.path.startswith(PASSED_THROUGH):
            return HttpResponsePermanentRedirect(successor + request.get_full_path())
        return response

    @staticmethod
    def _successor(request: HttpRequest) -> str | None:
        try:
            host = request.get_host()
        except DisallowedHost:  # Django answers it further on
            return None
        return retired_hostnames().get(host.split(":")[0].lower())
