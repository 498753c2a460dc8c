"""The results as the Markdown of docs/performance.md: the machine, the tables, the targets."""

import os
import platform
import re
import subprocess
from datetime import UTC, datetime

import django
import wagtail
from django.db import connection

from search.client import get_client

from .harness import Results
from .measure import Series, ratio
from .servers import cores

TITLES = {
    "detail": "Chi tiết trang — `/api/v2/pages/{id}/`",
    "news": "Danh sách tin theo chuyên mục — `?type=news.NewsPage&category=…`",
    "procedures": "Thủ tục theo lĩnh vực — `?type=procedures.ProcedurePage&sector=…`",
    "search": "Tìm kiếm trong một trang (có dấu / không dấu)",
    "search_all": "Tìm kiếm trên mọi trang (`site=*`)",
    "search_documents": "Tìm biểu mẫu, tệp đính kèm (`type=document&site=*`)",
    "suggest": "Gợi ý khi gõ (`/api/v2/search/suggest/`)",
}


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        return 0.0


def _version(args: list[str]) -> str:
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=10)
    except OSError:
        return "?"
    return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else "?"


def _redis_version() -> str:
    # "Redis server v=7.0.15 sha=… malloc=…"
    found = re.search(r"v=(\S+)", _version(["redis-server", "--version"]))
    return found.group(1) if found else "?"


def machine() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    try:
        es = get_client().nodes.info(node_id="_local")["nodes"]
        es_version = next(iter(es.values()))["version"]
    except Exception:  # the report is still useful without it
        es_version = "?"
    return [
        f"- CPU: {_cpu()}, {cores()} cores; RAM {_memory_gib():.0f} GiB; "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, Django {django.__version__}, "
        f"Wagtail {wagtail.__version__}; PostgreSQL {postgres}; Elasticsearch {es_version}",
        f"- Server: gunicorn, {cores()} sync workers, `cms.settings.bench` (DEBUG off); "
        f"cache: Redis {_redis_version()}; "
        f"nginx: {_version(['nginx', '-v'])}; load: {_version(['wrk', '--version'])[:30]}",
        "- Micro-cache: nginx with `deploy/nginx-api-cache.conf` and the `proxy_cache_path` of "
        "`deploy/nginx.conf`, in front of the warm server, whose responses carry the deployed "
        "`API_CACHE_S_MAXAGE`.",
        "- Shared machine: other work ran at the same time, which is why every comparison "
        "alternates its targets round by round and reports the median.",
    ]


def _row(name: str, series: Series) -> str:
    return (
        f"| {name} | {series.median('rps'):,.0f} | {series.median('p50_ms'):.1f} | "
        f"{series.median('p95_ms'):.1f} | {series.median('p99_ms'):.1f} | {series.errors} |"
    )


