"""`manage.py bench_scale`: the same measurements at 1k, 100k and 1M pages (issue #23).

Every dataset has 1,000 pages a site (1, 100 and 1,000 sites), so a site-scoped answer looks
at the same amount of data at every scale and its growth is the cost of the other sites'
pages. Each dataset is measured by a process of its own (`bench_scale --measure`, with that
dataset's database and search index): a warm and a cold server and the API, then its search
rebuild (kept between runs like `bench`'s), search and suggest, publish → searchable with
the search worker, and the admin screens. The scales are measured one after the other, on a machine
otherwise idle; the orchestrating process then writes one table with the growth 1M / 1k.
"""

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from . import servers
from .cache_publishing import servers_cache
from .datasets import Scale, database_url, ensure_dataset
from .harness import (
    CACHE_PREFIX,
    PORTS,
    Config,
    Results,
    _check,
    _phase,
    check_x_cache,
    measure_admin,
    measure_publish,
    rebuild_search,
)
from .measure import Series, alternate, fetch_all
from .report import machine

SCALES = [Scale(1, 1000), Scale(100, 1000), Scale(1000, 1000)]
QUICK_SCALES = [Scale(1, 20), Scale(3, 20)]
# Issue #23's targets at the largest scale.
SEARCH_P95_MS = 50
COLD_API_P95_MS = 60
GROWTH = 1.5  # largest / smallest, cold p95 of details and site-scoped listings
REBUILD_DOCS_PER_S = 2500
PUBLISH_P95_S = 1.0


@dataclass
class ScaleConfig:
    quick: bool = False
    seed: int = 42
    db_name: str = "cms_bench"  # the datasets are `<db_name>_<label>`
    index_prefix: str = "cms-bench"
    scales: list[Scale] = field(default_factory=lambda: list(SCALES))
    rounds: int = 3
    seconds: float = 5
    urls: int = 300
    publishes: int = 50
    rebuild: bool = False

    @classmethod
    def build(cls, quick: bool, **overrides) -> "ScaleConfig":
        if quick:
            base = {"scales": list(QUICK_SCALES), "rounds": 1, "seconds": 1, "urls": 20,
                    "publishes": 3}  # fmt: skip
            return cls(quick=True, **{**base, **overrides})
        return cls(**overrides)

    def database(self, scale: Scale) -> str:
        return f"{self.db_name}_{scale.label}"

    def index(self, scale: Scale) -> str:
        return f"{self.index_prefix}-{scale.label.lower()}"


def _summary(series: Series) -> dict:
    return {
        "rps": series.median("rps"),
        "p50_ms": series.median("p50_ms"),
        "p95_ms": series.median("p95_ms"),
        "p99_ms": series.median("p99_ms"),
        "errors": series.errors,
        "requests": series.requests,
    }


def prepare(config: ScaleConfig, log: Callable[[str], None]) -> dict[str, float]:
    """Every dataset, each grown from the one before: (label -> seconds) of those built."""
    built, smaller = {}, None
    for scale in config.scales:
        name = config.database(scale)
        started = time.monotonic()
        if ensure_dataset(name, scale, config.seed, f"{config.db_name}_template", log, smaller):
            built[scale.label] = time.monotonic() - started
        smaller = (name, scale)
    return built


