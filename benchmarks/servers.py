"""The processes under test, started and stopped by the harness: gunicorn (the production
WSGI server, one worker per core, DEBUG off), nginx serving JSON files (the hardware's upper
bound), nginx with the deployed API micro-cache in front of gunicorn, Redis (scripts/redis)
and the search sync worker."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def cores() -> int:
    return os.cpu_count() or 1


def wait_http(url: str, timeout: float = 60, host: str | None = None) -> None:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status < 500:
                    return
        except OSError as exc:  # connection refused while starting, HTTP errors
            if getattr(exc, "code", 500) < 500:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not come up: {exc}") from exc
        time.sleep(0.2)


@contextmanager
def process(args: list[str], env: dict | None = None, log_name: str = "process"):
    """Run `args` for the duration of the block; its output goes to a log file that is
    shown when the process died on its own."""
    log_path = Path(tempfile.mkstemp(prefix=f"bench-{log_name}-", suffix=".log")[1])
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            args,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=BASE_DIR,
        )
        try:
            yield proc
        finally:
            died = proc.poll() is not None and not getattr(proc, "stopping", False)
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    if died:
        sys.stderr.write(
            f"{log_name} exited early:\n{log_path.read_text(errors='replace')[-3000:]}"
        )
    log_path.unlink(missing_ok=True)


def django_env(database_url: str, **extra: str) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_INDEX_PREFIX": settings.ELASTICSEARCH["INDEX_PREFIX"],
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def _gunicorn_args(port: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "cms.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(cores()),
        "--worker-class", "sync",
        "--backlog", "2048",
        # Django imported once in the master, not once per worker: many servers start at once.
        "--preload",
        "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        "--log-level", "warning",
    ]  # fmt: skip


@contextmanager
def gunicorns(specs: list[tuple[int, dict, str]], wait: bool = True):
    """Start several servers (port, environment, name) at once, then (`wait`) wait for all
    of them: each takes seconds to import Django, and they start side by side."""
    with ExitStack() as stack:
        procs = [stack.enter_context(process(_gunicorn_args(port), env, name))
                 for port, env, name in specs]  # fmt: skip
        try:
            for port, _env, _name in specs if wait else []:
                # Starting takes long on a busy machine (imports, first database connection).
                wait_http(f"http://127.0.0.1:{port}/api/v2/sectors/", timeout=300)
            yield procs
        finally:
            # Stopping takes gunicorn a second or two: all of them at once, not in turn.
            for proc in procs:
                proc.stopping = proc.poll() is None
                proc.terminate()


@contextmanager
def gunicorn(port: int, env: dict, name: str):
    with gunicorns([(port, env, name)]) as procs:
        yield procs[0]


# Both nginx configurations: as many workers as cores, everything under `prefix`, the same
# connection settings (wrk keeps its connections for the whole run).
NGINX_MAIN = """
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
"""
NGINX_HTTP = """
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;"""

NGINX_CONF = (
    NGINX_MAIN
    + """
http {{"""
    + NGINX_HTTP
    + """
  types {{ application/json json; }}
  default_type application/json;
  server {{
    listen 127.0.0.1:{port} reuseport;
    root {root};
    location / {{ try_files $uri =404; }}
  }}
}}
"""
)


DEPLOY_DIR = BASE_DIR / "deploy"

MICROCACHE_CONF = (
    NGINX_MAIN
    + """
