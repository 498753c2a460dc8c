"""Alternating measurement: every round runs each target once, in turn, so that a noisy
neighbour slows all of them alike and the per-round ratios hold."""

import statistics
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .loadgen import Run, write_targets, wrk


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        values = [getattr(run, attribute) for run in self.runs]
        return statistics.median(values) if values else 0.0

    @property
    def errors(self) -> int:
        return sum(run.errors for run in self.runs)

    @property
    def requests(self) -> int:
        return sum(run.requests for run in self.runs)

    @property
    def headers(self) -> dict[str, int]:
        """The counted header's values over all runs (empty when none was counted)."""
        merged: dict[str, int] = {}
        for run in self.runs:
            for value, count in run.headers.items():
                merged[value] = merged.get(value, 0) + count
        return merged


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is the answer (the admin's login page for a lost session)


_admin_opener = urllib.request.build_opener(_NoRedirect)


def fetch(
    port: int, host: str, path: str, cookie: str = "", timeout: float = 30
) -> tuple[int, bytes]:
    headers = {"Host": host, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        opener = _admin_opener if cookie else urllib.request.build_opener()
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def fetch_all(port: int, lines: list[tuple[str, ...]], workers: int = 4) -> list[tuple[int, bytes]]:
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda line: fetch(port, *line), lines))


def alternate(
    targets: dict[str, tuple[int, list[tuple[str, ...]]]],
    *,
    rounds: int,
    seconds: float,
    connections: int,
    log: Callable[[str], None] = print,
    count_header: dict[str, str] | None = None,
) -> dict[str, Series]:
    """`targets`: name -> (port, request lines). Returns each target's runs.
    `count_header`: target name -> a response header whose values wrk counts."""
    count_header = count_header or {}
    files = {name: write_targets(lines) for name, (_port, lines) in targets.items()}
    series = {name: Series() for name in targets}
    try:
        for number in range(rounds):
            for name, (port, _lines) in targets.items():
                run = wrk(
                    port,
                    files[name],
                    seconds=seconds,
                    connections=connections,
                    count_header=count_header.get(name),
                )
                series[name].runs.append(run)
                counted = f" {count_header[name]} {run.headers}" if name in count_header else ""
                log(
                    f"  round {number + 1}/{rounds} {name:>14}: {run.rps:8.0f} req/s "
                    f"p50 {run.p50_ms:6.1f} ms p95 {run.p95_ms:6.1f} ms errors {run.errors}"
                    f"{counted}"
                )
    finally:
        for path in files.values():
            Path(path).unlink(missing_ok=True)
    return series


def ratio(series: dict[str, Series], top: str, bottom: str, attribute: str = "rps") -> float:
    """The median over rounds of the per-round ratio top/bottom."""
    pairs = zip(series[top].runs, series[bottom].runs, strict=True)
    values = [
        getattr(a, attribute) / getattr(b, attribute) for a, b in pairs if getattr(b, attribute)
    ]
    return statistics.median(values) if values else 0.0


def timed(function: Callable[[], object]) -> tuple[float, object]:
    started = time.monotonic()
    result = function()
    return time.monotonic() - started, result
