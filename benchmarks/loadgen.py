"""The load generator: wrk (Debian's package) on loopback, driven by wrk/paths.lua."""

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SCRIPT = Path(__file__).parent / "wrk" / "paths.lua"


@dataclass
class Run:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    # With `count_header`: how many responses carried each value of it ("-": absent).
    headers: dict[str, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def write_targets(targets: list[tuple[str, ...]]) -> Path:
    """A file of "host path [cookie]" lines for the Lua script."""
    with tempfile.NamedTemporaryFile(
        "w", prefix="bench-paths-", suffix=".txt", delete=False, encoding="utf-8"
    ) as handle:
        handle.writelines(" ".join(line) + "\n" for line in targets)
    return Path(handle.name)


def wrk(
    port: int,
    paths: Path,
    *,
    seconds: float,
    connections: int,
    threads: int = 2,
    count_header: str | None = None,
) -> Run:
    """One wrk run against 127.0.0.1:`port`; errors count socket errors and non-2xx/3xx.
    `count_header`: count the values of this response header (see wrk/paths.lua)."""
    threads = min(threads, connections)
    env = {**os.environ, "WRK_PATHS": str(paths)}
    if count_header:
        env["WRK_COUNT_HEADER"] = count_header
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(SCRIPT),
            f"http://127.0.0.1:{port}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    errors = sum(data[key] for key in ("connect", "read", "write", "status", "timeout"))
    return Run(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=errors,
        p50_ms=data["p50"] / 1000,
        p95_ms=data["p95"] / 1000,
        p99_ms=data["p99"] / 1000,
        headers=data.get("headers", {}),
    )
