"""Where an uncached API request spends its time (`manage.py bench_profile`).

The bench's own request sets (`targets.api_scenarios`), answered in-process by Django's test
client (no HTTP, no server) with the response cache off, so that every request runs the
view: wall time per request without a profiler, the queries (count and database time), then
one cProfile pass whose inclusive time is split into the parts listed in PARTS.

A profiler slows Python code more than it slows waiting on the database, so the parts are
given as shares of the profiled time; the wall times are the ones to compare."""

import cProfile
import pstats
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

# (label, "module:qualified.name" of functions whose inclusive time it is); an indented label
# is a part of the one above it.
PARTS = [
    ("content version (ETag)", ["api.models:ContentVersion.current"]),
    ("site of the request (Host, site=)", ["api.scoping:requested_site"]),
    ("public page queryset (restrictions, scope)", ["api.scoping:public_pages"]),
    ("page lookup (detail)", ["wagtail.api.v2.views:PagesAPIViewSet.get_object"]),
    ("listing count", ["api.pagination:Pagination.paginate_queryset"]),
    ("serializer class", ["wagtail.api.v2.views:BaseAPIViewSet.get_serializer_class"]),
    ("serialisation", ["rest_framework.serializers:Serializer.data",
                       "rest_framework.serializers:ListSerializer.data"]),
    ("  building serializer fields", ["rest_framework.serializers:Serializer.fields"]),
    ("  StreamField", ["wagtail.api.v2.serializers:StreamField.to_representation"]),
    ("    rich text sanitising", ["richtext.sanitising:clean_api_rich_text"]),
    ("    rich text expansion (links, embeds)", ["wagtail.rich_text:expand_db_html"]),
    ("  renditions", ["wagtail.images.models:AbstractImage.get_rendition",
                      "wagtail.images.models:AbstractImage.get_renditions"]),
    ("  site of each page", ["api.fields:PageSiteField.to_representation"]),
    ("  parent", ["wagtail.api.v2.serializers:PageParentField.get_attribute",
                  "wagtail.api.v2.serializers:PageParentField.to_representation"]),
    ("  child relations (inline models)",
     ["wagtail.api.v2.serializers:ChildRelationField.to_representation"]),
    ("JSON rendering", ["rest_framework.renderers:JSONRenderer.render"]),
    ("SQL round trips (all queries)", ["django.db.backends.utils:CursorWrapper._execute"]),
]  # fmt: skip


def _code_key(path: str) -> tuple[str, int, str] | None:
    """The (file, line, name) under which cProfile records the function at `path`."""
    module_name, _, qualname = path.partition(":")
    try:
        target = import_module(module_name)
        for part in qualname.split("."):
            target = getattr(target, part) if not isinstance(target, dict) else target[part]
    except (ImportError, AttributeError):
        return None
    for attribute in ("fget", "func", "__func__"):
        target = getattr(target, attribute, target)
    code = getattr(target, "__code__", None)
    return (code.co_filename, code.co_firstlineno, code.co_name) if code else None


@dataclass
class Profile:
    name: str
    requests: int
    wall_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sql_ms: list[float] = field(default_factory=list)
    bytes: int = 0
    profiled_ms: float = 0.0  # per request, under the profiler
    parts: list[tuple[str, float]] = field(default_factory=list)  # label, ms per request
    top: list[tuple[str, int, float, float]] = field(default_factory=list)


def _get(client: Client, host: str, path: str):
    response = client.get(path, headers={"host": host})
    if response.status_code != 200:
        raise RuntimeError(f"{host}{path}: {response.status_code} {response.content[:200]!r}")
    if response.get("X-Cache", "MISS") != "MISS":
        raise RuntimeError(f"{host}{path} was answered from the response cache")
    return response


def profile_requests(
    name: str, lines: list[tuple[str, str]], *, warmup: int = 10, top: int = 0
) -> Profile:
    """Profile `lines` (host, path), each answered once per pass after `warmup` requests."""
    client = Client()
    result = Profile(name, len(lines))
    for host, path in lines[:warmup]:
        _get(client, host, path)
    for host, path in lines:
        started = time.perf_counter()
        response = _get(client, host, path)
        result.wall_ms.append((time.perf_counter() - started) * 1000)
        result.bytes += len(response.content)
    for host, path in lines:
        with CaptureQueriesContext(connection) as captured:
            _get(client, host, path)
        result.queries.append(len(captured.captured_queries))
        result.sql_ms.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for host, path in lines:
        _get(client, host, path)
    profiler.disable()
    result.profiled_ms = (time.perf_counter() - started) * 1000 / len(lines)
    stats = pstats.Stats(profiler).stats
    for label, paths in PARTS:
        keys = {key for key in map(_code_key, paths) if key}
        seconds = sum(stats[key][3] for key in keys if key in stats)
        result.parts.append((label, seconds * 1000 / len(lines)))
    if top:
        own = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
        result.top = [
            (f"{key[0].rsplit('/site-packages/', 1)[-1]}:{key[1]}({key[2]})", value[1],
             value[2] * 1000 / len(lines), value[3] * 1000 / len(lines))
            for key, value in own
        ]  # fmt: skip
    return result


def profile_api(
    scenarios: list[str], count: int, seed: int, stock: bool, top: int = 0
) -> list[Profile]:
    from .targets import api_scenarios

    found = {s.name: s for s in api_scenarios(count, seed)}
    results = []
    # The response cache off, exactly as the bench's cold server runs.
    with override_settings(API_CACHE={**settings.API_CACHE, "SERVER_TIMEOUT": 0}):
        for name in scenarios:
            results.append(profile_requests(name, found[name].targets["project"], top=top))
            if stock:
                lines = found[name].targets["stock"]
                results.append(profile_requests(f"{name} (stock v2)", lines, top=top))
    return results


def render(profile: Profile, write: Callable[[str], None]) -> None:
    wall = sorted(profile.wall_ms)
    p95 = wall[max(0, round(len(wall) * 0.95) - 1)]
    write(
        f"{profile.name}: {profile.requests} requests, wall p50 {statistics.median(wall):.1f} ms "
        f"p95 {p95:.1f} ms, {statistics.median(profile.queries):.0f} queries "
        f"(max {max(profile.queries)}), SQL {statistics.mean(profile.sql_ms):.1f} ms, "
        f"{profile.bytes / profile.requests / 1024:.1f} KiB per response"
    )
    write(f"  profiled: {profile.profiled_ms:.1f} ms per request")
    for label, ms in profile.parts:
        share = ms / profile.profiled_ms * 100 if profile.profiled_ms else 0
        write(f"  {label:<46} {ms:7.2f} ms {share:5.1f} %")
    if profile.top:
        write("  own time (profiled), per request:")
        for where, calls, own, inclusive in profile.top:
            write(f"    {own:6.2f} ms own {inclusive:6.2f} ms incl. {calls:6d} calls  {where}")
