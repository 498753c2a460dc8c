"""Two app servers of the project behind a round-robin nginx, as production runs them
(docs/app-servers.md): two gunicorn instances sharing the test database, one Redis (one key
prefix) and one media directory, with search workers beside them. Used by the two-server
test (tests/deployment) and the soak under publishing (tests/resilience)."""

import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from benchmarks import servers
from tests.ports import free_port
from tests.resilience.services import url_of_test_database

# The bench settings (production-like, DEBUG off) with what they switch off for the load
# generator switched back on: rate limits from the environment, production's sessions (in
# the database, read through the shared cache) and MEDIA_ROOT from the environment.
SETTINGS_OVERLAY = """
from pathlib import Path

from cms.settings.bench import *  # noqa: F403
from cms.settings.env import env_bool, env_str

RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(MEDIA_ROOT)))  # noqa: F405
"""


@dataclass
class Cluster:
    a: str
    b: str
    lb: str
    redis_url: str
    key_prefix: str


def committed(change: Callable[[], None]) -> None:
    """Run `change` on a connection of its own, outside the test's transaction, so that the
    servers see it."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            change()
        except BaseException as exc:  # re-raised in the test's thread
            failures.append(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=60)
    if failures:
        raise failures[0]


def _search_worker(worker_id: str) -> list[str]:
    return [sys.executable, "manage.py", "db_worker", "--backend", "search",
            "--queue-name", "*", "--no-reload", "--worker-id", worker_id]  # fmt: skip


@contextmanager
def app_servers(workers: dict[str, str], ports: range, **env: str) -> Iterator[Cluster]:
    """Servers A and B, nginx in front, and a search worker with the given id beside each
    server named in `workers` ({"a": id, "b": id}); `env` is added to their environment."""
    overlay = Path(tempfile.mkdtemp(prefix="app-servers-settings-"))
    (overlay / "app_servers_settings.py").write_text(SETTINGS_OVERLAY, encoding="utf-8")
    key_prefix = f"app-servers-{uuid.uuid4().hex[:8]}"
    port_redis = free_port(ports)
    with ExitStack() as stack:
        stack.enter_context(servers.removing(overlay))
        media = stack.enter_context(
            servers.removing(Path(tempfile.mkdtemp(prefix="app-servers-media-")))
        )
        redis_url = stack.enter_context(servers.redis(port_redis))
        environment = servers.django_env(
            url_of_test_database(),
            DJANGO_SETTINGS_MODULE="app_servers_settings",
            PYTHONPATH=str(overlay),
            REDIS_URL=redis_url,
            CACHE_KEY_PREFIX=key_prefix,
            MEDIA_ROOT=str(media),
            **env,
        )
        port_a = free_port(range(port_redis + 1, ports.stop))
        port_b = free_port(range(port_a + 1, ports.stop))
        stack.enter_context(
            servers.gunicorns([(port_a, environment, "app-a"), (port_b, environment, "app-b")])
        )
        for server, worker_id in workers.items():
            stack.enter_context(
                servers.process(_search_worker(worker_id), environment, f"worker-{server}")
            )
        port_lb = free_port(range(port_b + 1, ports.stop))
        stack.enter_context(servers.nginx_round_robin(port_lb, [port_a, port_b]))
        yield Cluster(
            a=f"http://127.0.0.1:{port_a}",
            b=f"http://127.0.0.1:{port_b}",
            lb=f"http://127.0.0.1:{port_lb}",
            redis_url=redis_url,
            key_prefix=key_prefix,
        )
