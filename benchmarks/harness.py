"""`manage.py bench`: every scenario of docs/performance.md in one run.

Layout of a run: datasets (kept between runs); then every server at once — gunicorn with the
Redis cache (warm), the same behind nginx with the deployed API micro-cache, gunicorn without
the response cache and with cache entries of its own (cold), stock Wagtail, one cold server per
dataset for growth — and nginx with the same JSON on disk; alternating wrk rounds for the API
and growth; the search rebuild (timed, kept between runs); search; publish → searchable and
publish → visible through the micro-cache.

wrk counts every response's `X-Cache` on the gunicorn targets: a cold target must answer
`MISS` to every request (it ran the view) and the warm one `HIT` (its response cache), or the
run fails. Until 2026-12-04 the cold server shared the warm server's Redis and the response
cache still read entries with its timeout at 0, so "cold" was answered from the warm server's
entries (docs/performance.md).
"""

import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from tempfile import mkdtemp
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from wagtail.models import Site

from . import servers
from .cache_publishing import servers_cache
from .datasets import MARKERS, Scale, database_url, ensure_dataset
from .measure import Series, alternate, fetch, fetch_all, timed

# Loopback ports, from BENCH_PORT_BASE (default 8100) so that the smoke test can run beside
# a full bench.
_BASE = int(os.environ.get("BENCH_PORT_BASE", "8100"))
PORTS = {"warm": _BASE + 1, "cold": _BASE + 2, "nginx": _BASE + 3, "stock": _BASE + 4,
         "microcache": _BASE + 5, "site versions": _BASE + 6, "one version": _BASE + 7,
         "growth": _BASE + 10, "redis": _BASE + 29}  # fmt: skip
# The servers' shared cache (Redis): this process publishes through it (cache_publishing).
CACHE_PREFIX = "cms-bench"


@dataclass
class Config:
    quick: bool = False
    seed: int = 42
    db_name: str = "cms_bench"
    output: Path | None = None
    scales: list[Scale] = field(default_factory=list)
    rounds: int = 3
    seconds: float = 5
    connections: int = 16
    urls: int = 300
    publishes: int = 100
    cache_publishes: int = 5  # publish → visible through the micro-cache (each waits seconds)
    publishing_seconds: float = 30  # readers and a publish a second, per server (issue #23)
    rebuild: bool = False  # rebuild the search index even when it still holds this dataset
    # One process per core, as docs/performance.md advises for search_rebuild.
    rebuild_workers: int = field(default_factory=lambda: os.cpu_count() or 1)

    @classmethod
    def build(cls, quick: bool, **overrides) -> "Config":
        if quick:
            scales = [Scale(1, 40), Scale(2, 100, db_search_index=True, documents=20)]
            base = {"rounds": 1, "seconds": 1, "connections": 8, "urls": 30, "publishes": 3,
                    "cache_publishes": 1, "publishing_seconds": 4}  # fmt: skip
        else:
            scales = [
                Scale(1, 1000),
                Scale(5, 2000),
                Scale(50, 2000, db_search_index=True, documents=5000),
            ]
            base = {}
        return cls(quick=quick, scales=scales, **{**base, **overrides})

    @property
    def main(self) -> Scale:
        return self.scales[-1]


