"""Throwaway service instances for fault tests. The shared PostgreSQL (5432) and
Elasticsearch (9200) are never stopped: each test stops and starts its own copy.
Failing to start one fails the test (pytest.fail), it never skips."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
IS_ROOT = os.geteuid() == 0


def run_checked(command: list[str], env: dict | None = None, timeout: float = 300) -> str:
    done = subprocess.run(
        command,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


class ThrowawayElasticsearch:
    """A second single-node cluster via scripts/elasticsearch (HTTP `port`, transport
    `port + 100`), with its own data under `root`."""

    def __init__(self, port: int, root: str, heap: str = "512m"):
        self.url = f"http://127.0.0.1:{port}"
        self.env = {"ES_PORT": str(port), "ES_ROOT": root, "ES_HEAP": heap}

    def start(self) -> None:
        run_checked([str(ROOT / "scripts/elasticsearch"), "start"], self.env, timeout=400)

    def stop(self) -> None:
        run_checked([str(ROOT / "scripts/elasticsearch"), "stop"], self.env, timeout=120)


def elasticsearch_from_env() -> ThrowawayElasticsearch:
    root = os.environ.get("SOAK_ES_ROOT") or (
        "/var/lib/cms/es-soak" if IS_ROOT else str(Path.home() / ".cache/cms/es-soak")
    )
    return ThrowawayElasticsearch(int(os.environ.get("SOAK_ES_PORT", "9330")), root)


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own (initdb in a temporary directory, run as the postgres
    user when we are root), on loopback `port`, with the role and database `cms`."""

    def __init__(self, port: int):
        self.port = port
        self.bindir = self._bindir()
        self.dir = Path(tempfile.mkdtemp(prefix="cms-pg-"))
        self.data = self.dir / "data"
        self.url = f"postgres://cms:cms@127.0.0.1:{port}/cms"

    @staticmethod
    def _bindir() -> Path:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not versions:
            pytest.fail("PostgreSQL server binaries not found (scripts/postgres installs them)")
        return versions[-1].parent

    def _as_postgres(self, *command: str, timeout: float = 120) -> str:
        prefix = ["runuser", "-u", "postgres", "--"] if IS_ROOT else []
        return run_checked([*prefix, *command], timeout=timeout)

    def init(self) -> None:
        if IS_ROOT:
            shutil.chown(self.dir, "postgres")
        self._as_postgres(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        self.start()
        psql = [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U"]
        self._as_postgres(*psql, "postgres", "-c", "CREATE ROLE cms LOGIN CREATEDB PASSWORD 'cms'")
        self._as_postgres(*psql, "postgres", "-c", "CREATE DATABASE cms OWNER cms")

    def start(self) -> None:
        self._as_postgres(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
            "-l", str(self.dir / "server.log"),
            "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1",
            "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._as_postgres(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"
        )

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop(mode="immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def url_of_test_database() -> str:
    """The test database's URL, for child processes (workers, backup) that must share it."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def manage(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


class Process:
    """A child process (worker, server) with its output in a file, ended by its own pid."""

    def __init__(self, command: list[str], env: dict, log: Path):
        self.log = log
        self._out = log.open("ab")
        self.proc = subprocess.Popen(
            command, env={**os.environ, **env}, cwd=ROOT, stdout=self._out, stderr=self._out
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def terminate(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self._out.close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def wait_for(predicate, timeout: float, interval: float = 0.5, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


class ElasticsearchCluster:
    """A cluster of `nodes` nodes via `scripts/elasticsearch cluster`: node i on HTTP
    `http_port + i - 1` and transport `transport_port + i - 1`, data under `root`."""

    def __init__(
        self,
        root: str,
        nodes: int = 3,
        http_port: int = 9341,
        transport_port: int = 9351,
        heap: str = "384m",
    ):
        self.root = root
        self.nodes = nodes
        self.urls = [f"http://127.0.0.1:{http_port + i}" for i in range(nodes)]
        self.url = ",".join(self.urls)  # what ELASTICSEARCH_URL takes
        self.env = {
            "ES_CLUSTER_ROOT": root,
            "ES_CLUSTER_NODES": str(nodes),
            "ES_CLUSTER_HTTP_PORT": str(http_port),
            "ES_CLUSTER_TRANSPORT_PORT": str(transport_port),
            "ES_CLUSTER_HEAP": heap,
        }

    def _run(self, *args: str | int, timeout: float) -> str:
        command = [str(ROOT / "scripts/elasticsearch"), "cluster", *map(str, args)]
        return run_checked(command, self.env, timeout=timeout)

    def start(self, *nodes: int) -> None:
        """Start `nodes` (default: all) and wait until they have joined."""
        self._run("start", *nodes, timeout=400)

    def kill(self, node: int) -> None:
        """SIGKILL the node's java process: no shutdown, its data stays as it was."""
        self._run("kill", node, timeout=60)

    def stop(self, *nodes: int) -> None:
        self._run("stop", *nodes, timeout=120)

    def destroy(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def cluster_from_env() -> ElasticsearchCluster:
    """A 3-node cluster on SOAK_ES_CLUSTER_PORT (9341…, transport 9351…), with a data
    directory of its own for this run."""
    base = os.environ.get("SOAK_ES_CLUSTER_ROOT") or (
        "/var/lib/cms/es-cluster" if IS_ROOT else str(Path.home() / ".cache/cms/es-cluster")
    )
    port = int(os.environ.get("SOAK_ES_CLUSTER_PORT", "9341"))
    root = Path(base) / f"run-{os.getpid()}-{int(time.time())}"
    return ElasticsearchCluster(str(root), http_port=port, transport_port=port + 10)


@contextmanager
def search_settings(prefix: str, **overrides) -> Iterator[str]:
    """This process's Elasticsearch client with `overrides` of settings.ELASTICSEARCH and a
    fresh index prefix (yielded); its indices are deleted and the settings restored after."""
    from search.client import get_client  # the app, once Django is set up

    live = dict(settings.ELASTICSEARCH)
    prefix = f"{prefix}-{uuid.uuid4().hex[:6]}"
    # A generous timeout: a node that has just started can be slow to create the index.
    settings.ELASTICSEARCH.update(INDEX_PREFIX=prefix, TIMEOUT=30, **overrides)
    get_client.cache_clear()
    try:
        yield prefix
        get_client().indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
    finally:
        settings.ELASTICSEARCH.update(live)
        get_client.cache_clear()