def _table(series: dict[str, Series]) -> list[str]:
    lines = [
        "| Target | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [_row(name, s) for name, s in series.items()]
    return lines


# Uncached throughput against stock Wagtail's (same data and settings), and latency.
COLD_TARGETS = {"detail": 3, "news": 5, "procedures": 5}
COLD_DETAIL_P95_MS = 60


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def admin_targets(results: Results) -> list[tuple[str, str, str, bool]]:
    from .admin_screens import ADMIN_CONNECTIONS, ADMIN_P95_MS

    return [
        (f"admin {screen} ({role}) p95 ≤ {ADMIN_P95_MS} ms", f"{series.median('p95_ms'):.1f} ms",
         f"median p95, {ADMIN_CONNECTIONS} people at once", series.median("p95_ms") <= ADMIN_P95_MS)
        for screen, roles in results.admin.items()
        for role, series in roles.items()
    ]  # fmt: skip


def admin_table(results: Results) -> list[str]:
    """One row per screen and role, with the queries one request runs."""
    from .admin_screens import SCREENS

    titles = dict(SCREENS)
    lines = [
        "| Screen | Role | req/s | p50 ms | p95 ms | p99 ms | queries | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for screen, roles in results.admin.items():
        for role, s in roles.items():
            queries = results.admin_queries.get(screen, {}).get(role, "?")
            lines.append(
                f"| {titles[screen]} (`{screen}`) | {role} | {s.median('rps'):,.1f} | "
                f"{s.median('p50_ms'):.1f} | {s.median('p95_ms'):.1f} | "
                f"{s.median('p99_ms'):.1f} | {queries} | {s.errors} |"
            )
    return lines


def targets(results: Results) -> list[tuple[str, str, str, bool]]:
    """(target, measured, how, met) rows."""
    rows = []
    direct, cached = "req/s ratio, gunicorn direct", "req/s ratio, nginx micro-cache → gunicorn"
    for name, series in results.api.items():
        warm_stock = ratio(series, "project warm", "stock v2")
        warm_nginx = ratio(series, "project warm", "nginx")
        cold_stock = ratio(series, "project cold", "stock v2")
        rows += [
            (f"{name}: warm ≥ 5× stock v2", f"{warm_stock:.1f}×", direct, warm_stock >= 5),
            (f"{name}: warm ≥ 1/3 nginx", f"{warm_nginx:.2f}", direct, warm_nginx >= 1 / 3),
        ]
        if "project micro-cache" in series:
            cache_stock = ratio(series, "project micro-cache", "stock v2")
            cache_nginx = ratio(series, "project micro-cache", "nginx")
            rows += [
                (
                    f"{name}: warm via micro-cache ≥ 5× stock v2",
                    f"{cache_stock:.1f}×",
                    cached,
                    cache_stock >= 5,
                ),
                (
                    f"{name}: warm via micro-cache ≥ 1/3 nginx",
                    f"{cache_nginx:.2f}",
                    cached,
                    cache_nginx >= 1 / 3,
                ),
            ]
        # Uncached (every response X-Cache: MISS, checked): what a busy portal serves after
        # each publish, since one content version covers every site.
        least = COLD_TARGETS[name]
        rows.append(
            (f"{name}: cold (uncached) ≥ {least}× stock v2", f"{cold_stock:.2f}×", direct,
             cold_stock >= least),
        )  # fmt: skip
        if name == "detail":
            p95 = series["project cold"].median("p95_ms")
            rows.append(
                (f"detail: cold (uncached) p95 ≤ {COLD_DETAIL_P95_MS} ms", f"{p95:.1f} ms",
                 f"median p95, {results.config.connections} connections",
                 p95 <= COLD_DETAIL_P95_MS),
            )  # fmt: skip
    rows += admin_targets(results)
    if "search" in results.search:
        search = results.search["search"]
        p95 = search["project (ES)"].median("p95_ms")
        faster = ratio(search, "database", "project (ES)", "p95_ms")
        rows += [
            ("search p95 ≤ 50 ms", f"{p95:.1f} ms", "median p95", p95 <= 50),
            ("search ≥ 5× faster than database search", f"{faster:.1f}×", "p95 ratio", faster >= 5),
        ]
    if "search_all" in results.search:
        p95 = results.search["search_all"]["project (ES)"].median("p95_ms")
        rows.append(("search on every site p95 ≤ 50 ms", f"{p95:.1f} ms", "median p95", p95 <= 50))
    if "search_documents" in results.search:
        p95 = results.search["search_documents"]["project (ES)"].median("p95_ms")
        rows.append(("document search p95 ≤ 50 ms", f"{p95:.1f} ms", "median p95", p95 <= 50))
    if results.rebuild:
        rate = results.rebuild["rate"]
        rows.append(
            ("search_rebuild ≥ 2,000 docs/s", f"{rate:,.0f} docs/s", "wall clock", rate >= 2000)
        )
    if results.publish:
        p95 = results.publish["p95"]
        ok = p95 <= 2 and not results.publish["failures"]
        rows.append(
            (
                "publish → searchable p95 ≤ 2 s",
                f"{p95:.2f} s",
                f"{results.publish['count']} publishes",
                ok,
            )
        )
    if results.cache_publish:
        # nginx counts validity in whole seconds, and one refresh has to come back.
        bound = results.cache_seconds + 2
        worst = results.cache_publish["max"]
        ok = worst <= bound and not results.cache_publish["failures"]
        rows.append(
            (
                f"publish → visible through the micro-cache ≤ {bound} s (s-maxage + 2 s)",
                f"{worst:.2f} s",
                f"slowest of {results.cache_publish['count']} publishes",
                ok,
            )
        )
    versions = results.cache_under_publishing.get("site versions")
    if versions:
        rows.append(
            (
                "response cache, other sites' traffic under a publish a second ≥ 95 %",
                f"{versions['other_ratio']:.1%}",
                f"{versions['other']} answers, {versions['publishes']} publishes",
                versions["other_ratio"] >= 0.95,
            )
        )
    if "detail" in results.growth:
        labels = list(results.growth["detail"])
        first, last = labels[0], labels[-1]
        growth = ratio(results.growth["detail"], last, first, "p50_ms")
        rows.append(
            (
                f"detail latency at {last} ≤ 1.5× at {first}",
                f"{growth:.2f}×",
                "p50 ratio",
                growth <= 1.5,
            )
        )
    return rows


def render(results: Results, notes: str = "") -> str:
    config = results.config
    main = config.main
    out = [
        f"Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {'quick' if config.quick else 'full'} mode, "
        f"{main.total:,} pages ({main.sites} sites × {main.pages}), seed {config.seed}, "
        f"{config.rounds} alternating rounds × {config.seconds:g} s per target, "
        f"{results.timings.get('total', 0) / 60:.1f} min in all.",
        "",
        "Targets: *project warm* is gunicorn answered directly (Redis response cache); "
        "*project micro-cache* is the same server behind nginx with the deployed API "
        f"micro-cache, whose responses may be up to {results.cache_seconds} s old "
        "(the API's s-maxage).",
        "",
        "### Machine",
        "",
        *machine(),
        "",
        "### Targets",
        "",
        "| Target | Measured | How | Verdict |",
        "| --- | ---: | --- | --- |",
    ]
    out += [f"| {t} | {m} | {h} | {_verdict(ok)} |" for t, m, h, ok in targets(results)]
    if results.cache_checks:
        out += [
            "",
            "### Cache check",
            "",
            "Every response of the gunicorn targets, counted by wrk during the measured runs: "
            "the cold targets must run the view (`X-Cache: MISS`), the warm one answer from "
            "its response cache (`HIT`).",
            "",
            "| Scenario / target | Expected `X-Cache` | Responses with it | Verdict |",
            "| --- | --- | ---: | --- |",
        ]
        out += [
            f"| {label} | {expected} | {matching:,} of {total:,} | "
            f"{_verdict(bool(total) and matching == total)} |"
            for label, (expected, matching, total) in results.cache_checks.items()
        ]
    out += ["", f"### API ({config.connections} connections, {main.total:,} pages)", ""]
    for name, series in results.api.items():
        out += [f"#### {TITLES[name]}", "", *_table(series), ""]
    if results.admin:
        from .admin_screens import ADMIN_CONNECTIONS

        out += [
            f"### Admin screens ({ADMIN_CONNECTIONS} editors at once, {main.total:,} pages)",
            "",
            *admin_table(results),
            "",
        ]
    out += ["### Search (4 connections)", ""]
    for name, series in results.search.items():
        out += [f"#### {TITLES[name]}", "", *_table(series), ""]
    if results.rebuild:
        r = results.rebuild
        out += [
            "### Indexing",
            "",
            f"`search_rebuild --workers {r.get('workers', '?')}`: {r['documents']:,} documents "
            f"in {r['seconds']:.1f} s = **{r['rate']:,.0f} docs/s** "
            f"(measured {r.get('measured_at', 'in this run')}).",
            "",
        ]
        if r.get("python_cpu_s") is not None and r["documents"]:
            python_ms = r["python_cpu_s"] / r["documents"] * 1000
            es_ms = r["es_cpu_s"] / r["documents"] * 1000
            out += [f"CPU per document: Python {python_ms:.2f} ms, Elasticsearch {es_ms:.2f} ms.",
                    ""]  # fmt: skip
        if r.get("files"):
            rate = r["files"] / r["extract_seconds"] if r["extract_seconds"] else 0.0
            out += [
                f"Text of the files (PDF, DOCX), read before that rebuild: {r['files']:,} files "
                f"in {r['extract_seconds']:.1f} s = **{rate:,.1f} files/s**; rebuild with "
                f"documents, files read included: {r['extract_seconds'] + r['seconds']:.1f} s.",
                "",
            ]
    if results.publish:
        p = results.publish
        out += [
            "### Publish → searchable",
            "",
            f"{p['count']} publishes (failures: {p['failures']}): p50 **{p['p50']:.2f} s**, "
            f"p95 **{p['p95']:.2f} s**, max {p['max']:.2f} s.",
            "",
        ]
    if results.cache_publish:
        p = results.cache_publish
        out += [
            "### Publish → visible through the micro-cache",
            "",
            f"{p['count']} publishes (failures: {p['failures']}), the page's detail cached "
            f"in nginx first (s-maxage {results.cache_seconds} s): p50 **{p['p50']:.2f} s**, "
            f"max **{p['max']:.2f} s**.",
            "",
        ]
    if results.cache_under_publishing:
        out += [
            "### Response cache under publishing",
            "",
            "Readers on every site (the API scenarios' URLs, 4 connections) while a page a "
            "second is published, each time on the next site. *Other sites' traffic*: answers "
            "whose site had no publish since the same URL's previous answer. *Same site's "
            "other details*: details, on a site that had a publish, of the pages not published.",
            "",
            "| Server | answers | publishes | other sites' traffic | from the cache | same "
            "site's other details | from the cache | all answers from the cache | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, found in results.cache_under_publishing.items():
            out.append(
                f"| {name} | {found['answers']} | {found['publishes']} | {found['other']} | "
                f"**{found['other_ratio']:.1%}** | {found.get('site_details', 0)} | "
                f"{found.get('site_details_ratio', 0.0):.1%} | {found['all_ratio']:.1%} | "
                f"{found['errors']} |"
            )
        out.append("")
    if results.growth:
        out += ["### Growth (no cache, 2 connections)", ""]
        for name, series in results.growth.items():
            out += [f"#### {TITLES[name]}", "", *_table(series), ""]
    if results.timings:
        out += ["### Timings", ""]
        out += [f"- {name}: {seconds:.0f} s" for name, seconds in results.timings.items()]
        out.append("")
    if results.failures:
        out += ["### Failed phases", ""]
        out += [f"- {name}: {error}" for name, error in results.failures.items()]
        out.append("")
    if notes:
        out += [notes.strip(), ""]
    return "\n".join(out)


def total_errors(results: Results) -> int:
    groups = [*results.api.values(), *results.search.values(), *results.growth.values(),
              *results.admin.values()]  # fmt: skip
    return (
        sum(s.errors for group in groups for s in group.values())
        + results.publish.get("failures", 0)
        + sum(found["errors"] for found in results.cache_under_publishing.values())
        + len(results.failures)
    )