http {{"""
    + NGINX_HTTP
    + """
  {cache_path}
  upstream cms_app {{
    server 127.0.0.1:{upstream};
    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{port} reuseport;
    include {snippet};
  }}
}}
"""
)


def deployed_setting(name: str) -> str:
    """A value of deploy/systemd/cms.env.example, the production environment."""
    text = (DEPLOY_DIR / "systemd" / "cms.env.example").read_text(encoding="utf-8")
    found = re.search(rf"^{name}=(.*)$", text, re.M)
    if not found:
        raise LookupError(f"{name} is not set in deploy/systemd/cms.env.example")
    return found.group(1).strip()


def microcache_config(port: int, upstream: int, prefix: Path) -> str:
    """An nginx.conf with the deployed API micro-cache (deploy/nginx-api-cache.conf, included
    as it is, and the `proxy_cache_path` of deploy/nginx.conf with its directory moved under
    `prefix`) on 127.0.0.1:`port`, in front of gunicorn on `upstream`."""
    deployed = (DEPLOY_DIR / "nginx.conf").read_text(encoding="utf-8")
    found = re.search(r"^proxy_cache_path\s+\S+(\s.*;)$", deployed, re.M)
    if not found:
        raise LookupError("deploy/nginx.conf has no proxy_cache_path")
    return MICROCACHE_CONF.format(
        workers=cores(),
        prefix=prefix,
        cache_path=f"proxy_cache_path {prefix / 'api-cache'}{found.group(1)}",
        upstream=upstream,
        port=port,
        snippet=DEPLOY_DIR / "nginx-api-cache.conf",
    )


@contextmanager
def _nginx(port: int, config: Callable[[Path], str]):
    prefix = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    conf = prefix / "nginx.conf"
    conf.write_text(config(prefix), encoding="utf-8")
    user = ["-g", "daemon off; user root;"] if os.geteuid() == 0 else ["-g", "daemon off;"]
    try:
        args = ["nginx", "-p", str(prefix), "-c", str(conf), *user]
        with process(args, log_name="nginx") as proc:
            wait_http(f"http://127.0.0.1:{port}/missing")
            yield proc
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def nginx(port: int, root: Path):
    """nginx serving the files under `root`."""
    return _nginx(
        port,
        lambda prefix: NGINX_CONF.format(workers=cores(), prefix=prefix, port=port, root=root),
    )


def nginx_microcache(port: int, upstream: int):
    """nginx with the deployed API micro-cache, in front of gunicorn on `upstream`."""
    return _nginx(port, lambda prefix: microcache_config(port, upstream, prefix))


ROUND_ROBIN_CONF = (
    NGINX_MAIN
    + """
http {{"""
    + NGINX_HTTP
    + """
  upstream cms_apps {{
{servers}
    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{port} reuseport;
    location / {{
      proxy_pass http://cms_apps;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # Which app server answered: the tests check that both take turns.
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""
)


def round_robin_config(port: int, upstreams: list[int], prefix: Path) -> str:
    """An nginx.conf on 127.0.0.1:`port` sending requests to the app servers on `upstreams`
    in turn (nginx's default balancing), as a load balancer in front of several would."""
    servers = "\n".join(f"    server 127.0.0.1:{upstream};" for upstream in upstreams)
    return ROUND_ROBIN_CONF.format(workers=cores(), prefix=prefix, servers=servers, port=port)


def nginx_round_robin(port: int, upstreams: list[int]):
    """nginx balancing round-robin over the app servers on `upstreams`."""
    return _nginx(port, lambda prefix: round_robin_config(port, upstreams, prefix))


@contextmanager
def removing(path: Path):
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def redis(port: int):
    script = BASE_DIR / "scripts" / "redis"
    env = {**os.environ, "REDIS_PORT": str(port)}
    subprocess.run([str(script), "start"], env=env, check=True, capture_output=True)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        subprocess.run([str(script), "stop"], env=env, check=False, capture_output=True)


@contextmanager
def search_worker(env: dict):
    """The search sync worker exactly as `make run` starts it."""
    args = [sys.executable, "manage.py", "db_worker", "--backend", "search",
            "--queue-name", "*", "--no-reload"]  # fmt: skip
    with process(args, env, "search-worker") as proc:
        yield proc


__all__ = [
    "ExitStack",
    "cores",
    "deployed_setting",
    "gunicorn",
    "gunicorns",
    "microcache_config",
    "nginx",
    "nginx_microcache",
    "nginx_round_robin",
    "redis",
    "removing",
    "round_robin_config",
    "search_worker",
    "wait_http",
]