@dataclass
class Results:
    config: Config
    timings: dict[str, float] = field(default_factory=dict)
    api: dict[str, dict[str, Series]] = field(default_factory=dict)
    search: dict[str, dict[str, Series]] = field(default_factory=dict)
    rebuild: dict[str, float] = field(default_factory=dict)
    publish: dict[str, float] = field(default_factory=dict)
    cache_publish: dict[str, float] = field(default_factory=dict)
    cache_seconds: int = 0  # the micro-cache's validity (the API's s-maxage as deployed)
    growth: dict[str, dict[str, Series]] = field(default_factory=dict)
    checks: dict[str, int] = field(default_factory=dict)
    # "scenario/target" -> (expected X-Cache, responses carrying it, responses counted)
    cache_checks: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    # Admin screens: screen -> role -> Series, and the queries one request runs.
    admin: dict[str, dict[str, Series]] = field(default_factory=dict)
    admin_queries: dict[str, dict[str, int]] = field(default_factory=dict)
    # Response cache while publishing: "site versions" / "one version" -> counts, ratios.
    cache_under_publishing: dict[str, dict[str, float]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


def _db_for(config: Config, scale: Scale) -> str:
    return config.db_name if scale == config.main else f"{config.db_name}_{scale.label}"


def prepare_data(config: Config, results: Results, log: Callable) -> None:
    template = f"{config.db_name}_template"
    smaller = None
    for scale in config.scales:
        name = _db_for(config, scale)
        seconds, built = timed(
            lambda: ensure_dataset(name, scale, config.seed, template, log, smaller)  # noqa: B023
        )
        if built:
            results.timings[f"data {scale.label}"] = seconds
        smaller = (name, scale)
    connection.close()  # the main database may have been recreated under us


def search_code_fingerprint() -> str:
    """A hash of the index definition and of the code that builds and writes documents: a
    kept index (and its measured rebuild) stands only while neither changed."""
    import search
    from search.documents import build_index

    digest = hashlib.sha256(json.dumps(build_index("x").to_dict(), sort_keys=True).encode())
    for path in sorted(Path(search.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extract_texts() -> tuple[int, float]:
    """Read the text of every public document's file again, as a first `search_rebuild`
    does (the rebuild then reads none): how many, in how many seconds."""
    from search import files
    from search.models import DocumentText

    DocumentText.objects.all().delete()
    started = time.monotonic()
    count = files.read_texts()
    return count, time.monotonic() - started


def rebuild_search(config: Config, results: Results, log: Callable, force: bool = False) -> None:
    """Time `search_rebuild`. A run reuses the index when it still holds this dataset and
    was built by the same search code, and reports the rebuild measured when the index was
    built (with its date)."""
    from search.client import get_client
    from search.documents import alias_name
    from search.rebuild import rebuild

    marker = MARKERS / f"{config.db_name}.rebuild.json"
    dataset_marker = MARKERS / f"{config.db_name}.json"
    # Another bench process is rebuilding this index: wait for it rather than race it.
    lock = MARKERS / f"{config.db_name}.rebuilding"
    while lock.exists() and not force:
        log("waiting for the search rebuild in progress…")
        time.sleep(15)
    dataset = dataset_marker.read_text() if dataset_marker.exists() else None
    if not force and marker.exists():
        stored = json.loads(marker.read_text())
        es = get_client()
        count = (
            es.count(index=alias_name())["count"]
            if es.indices.exists_alias(name=alias_name())
            else -1
        )
        same_code = stored.get("code") == search_code_fingerprint()
        if stored.get("dataset") == dataset and same_code and count == stored["documents"]:
            results.rebuild = stored
            log(f"search index kept: rebuild measured {stored['measured_at']}")
            return
    log("search_rebuild…")
    lock.touch()
    try:
        extracted, extract_seconds = extract_texts()
        log(f"  {extracted} files read in {extract_seconds:.1f} s")
        python_before, es_before = _cpu_seconds()
        report = rebuild(workers=config.rebuild_workers)
        python_after, es_after = _cpu_seconds()
        python_cpu, es_cpu = python_after - python_before, es_after - es_before
    finally:
        lock.unlink(missing_ok=True)
    results.rebuild = {
        "files": extracted,
        "extract_seconds": extract_seconds,
        "documents": report.documents,
        "seconds": report.seconds,
        "rate": report.rate,
        "measured_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "dataset": dataset_marker.read_text() if dataset_marker.exists() else None,
        "code": search_code_fingerprint(),
        "workers": config.rebuild_workers,
        # Where the CPU went: on a machine with few cores the rate is their sum's bound.
        "python_cpu_s": python_cpu,
        "es_cpu_s": es_cpu,
    }
    marker.write_text(json.dumps(results.rebuild))
    log(f"  {report.documents} documents in {report.seconds:.1f} s: {report.rate:.0f} docs/s"
        f" (CPU: Python {python_cpu:.0f} s, Elasticsearch {es_cpu:.0f} s)")  # fmt: skip


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds so far of this process with its finished children (the rebuild's worker
    processes), and of the Elasticsearch node(s) (their own process statistics)."""
    import resource

    from search.client import get_client

    python = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF),
                      resource.getrusage(resource.RUSAGE_CHILDREN))
    )  # fmt: skip
    nodes = get_client().nodes.stats(metric="process")["nodes"].values()
    return python, sum(node["process"]["cpu"]["total_in_millis"] for node in nodes) / 1000


def _write_static(root: Path, scenario: str, bodies: list[bytes]) -> list[tuple[str, str]]:
    folder = root / scenario
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for number, body in enumerate(bodies):
        (folder / f"{number}.json").write_bytes(body)
        lines.append(("127.0.0.1", f"/{scenario}/{number}.json"))
    return lines


def _check(results: Results, name: str, responses: list[tuple[int, bytes]]) -> list[bytes]:
    bad = [status for status, _ in responses if status != 200]
    results.checks[name] = len(bad)
    if bad:
        raise RuntimeError(f"{name}: {len(bad)} of {len(responses)} requests failed: {bad[:5]}")
    return [body for _, body in responses]


FROM_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}
# The X-Cache every response of a gunicorn target must carry: the warm server answers from
# its response cache, the cold ones run the view.
EXPECTED_X_CACHE = {"project warm": "HIT", "project cold": "MISS"}


def check_x_cache(results: Results, label: str, series, expected: str) -> None:
    """Record how many of the counted responses carried `expected`; any other value (or a
    response without the header) fails the run."""
    counts = series.headers
    total = sum(counts.values())
    matching = counts.get(expected, 0)
    results.cache_checks[label] = (expected, matching, total)
    if not total or matching != total:
        results.failures[f"X-Cache {label}"] = (
            f"expected every response to be {expected}, counted {counts or 'none'}"
        )


def cache_status(port: int, host: str, path: str) -> str:
    """The micro-cache's X-Cache-Status for one GET (HIT, MISS, EXPIRED, BYPASS…)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.headers.get("X-Cache-Status", "")


def measure_api(config: Config, results: Results, log: Callable) -> None:
    from .targets import api_scenarios

    scenarios = api_scenarios(config.urls, config.seed)
    static_root = Path(mkdtemp(prefix="bench-static-"))
    # The JSON nginx serves is exactly what this project answers; fetching it also warms
    # the response cache (and the micro-cache), and checking stock's answers keeps the
    # comparison honest.
    for scenario in scenarios:
        bodies = _check(results, f"{scenario.name}/project",
                        fetch_all(PORTS["warm"], scenario.targets["project"]))  # fmt: skip
        # The cold server runs the view for the same requests (this also warms its workers):
        # it must answer exactly what the warm server cached.
        cold = _check(results, f"{scenario.name}/cold",
                      fetch_all(PORTS["cold"], scenario.targets["project"]))  # fmt: skip
        differing = sum(a != b for a, b in zip(bodies, cold, strict=True))
        if differing:
            raise RuntimeError(f"{scenario.name}: {differing} cold answers differ from warm ones")
        _check(
            results,
            f"{scenario.name}/stock",
            fetch_all(PORTS["stock"], scenario.targets["stock"][:10]),  # slow: a sample
        )
        _check(
            results,
            f"{scenario.name}/micro-cache",
            fetch_all(PORTS["microcache"], scenario.targets["project"]),
        )
        scenario.targets["nginx"] = _write_static(static_root, scenario.name, bodies)
    # The micro-cache must answer from its cache, or its numbers would be gunicorn's (an
    # expired entry is answered STALE while one request refreshes it).
    host, path = scenarios[0].targets["project"][0]
    statuses = [cache_status(PORTS["microcache"], host, path) for _ in range(2)]
    if statuses[-1] not in FROM_CACHE:
        raise RuntimeError(f"the micro-cache does not cache {path}: {statuses}")
    with servers.nginx(PORTS["nginx"], static_root), servers.removing(static_root):
        for scenario in scenarios:
            log(f"API {scenario.name}")
            series = results.api[scenario.name] = alternate(
                {
                    "project warm": (PORTS["warm"], scenario.targets["project"]),
                    "project micro-cache": (PORTS["microcache"], scenario.targets["project"]),
                    "project cold": (PORTS["cold"], scenario.targets["project"]),
                    "stock v2": (PORTS["stock"], scenario.targets["stock"]),
                    "nginx": (PORTS["nginx"], scenario.targets["nginx"]),
                },
                rounds=config.rounds,
                seconds=config.seconds,
                connections=config.connections,
                log=log,
                count_header=dict.fromkeys(EXPECTED_X_CACHE, "X-Cache"),
            )
            for target, expected in EXPECTED_X_CACHE.items():
                check_x_cache(results, f"{scenario.name}/{target}", series[target], expected)


def measure_search(config: Config, results: Results, log: Callable) -> None:
    from .targets import search_scenarios

    scenarios = {s.name: s for s in search_scenarios(config.seed)}
    for scenario in scenarios.values():
        for target, lines in scenario.targets.items():
            _check(results, f"{scenario.name}/{target}", fetch_all(PORTS["warm"], lines))
    # Latency, not throughput: a handful of concurrent citizens.
    common = {"rounds": config.rounds, "seconds": config.seconds, "connections": 4, "log": log}
    log("search: Elasticsearch vs Wagtail's database search")
    search = scenarios["search"].targets
    results.search["search"] = alternate(
        {
            "project (ES)": (PORTS["warm"], search["project"]),
            "database": (PORTS["stock"], search["database"]),
        },
        **common,
    )
    for name in ("search_all", "search_documents", "suggest"):
        if not scenarios[name].targets["project"]:  # a dataset without files
            continue
        log(name)
        results.search[name] = alternate(
            {"project (ES)": (PORTS["warm"], scenarios[name].targets["project"])}, **common
        )


def _until_found(
    port: int, host: str, path: str, token: str, started: float, interval: float
) -> float | None:
    """GET `path` every `interval` until its answer holds `token`: the seconds since
    `started`, or None after a minute."""
    while time.monotonic() - started <= 60:
        status, body = fetch(port, host, path)
        if status == 200 and token.encode() in body:
            return time.monotonic() - started
        time.sleep(interval)
    return None


def measure_publish(config: Config, results: Results, log: Callable) -> None:
    """Publish through Wagtail's revision publish (the admin's code path), then poll the
    search API until the new title is found."""
    from news.models import NewsPage

    rng = random.Random(config.seed)
    pages = NewsPage.objects.filter(url_path__contains="/bench").order_by("pk")
    ids = list(pages.values_list("pk", flat=True))
    latencies, failures = [], 0
    log(f"publish → searchable × {config.publishes}")
    # Number 0 is a warm-up, not counted: it waits for the worker process to start.
    for number in range(config.publishes + 1):
        page = NewsPage.objects.get(pk=rng.choice(ids))
        # Unique to this run: the datasets and the index are kept between runs, and a token
        # of an earlier run would be found at once.
        token = f"kiemtra{uuid.uuid4().hex[:12]}"
        # Titles are at most 255 characters; keep room for the token.
        page.title = f"{page.title.split(' kiemtra')[0][:200]} {token}"
        # From the editor's click: the publish itself (signals, commit, enqueue) counts.
        started = time.monotonic()
        page.save_revision().publish()
        host = page.get_site().hostname
        found = _until_found(PORTS["warm"], host, f"/api/v2/search/?q={quote(token)}", token,
                             started, interval=0.02)  # fmt: skip
        if found is None:
            failures += 1
        elif number:
            latencies.append(found)
    latencies.sort()
    results.publish = {
        "count": len(latencies),
        "failures": failures,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": latencies[max(0, round(len(latencies) * 0.95) - 1)] if latencies else 0.0,
        "max": latencies[-1] if latencies else 0.0,
    }
    log(f"  p50 {results.publish['p50']:.2f} s p95 {results.publish['p95']:.2f} s")


def _just_stored(host: str, path: str) -> None:
    """Return as soon as the micro-cache holds a fresh copy of `path`: the first HIT after
    a miss or a refresh (a HIT seen first may be an old entry about to expire)."""
    refreshed = False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = cache_status(PORTS["microcache"], host, path)
        if status == "HIT" and refreshed:
            return
        refreshed = status != "HIT"
        time.sleep(0.05)
    raise RuntimeError(f"the micro-cache never stored {path}")


def measure_cache_publish(config: Config, results: Results, log: Callable) -> None:
    """How long a published change takes to show through the micro-cache, at worst: the
    page is published just after its detail was stored in the cache, then fetched every
    50 ms until the new title shows. Bounded by the API's s-maxage (plus one refresh)."""
    from news.models import NewsPage

    rng = random.Random(config.seed + 1)
    pages = NewsPage.objects.filter(url_path__contains="/bench").order_by("pk")
    ids = list(pages.values_list("pk", flat=True))
    latencies, failures = [], 0
    log(f"publish → visible through the micro-cache × {config.cache_publishes}")
    for _ in range(config.cache_publishes):
        page = NewsPage.objects.get(pk=rng.choice(ids))
        host, path = page.get_site().hostname, f"/api/v2/pages/{page.pk}/"
        _just_stored(host, path)
        token = f"vuaxuatban{uuid.uuid4().hex[:12]}"  # unique to this run, as above
        page.title = f"{page.title.split(' vuaxuatban')[0][:200]} {token}"
        started = time.monotonic()
        page.save_revision().publish()
        found = _until_found(PORTS["microcache"], host, path, token, started, interval=0.05)
        if found is None:
            failures += 1
        else:
            latencies.append(found)
    results.cache_publish = {
        "count": len(latencies),
        "failures": failures,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "max": max(latencies, default=0.0),
    }
    log(f"  p50 {results.cache_publish['p50']:.2f} s max {results.cache_publish['max']:.2f} s")


def measure_cache_under_publishing(
    config: Config, results: Results, log: Callable, redis_url: str
) -> None:
    """The API scenarios' URLs read on every site while a page a second is published, on a
    server versioning its responses per site and on one with the single database version."""
    from . import cache_publishing
    from .targets import api_scenarios

    site_of = dict(Site.objects.values_list("hostname", "pk"))
    urls = [(site_of[host], host, path)
            for scenario in api_scenarios(config.urls, config.seed)
            for host, path in scenario.targets["project"]]  # fmt: skip
    main_db = database_url(config.db_name)
    specs = [
        (PORTS[name], servers.django_env(main_db, REDIS_URL=redis_url, **extra), name)
        for name, extra in (
            ("site versions", {"CACHE_KEY_PREFIX": cache_publishing.KEY_PREFIX}),
            ("one version", {"CACHE_KEY_PREFIX": "cms-bench-one", "API_CACHE_SITE_VERSIONS": "0"}),
        )
    ]
    with (
        servers.gunicorns(specs),
        cache_publishing.servers_cache(redis_url, cache_publishing.KEY_PREFIX),
    ):
        for name in ("site versions", "one version"):
            fetch_all(PORTS[name], [(host, path) for _site, host, path in urls])  # fill it
            log(f"response cache under publishing: {name}")
            results.cache_under_publishing[name] = cache_publishing.measure(
                PORTS[name], urls, config.publishing_seconds, config.seed, log
            )


def growth_servers(config: Config) -> list[tuple[int, dict, str]]:
    """One cold server (no response cache, no Redis) per dataset."""
    return [
        (
            PORTS["growth"] + number,
            servers.django_env(database_url(_db_for(config, scale)), API_CACHE_SERVER_TIMEOUT="0"),
            f"growth-{scale.label}",
        )
        for number, scale in enumerate(config.scales)
    ]


def measure_growth(config: Config, results: Results, log: Callable, request_sets) -> None:
    """Cold (no cache) detail and list latency on each scale, alternating between scales.
    The servers were started with the others (`growth_servers`)."""
    ports = {}
    lines: dict[str, dict[str, list]] = {"detail": {}, "news": {}}
    for (port, _env, _name), scale in zip(growth_servers(config), config.scales, strict=True):
        servers.wait_http(f"http://127.0.0.1:{port}/api/v2/sectors/", timeout=300)
        ports[scale.label] = port
        for scenario in request_sets[scale.label]():
            if scenario.name in lines:
                lines[scenario.name][scale.label] = scenario.targets["project"]
                # A fresh worker's first requests import and connect: not what is measured.
                _check(results, f"growth {scenario.name}/{scale.label}",
                       fetch_all(port, scenario.targets["project"][:20]))  # fmt: skip
    for name, by_scale in lines.items():
        log(f"growth {name}")
        results.growth[name] = alternate(
            {label: (ports[label], by_scale[label]) for label in by_scale},
            rounds=config.rounds,
            seconds=config.seconds,
            connections=2,
            log=log,
            count_header=dict.fromkeys(by_scale, "X-Cache"),
        )
        for label, series in results.growth[name].items():
            check_x_cache(results, f"growth {name}/{label}", series, "MISS")


def _scenarios_in(db: str, config: Config) -> Callable[[], list]:
    """Start drawing the API request sets from another bench database (a Django process of
    its own); the returned function waits for them."""
    code = (
        "import django, json; django.setup(); from benchmarks.targets import api_scenarios; "
        f"found = api_scenarios({config.urls}, {config.seed}); "
        "print(json.dumps([[s.name, s.targets] for s in found]))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ, **servers.django_env(database_url(db))},
        cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip

    def result() -> list:
        from .targets import Scenario

        stdout, stderr = proc.communicate(timeout=600)
        if proc.returncode:
            raise RuntimeError(f"request sets of {db}: {stderr[-2000:]}")
        found = json.loads(stdout.strip().splitlines()[-1])
        return [Scenario(name, name, {k: [tuple(x) for x in v] for k, v in targets.items()})
                for name, targets in found]  # fmt: skip

    return result


def measure_admin(config: Config, results: Results, log: Callable, enforce: bool = True) -> None:
    """The editors' admin screens on the main dataset, served by the warm server (the
    response cache is the API's only). Over the target fails the full run (`enforce`; the
    scale run reports it as met or missed, as its other targets)."""
    from .admin_screens import ADMIN_P95_MS
    from .admin_screens import measure_admin as measure

    results.admin, results.admin_queries = measure(
        PORTS["warm"], config.seed, rounds=config.rounds, seconds=config.seconds, log=log
    )
    for screen, roles in results.admin.items():
        for role, series in roles.items():
            p95 = series.median("p95_ms")
            if p95 > ADMIN_P95_MS and enforce and not config.quick:
                results.failures[f"admin {screen}/{role}"] = f"p95 {p95:.0f} ms > {ADMIN_P95_MS} ms"


def _phase(results: Results, log: Callable, name: str, function: Callable[[], None]) -> None:
    """Run one phase; a failure is recorded (and fails the command) but keeps the results
    of the other phases."""
    try:
        function()
    except Exception as error:  # reported, and the command exits non-zero
        results.failures[name] = f"{type(error).__name__}: {error}"
        log(f"{name} failed: {results.failures[name]}")


def run(config: Config, log: Callable[[str], None] = print) -> Results:
    """The API and growth scenarios need no search index, so they run first; search and
    publish come after the (possibly reused) rebuild."""
    results = Results(config)
    started = time.monotonic()
    clock = {"last": started}

    def lap(name: str) -> None:
        now = time.monotonic()
        results.timings[name] = now - clock["last"]
        clock["last"] = now
        log(f"[{name}: {results.timings[name]:.0f} s, {now - started:.0f} s in all]")

    prepare_data(config, results, log)
    lap("datasets")
    main_db = database_url(config.db_name)
    # The micro-cache keeps a response as long as the API's s-maxage says: as deployed.
    s_maxage = servers.deployed_setting("API_CACHE_S_MAXAGE")
    results.cache_seconds = int(s_maxage)
    request_sets = {
        scale.label: _scenarios_in(_db_for(config, scale), config) for scale in config.scales
    }
    with servers.ExitStack() as stack:
        redis_url = stack.enter_context(servers.redis(PORTS["redis"]))
        common = {
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": CACHE_PREFIX,
            "API_CACHE_S_MAXAGE": s_maxage,
        }
        # The growth servers start now too, and are waited for by their phase (a failure
        # there must not cost the other results).
        stack.enter_context(servers.gunicorns(growth_servers(config), wait=False))
        stack.enter_context(
            servers.gunicorns(
                [
                    (PORTS["warm"], servers.django_env(main_db, **common), "warm"),
                    # Cold: the same server with the response cache off, so every request
                    # runs the view, and its cache entries under a key prefix of its own:
                    # Wagtail's small caches (site roots, renditions) work as in production,
                    # and nothing the warm server stored can answer for it.
                    (
                        PORTS["cold"],
                        servers.django_env(
                            main_db,
                            **{
                                **common,
                                "API_CACHE_SERVER_TIMEOUT": "0",
                                "CACHE_KEY_PREFIX": "cms-bench-cold",
                            },
                        ),
                        "cold",
                    ),
                    # Stock Wagtail on its own server (same settings as warm): its slow
                    # requests still queued when a wrk run ends must not delay the next
                    # target's run.
                    (PORTS["stock"], servers.django_env(main_db, **common), "stock"),
                ]
            )
        )
        stack.enter_context(servers.nginx_microcache(PORTS["microcache"], PORTS["warm"]))
        lap("servers start")
        measure_api(config, results, log)
        lap("API")
        _phase(results, log, "admin", lambda: measure_admin(config, results, log))
        lap("admin screens")
        _phase(results, log, "growth", lambda: measure_growth(config, results, log, request_sets))
        lap("growth")
        rebuild_search(config, results, log, force=config.rebuild)
        lap("search rebuild (or kept)")
        measure_search(config, results, log)
        lap("search")
        # This process publishes as an app server would: through the servers' cache, where
        # the responses' versions live (api.versions).
        with (
            servers.search_worker(servers.django_env(main_db, **common)),
            servers_cache(redis_url, CACHE_PREFIX),
        ):
            _phase(results, log, "publish", lambda: measure_publish(config, results, log))
            lap("publish → searchable")
            _phase(
                results,
                log,
                "micro-cache publish",
                lambda: measure_cache_publish(config, results, log),
            )
            lap("publish → micro-cache")
            _phase(
                results,
                log,
                "cache under publishing",
                lambda: measure_cache_under_publishing(config, results, log, redis_url),
            )
            lap("response cache under publishing")
    results.timings["total"] = time.monotonic() - started
    return results
