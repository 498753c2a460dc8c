"""Where an uncached API request spends its time (`manage.py bench_profile`).

The bench's own request sets (`targets.api_scenarios`), answered in-process by Django's test
client (no HTTP, no server) with the response cache off, so that every request runs the
view: wall time per request without a profiler, the queries (count and database time), then
one cProfile pass whose inclusive time is split into the parts listed in PARTS.

The profile counts CPU time (a busy machine makes wall time wait for a core): the parts are
this process's CPU, the database's is measured apart, and a profiler slows Python code, so
they are shares of the profiled CPU time; the plain CPU times are the ones to compare."""

import cProfile
import os
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
    ("page lookup (detail)", ["wagtail.api.v2.views:PagesAPIViewSet.get_object",
                              "api.views.pages:PagesViewSet.get_object"]),
    ("listing: count and the page's rows", ["api.pagination:Pagination.paginate_queryset",
                                            "api.views.pages:PagesViewSet.paginate_queryset"]),
    ("serializer class", ["wagtail.api.v2.views:BaseAPIViewSet.get_serializer_class"]),
    ("serialisation", ["rest_framework.serializers:Serializer.data",
                       "rest_framework.serializers:ListSerializer.data"]),
    ("  building serializer fields", ["rest_framework.serializers:Serializer.fields"]),
    ("  StreamField", ["wagtail.api.v2.serializers:StreamField.to_representation"]),
    ("    rich text sanitising", ["richtext.sanitising:clean_api_rich_text"]),
    ("    rich text expansion (links, embeds)", ["wagtail.rich_text:expand_db_html"]),
    ("  renditions", ["wagtail.images.models:AbstractImage.get_rendition",
                      "wagtail.images.models:AbstractImage.get_renditions",
                      "home.renditions:renditions_of"]),
    ("  site of each page", ["api.fields:PageSiteField.to_representation"]),
    ("  parent", ["wagtail.api.v2.serializers:PageParentField.get_attribute",
                  "wagtail.api.v2.serializers:PageParentField.to_representation",
                  "api.fields:SitePageParentField.get_attribute",
                  "api.fields:SitePageParentField.to_representation"]),
    ("  child relations (inline models)",
     ["wagtail.api.v2.serializers:ChildRelationField.to_representation"]),
    ("JSON rendering", ["rest_framework.renderers:JSONRenderer.render"]),
    ("executing queries (driver, no waiting)", ["django.db.backends.utils:CursorWrapper._execute"]),
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
    # CPU per request of this process and of its PostgreSQL backend: unlike wall time, hardly
    # changed by what else runs on a shared machine.
    cpu_ms: float = 0.0
    db_cpu_ms: float | None = None
    queries: list[int] = field(default_factory=list)
    sql_ms: list[float] = field(default_factory=list)
    bytes: int = 0
    profiled_ms: float = 0.0  # per request, under the profiler
    parts: list[tuple[str, float]] = field(default_factory=list)  # label, ms per request
    top: list[tuple[str, int, float, float]] = field(default_factory=list)


def _backend_cpu_seconds() -> float | None:
    """CPU time of this connection's PostgreSQL backend, when it runs on this machine."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:  # another machine, or not ours to read
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
    db_cpu, cpu = _backend_cpu_seconds(), time.process_time()
    for host, path in lines:
        started = time.perf_counter()
        response = _get(client, host, path)
        result.wall_ms.append((time.perf_counter() - started) * 1000)
        result.bytes += len(response.content)
    result.cpu_ms = (time.process_time() - cpu) * 1000 / len(lines)
    db_cpu_after = _backend_cpu_seconds()
    if db_cpu is not None and db_cpu_after is not None:
        result.db_cpu_ms = (db_cpu_after - db_cpu) * 1000 / len(lines)
    for host, path in lines:
        with CaptureQueriesContext(connection) as captured:
            _get(client, host, path)
        result.queries.append(len(captured.captured_queries))
        result.sql_ms.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    # CPU time, not wall time: what waits for the database (or for a core on a busy
    # machine) is not counted; the database's own CPU is measured above.
    profiler = cProfile.Profile(time.process_time)
    started = time.process_time()
    profiler.enable()
    for host, path in lines:
        _get(client, host, path)
    profiler.disable()
    result.profiled_ms = (time.process_time() - started) * 1000 / len(lines)
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
    db_cpu = "n/a" if profile.db_cpu_ms is None else f"{profile.db_cpu_ms:.1f} ms"
    write(f"  CPU per request: Python {profile.cpu_ms:.1f} ms, PostgreSQL {db_cpu}")
    write(f"  profiled: {profile.profiled_ms:.1f} ms CPU per request")
    for label, ms in profile.parts:
        share = ms / profile.profiled_ms * 100 if profile.profiled_ms else 0
        write(f"  {label:<46} {ms:7.2f} ms {share:5.1f} %")
    if profile.top:
        write("  own time (profiled), per request:")
        for where, calls, own, inclusive in profile.top:
            write(f"    {own:6.2f} ms own {inclusive:6.2f} ms incl. {calls:6d} calls  {where}")
