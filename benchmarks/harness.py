"""`manage.py bench`: every scenario of docs/performance.md in one run.

Layout of a run: datasets (kept between runs), search rebuild (timed), then the servers —
gunicorn with the Redis cache (warm), gunicorn without any cache (cold), nginx with the same
JSON on disk — and alternating wrk rounds; then search, publish → searchable and growth.
"""

import json
import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from tempfile import mkdtemp
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from . import servers
from .datasets import MARKERS, Scale, database_url, ensure_dataset
from .measure import Series, alternate, fetch, fetch_all, timed

# Loopback ports, from BENCH_PORT_BASE (default 8100) so that the smoke test can run beside
# a full bench.
_BASE = int(os.environ.get("BENCH_PORT_BASE", "8100"))
PORTS = {"warm": _BASE + 1, "cold": _BASE + 2, "nginx": _BASE + 3, "stock": _BASE + 4,
         "growth": _BASE + 10, "redis": _BASE + 29}  # fmt: skip


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
    rebuild: bool = False  # rebuild the search index even when it still holds this dataset
    rebuild_workers: int = 4

    @classmethod
    def build(cls, quick: bool, **overrides) -> "Config":
        if quick:
            scales = [Scale(1, 40), Scale(2, 100, db_search_index=True)]
            base = {"rounds": 1, "seconds": 1, "connections": 8, "urls": 30, "publishes": 3}
        else:
            scales = [Scale(1, 1000), Scale(5, 2000), Scale(50, 2000, db_search_index=True)]
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
    growth: dict[str, dict[str, Series]] = field(default_factory=dict)
    checks: dict[str, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


def _db_for(config: Config, scale: Scale) -> str:
    return config.db_name if scale == config.main else f"{config.db_name}_{scale.label}"


def prepare_data(config: Config, results: Results, log: Callable) -> None:
    template = f"{config.db_name}_template"
    for scale in config.scales:
        seconds, built = timed(
            lambda scale=scale: ensure_dataset(
                _db_for(config, scale), scale, config.seed, template, log
            )
        )
        if built:
            results.timings[f"data {scale.label}"] = seconds
    connection.close()  # the main database may have been recreated under us


def rebuild_search(config: Config, results: Results, log: Callable, force: bool = False) -> None:
    """Time `search_rebuild`. At 100k pages on a busy 2-core machine it takes longer than the
    rest of the run, so a run reuses the index when it still holds this dataset, and reports
    the rebuild measured when the index was built (with its date)."""
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
        if stored.get("dataset") == dataset and count == stored["documents"]:
            results.rebuild = stored
            log(f"search index kept: rebuild measured {stored['measured_at']}")
            return
    log("search_rebuild…")
    lock.touch()
    try:
        report = rebuild(workers=config.rebuild_workers)
    finally:
        lock.unlink(missing_ok=True)
    results.rebuild = {
        "documents": report.documents,
        "seconds": report.seconds,
        "rate": report.rate,
        "measured_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "dataset": dataset_marker.read_text() if dataset_marker.exists() else None,
    }
    marker.write_text(json.dumps(results.rebuild))
    log(f"  {report.documents} documents in {report.seconds:.1f} s: {report.rate:.0f} docs/s")


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


def measure_api(config: Config, results: Results, log: Callable) -> None:
    from .targets import api_scenarios

    scenarios = api_scenarios(config.urls, config.seed)
    static_root = Path(mkdtemp(prefix="bench-static-"))
    # The JSON nginx serves is exactly what this project answers; fetching it also warms
    # the response cache, and checking stock's answers keeps the comparison honest.
    for scenario in scenarios:
        bodies = _check(results, f"{scenario.name}/project",
                        fetch_all(PORTS["warm"], scenario.targets["project"]))  # fmt: skip
        _check(
            results,
            f"{scenario.name}/stock",
            fetch_all(PORTS["stock"], scenario.targets["stock"][:30]),
        )
        scenario.targets["nginx"] = _write_static(static_root, scenario.name, bodies)
    with servers.nginx(PORTS["nginx"], static_root), servers.removing(static_root):
        for scenario in scenarios:
            log(f"API {scenario.name}")
            results.api[scenario.name] = alternate(
                {
                    "project warm": (PORTS["warm"], scenario.targets["project"]),
                    "project cold": (PORTS["cold"], scenario.targets["project"]),
                    "stock v2": (PORTS["stock"], scenario.targets["stock"]),
                    "nginx": (PORTS["nginx"], scenario.targets["nginx"]),
                },
                rounds=config.rounds,
                seconds=config.seconds,
                connections=config.connections,
                log=log,
            )


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
    for name in ("search_all", "suggest"):
        log(name)
        results.search[name] = alternate(
            {"project (ES)": (PORTS["warm"], scenarios[name].targets["project"])}, **common
        )


def measure_publish(config: Config, results: Results, log: Callable) -> None:
    """Publish through Wagtail's revision publish (the admin's code path), then poll the
    search API until the new title is found."""
    from news.models import NewsPage

    rng = random.Random(config.seed)
    ids = list(NewsPage.objects.filter(url_path__contains="/bench").values_list("pk", flat=True))
    latencies, failures = [], 0
    log(f"publish → searchable × {config.publishes}")
    # Number 0 is a warm-up, not counted: it waits for the worker process to start.
    for number in range(config.publishes + 1):
        page = NewsPage.objects.get(pk=rng.choice(ids))
        token = f"kiemtra{config.seed}x{number}x{rng.randrange(10**9)}"
        # Titles are at most 255 characters; keep room for the token.
        page.title = f"{page.title.split(' kiemtra')[0][:200]} {token}"
        # From the editor's click: the publish itself (signals, commit, enqueue) counts.
        started = time.monotonic()
        page.save_revision().publish()
        host = page.get_site().hostname
        while True:
            status, body = fetch(PORTS["warm"], host, f"/api/v2/search/?q={quote(token)}")
            if status == 200 and token.encode() in body:
                if number:
                    latencies.append(time.monotonic() - started)
                break
            if time.monotonic() - started > 60:
                failures += 1
                break
            time.sleep(0.02)
    latencies.sort()
    results.publish = {
        "count": len(latencies),
        "failures": failures,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": latencies[max(0, round(len(latencies) * 0.95) - 1)] if latencies else 0.0,
        "max": latencies[-1] if latencies else 0.0,
    }
    log(f"  p50 {results.publish['p50']:.2f} s p95 {results.publish['p95']:.2f} s")


def measure_growth(config: Config, results: Results, log: Callable) -> None:
    """Cold (no cache) detail and list latency on each scale, alternating between scales."""

    with servers.ExitStack() as stack:
        ports = {}
        lines: dict[str, dict[str, list]] = {"detail": {}, "news": {}}
        for number, scale in enumerate(config.scales):
            db = _db_for(config, scale)
            port = PORTS["growth"] + number
            env = servers.django_env(database_url(db), API_CACHE_SERVER_TIMEOUT="0")
            stack.enter_context(servers.gunicorn(port, env, f"growth-{scale.label}"))
            ports[scale.label] = port
            scenarios = _scenarios_in(db, config)
            for scenario in scenarios:
                if scenario.name in lines:
                    lines[scenario.name][scale.label] = scenario.targets["project"]
        for name, by_scale in lines.items():
            log(f"growth {name}")
            results.growth[name] = alternate(
                {label: (ports[label], by_scale[label]) for label in by_scale},
                rounds=config.rounds,
                seconds=config.seconds,
                connections=2,
                log=log,
            )


def _scenarios_in(db: str, config: Config):
    """The API request sets drawn from another bench database."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import django, json; django.setup(); from benchmarks.targets import api_scenarios; "
        f"found = api_scenarios({config.urls}, {config.seed}); "
        "print(json.dumps([[s.name, s.targets] for s in found]))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **servers.django_env(database_url(db))},
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    from .targets import Scenario

    return [Scenario(name, name, {k: [tuple(x) for x in v] for k, v in targets.items()})
            for name, targets in json.loads(output.strip().splitlines()[-1])]  # fmt: skip


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
    prepare_data(config, results, log)
    main_db = database_url(config.db_name)
    with servers.ExitStack() as stack:
        redis_url = stack.enter_context(servers.redis(PORTS["redis"]))
        stack.enter_context(
            servers.gunicorn(
                PORTS["warm"], servers.django_env(main_db, REDIS_URL=redis_url), "warm"
            )
        )
        # Cold: the same server with the response cache off (entries expire at once), so
        # every request runs the view; Wagtail's own small caches still work as in production.
        cold = {"REDIS_URL": redis_url, "API_CACHE_SERVER_TIMEOUT": "0"}
        stack.enter_context(
            servers.gunicorn(PORTS["cold"], servers.django_env(main_db, **cold), "cold")
        )
        # Stock Wagtail on its own server (same settings as warm): its slow requests still
        # queued when a wrk run ends must not delay the next target's run.
        stack.enter_context(
            servers.gunicorn(
                PORTS["stock"], servers.django_env(main_db, REDIS_URL=redis_url), "stock"
            )
        )
        measure_api(config, results, log)
        _phase(results, log, "growth", lambda: measure_growth(config, results, log))
        rebuild_search(config, results, log, force=config.rebuild)
        measure_search(config, results, log)
        with servers.search_worker(servers.django_env(main_db, REDIS_URL=redis_url)):
            _phase(results, log, "publish", lambda: measure_publish(config, results, log))
    results.timings["total"] = time.monotonic() - started
    return results
