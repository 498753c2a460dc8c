"""A Redis outage (cms.redis_cache), on a real Redis frozen with SIGSTOP, as a host that stops
answering is: the API answers from the database, search is not rate-limited into errors,
readiness says `degraded`, and a change made while Redis was away does not leave the answers
cached before it in place once Redis is back (its deletions are retried by a task)."""

import os
import signal
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis as redis_py
from django.core.cache import cache
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from benchmarks import servers
from cms import redis_cache
from cms.redis_cache import SharedClientRedisCache
from tests.ports import free_port
from tests.task_worker import in_process_worker

from .world import AGENCY_HOST

pytestmark = pytest.mark.django_db

TIMEOUT = 0.3  # seconds: the socket timeouts of these tests' cache
REPLAY_TASK = "cms.redis_cache.replay_deletions"


@pytest.fixture(scope="module")
def redis_url():
    with servers.redis(free_port(range(8500, 8520))) as url:
        yield url


class Clock:
    """The cache's clock (cms.redis_cache.clock), moved by the test: its pauses after a
    failure end when the test says, not when a loaded machine gets there."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def __call__(self) -> float:
        return self.now

    def pass_pause(self) -> None:
        self.now += redis_cache.PAUSE + 1


@pytest.fixture
def clock(monkeypatch) -> Iterator[Clock]:
    fake = Clock()
    monkeypatch.setattr(redis_cache, "clock", fake)
    yield fake
    redis_cache._paused_until.clear()


@pytest.fixture
def shared_cache(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.redis_cache.SharedClientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"outage-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_timeout": TIMEOUT, "socket_connect_timeout": TIMEOUT},
        }
    }
    settings.RATELIMIT_ENABLE = True
    return redis_url


@pytest.fixture
def redis_calls(monkeypatch) -> list[str]:
    """The calls that reached for a Redis connection."""
    calls = []
    real = redis_cache.SharedClientRedisCacheClient.get_client

    def counting(self, key=None, *, write=False):
        calls.append("write" if write else "read")
        return real(self, key, write=write)

    monkeypatch.setattr(redis_cache.SharedClientRedisCacheClient, "get_client", counting)
    return calls


@contextmanager
def frozen(url: str, clock: Clock):
    """Redis stopped (not killed: its data is there when it resumes, as after a partition);
    afterwards the processes' pause after the failures is over."""
    pid = redis_py.Redis.from_url(url).info("server")["process_id"]
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)
        clock.pass_pause()


def queued_replays():
    return DBTaskResult.objects.filter(task_path=REPLAY_TASK, status="READY")


def run_replays() -> int:
    """Run the queued replays as a worker does, once their retry time has come."""
    worker = in_process_worker("pytest-replay")
    ran = 0
    for result in list(queued_replays()):
        DBTaskResult.objects.filter(pk=result.pk).update(run_after=timezone.now())
        locked = DBTaskResult.objects.ready().filter(pk=result.pk).get_locked()
        if locked is None:  # taken into the retry of another
            continue
        locked.claim(worker.worker_id)
        worker.run_task(locked)
        ran += 1
    return ran


def get(client, path):
    return client.get(path, headers={"host": AGENCY_HOST})


def test_the_api_answers_through_an_outage_and_is_not_stale_after_it(
    world, client, shared_cache, clock, redis_calls, django_capture_on_commit_callbacks
):
    page = world["news_c"].specific_class.objects.get(pk=world["news_c"].pk)
    detail = f"/api/v2/pages/{page.pk}/"
    assert get(client, detail)["X-Cache"] == "MISS"
    assert get(client, detail)["X-Cache"] == "HIT"

    with frozen(shared_cache, clock):
        redis_calls.clear()
        answers = [get(client, detail) for _ in range(5)]
        assert [answer.status_code for answer in answers] == [200] * 5
        assert all("X-Cache" not in answer for answer in answers)
        assert answers[0].json()["title"] == page.title
        # One call waited for the timeout; the others, in the pause, did not try.
        assert len(redis_calls) == 1

        search = client.get("/api/v2/search/?q=tin", headers={"host": AGENCY_HOST})
        assert search.status_code == 200

        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["status"] == "degraded"
        assert ready.json()["checks"]["cache"]["ok"] is False

        with django_capture_on_commit_callbacks(execute=True):
            page.title = "Tin C sửa khi Redis vắng"
            page.save_revision().publish()
        assert queued_replays().exists()
        assert get(client, detail).json()["title"] == "Tin C sửa khi Redis vắng"

    # Back, with the versions of before the change: the hazard the replay removes.
    stale = get(client, detail)
    assert stale["X-Cache"] == "HIT" and stale.json()["title"] != "Tin C sửa khi Redis vắng"
    assert run_replays() >= 1
    fresh = get(client, detail)
    assert fresh["X-Cache"] == "MISS"
    assert fresh.json()["title"] == "Tin C sửa khi Redis vắng"
    assert get(client, detail)["X-Cache"] == "HIT"
    assert client.get("/readyz").json()["checks"]["cache"]["ok"] is True


def test_deletions_are_retried_together_until_redis_answers(db, shared_cache, clock, redis_calls):
    cache.set_many({"muc": "cũ", "khac": "cũ"}, 60)
    # Another thread's cache object (Django makes one per thread) on the same Redis.
    other = SharedClientRedisCache(shared_cache, {"OPTIONS": {"socket_timeout": TIMEOUT}})
    with frozen(shared_cache, clock):
        redis_calls.clear()
        assert cache.get("muc", "vắng") == "vắng"
        assert other.get("muc", "vắng") == "vắng"
        assert len(redis_calls) == 1  # the pause is the process's, not the object's
        assert cache.get_many(["muc"]) == {}
        assert cache.add("moi", 1) is False
        assert cache.delete("muc") is False
        assert cache.delete_many(["khac"]) == 0
        assert queued_replays().count() == 2
        # Still away when the worker tries: one retry later carries both, none is dropped.
        assert run_replays() == 1
        retry = queued_replays().get()
        assert retry.args_kwargs["kwargs"]["attempt"] == 1
        assert len(retry.args_kwargs["args"][1]) == 2
    assert cache.get_many(["muc", "khac"]) == {"muc": "cũ", "khac": "cũ"}
    assert run_replays() == 1
    assert cache.get_many(["muc", "khac"]) == {}
    assert not queued_replays().exists()


def test_a_worker_without_that_redis_leaves_the_deletion_to_one_with_it(
    db, shared_cache, clock, settings
):
    cache.set("muc", "cũ", 60)
    with frozen(shared_cache, clock):
        # A read times out first: the deletion is then queued without being sent (a command
        # that timed out may still be carried out when Redis resumes).
        assert cache.get("muc") is None
        assert cache.delete("muc") is False
    with_redis = settings.CACHES
    # A worker still on another configuration (a rollout in progress) takes the task first.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert run_replays() == 1
    assert queued_replays().get().args_kwargs["kwargs"]["attempt"] == 1
    settings.CACHES = with_redis
    assert cache.get("muc") == "cũ"
    assert run_replays() == 1
    assert cache.get("muc") is None
    assert not queued_replays().exists()