def measure_one(config: ScaleConfig, scale: Scale, log: Callable[[str], None]) -> dict:
    """Everything on one dataset; this process runs on its database and search index."""
    from .targets import api_scenarios, search_scenarios, spanning_scenario

    bench = Config(
        quick=config.quick,
        seed=config.seed,
        db_name=config.database(scale),
        rounds=config.rounds,
        seconds=config.seconds,
        urls=config.urls,
        publishes=config.publishes,
    )
    results = Results(bench)
    db = database_url(bench.db_name)
    out: dict = {"label": scale.label, "pages": scale.total, "sites": scale.sites}
    with servers.ExitStack() as stack:
        redis_url = stack.enter_context(servers.redis(PORTS["redis"]))
        common = {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": CACHE_PREFIX}
        cold = {**common, "API_CACHE_SERVER_TIMEOUT": "0", "CACHE_KEY_PREFIX": "cms-bench-cold"}
        stack.enter_context(
            servers.gunicorns(
                [
                    (PORTS["warm"], servers.django_env(db, **common), "warm"),
                    (PORTS["cold"], servers.django_env(db, **cold), "cold"),
                ]
            )
        )
        out["api"] = {}
        scenarios = [*api_scenarios(config.urls, config.seed)]
        scenarios.append(spanning_scenario(config.urls, config.seed))
        for scenario in scenarios:
            lines = scenario.targets["project"]
            for target in ("warm", "cold"):
                _check(results, f"{scenario.name}/{target}", fetch_all(PORTS[target], lines))
            log(f"{scale.label} API {scenario.name}")
            series = alternate(
                {"warm": (PORTS["warm"], lines), "cold": (PORTS["cold"], lines)},
                rounds=config.rounds,
                seconds=config.seconds,
                connections=4,
                log=log,
                count_header={"warm": "X-Cache", "cold": "X-Cache"},
            )
            check_x_cache(results, f"{scenario.name}/warm", series["warm"], "HIT")
            check_x_cache(results, f"{scenario.name}/cold", series["cold"], "MISS")
            out["api"][scenario.name] = {t: _summary(s) for t, s in series.items()}
        # After the API, which needs no index: Elasticsearch merges segments for minutes
        # after a large load, and that work competed with the 1M run's API rounds.
        rebuild_search(bench, results, log, force=config.rebuild)
        out["rebuild"] = {k: results.rebuild.get(k) for k in ("documents", "seconds", "rate",
                          "workers", "measured_at", "python_cpu_s", "es_cpu_s")}  # fmt: skip
        out["search"] = {}
        for scenario in search_scenarios(config.seed):
            lines = scenario.targets["project"]
            if not lines:  # no files in these datasets: no document search
                continue
            _check(results, f"{scenario.name}", fetch_all(PORTS["warm"], lines))
            log(f"{scale.label} {scenario.name}")
            series = alternate(
                {"search": (PORTS["warm"], lines)},
                rounds=config.rounds,
                seconds=config.seconds,
                connections=4,
                log=log,
            )
            out["search"][scenario.name] = _summary(series["search"])
        with (
            servers.search_worker(servers.django_env(db, **common)),
            servers_cache(redis_url, CACHE_PREFIX),
        ):
            _phase(results, log, "publish", lambda: measure_publish(bench, results, log))
        out["publish"] = results.publish
        # Issue #20's bound, set for the main run's dataset: a row of the targets table here.
        _phase(results, log, "admin", lambda: measure_admin(bench, results, log, enforce=False))
        out["admin"] = {
            screen: {role: _summary(s) for role, s in roles.items()}
            for screen, roles in results.admin.items()
        }
    # Read here: the orchestrating process's own database need not exist.
    out["machine"] = machine()[:3]
    out["checks"] = results.checks
    out["cache_checks"] = results.cache_checks
    out["failures"] = results.failures
    return out


def measure_in_process(config: ScaleConfig, scale: Scale, log: Callable[[str], None]) -> dict:
    """Run `measure_one` in a child process bound to the scale's database and index."""
    output = Path(settings.VAR_DIR) / "bench" / f"scale-{scale.label}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)
    args = [sys.executable, "manage.py", "bench_scale", "--measure", scale.label,
            "--json", str(output), f"--seed={config.seed}", f"--rounds={config.rounds}",
            f"--seconds={config.seconds}"]  # fmt: skip
    args += ["--quick"] if config.quick else []
    args += ["--rebuild"] if config.rebuild else []
    env = {
        **os.environ,
        **servers.django_env(database_url(config.database(scale))),
        "ELASTICSEARCH_INDEX_PREFIX": config.index(scale),
        "BENCH_SCALE_DB_NAME": config.db_name,
    }
    process = subprocess.Popen(args, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)  # fmt: skip
    for line in process.stdout:
        log(line.rstrip("\n"))
    if process.wait() or not output.exists():
        return {"label": scale.label, "failures": {"measure": f"exit code {process.returncode}"}}
    return json.loads(output.read_text())
