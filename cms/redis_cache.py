"""Django's Redis cache backend, with one redis-py client per connection pool, that fails soft.

Django builds a new `redis.Redis` for every cache call, and redis-py's constructor fills a
table of some 170 response callbacks each time: about a third of a millisecond of CPU per
call, several calls per API request. A client only wraps its pool and is thread-safe, so
one per pool serves every call of the process.

Redis is a cache, so its outage must not take the site down: when it does not answer, reads
miss and writes are dropped, every request is answered from the database (slower, still
right) and rate limits fail open (RATELIMIT_FAIL_OPEN). A deletion is different: it is an
invalidation (api.versions moves the API's versions by deleting them), and a key that could
not be deleted would still be there, stale, when Redis comes back. Failed deletions are
queued as a task, durable in PostgreSQL, that a worker retries until Redis answers
(`replay_deletions`). After a failure the process leaves Redis alone for `PAUSE` seconds
instead of waiting for a timeout on every call (a host that drops packets)."""

import hashlib
import logging
import threading
from datetime import timedelta
from time import monotonic as clock

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds a process skips Redis after a failed call.
PAUSE = 2.0
# Seconds between the retries of a queued deletion: doubling up to REPLAY_MAX, which bounds
# how long a stale entry can outlive Redis's return.
REPLAY_BASE, REPLAY_MAX = 1, 10
# Retries left to a worker that has the Redis when the one running the task has not (about
# five minutes).
REPLAY_ELSEWHERE_ATTEMPTS = 35
# The backend whose workers run the retries: the search workers run on every deployment.
REPLAY_BACKEND = "search"


# Per process and Redis, not per cache object: Django makes a cache object per thread, and a
# server that runs each request in a thread of its own would otherwise wait for a timeout on
# every request.
_paused_until: dict[str, float] = {}
_pause_lock = threading.Lock()


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        # Names this Redis in queued tasks without writing its URL (and password) to them.
        self.name = hashlib.sha256("|".join(servers).encode()).hexdigest()[:16]
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _soft(self, call, fallback, *args):
        """`call(*args)`, or `fallback` when Redis fails or is paused after a failure."""
        if clock() < _paused_until.get(self.name, 0.0):
            return fallback
        try:
            return call(*args)
        except RedisError as error:
            with _pause_lock:
                first = clock() >= _paused_until.get(self.name, 0.0)
                _paused_until[self.name] = clock() + PAUSE
            if first:  # one line per pause, not one per call
                logger.warning("Redis unavailable (%s); cache bypassed for %s s", error, PAUSE)
            return fallback

    def get(self, key, default):
        return self._soft(super().get, default, key, default)

    def get_many(self, keys):
        return self._soft(super().get_many, {}, keys)

    def has_key(self, key):
        return self._soft(super().has_key, False, key)

    def add(self, key, value, timeout):
        return self._soft(super().add, False, key, value, timeout)

    def set(self, key, value, timeout):
        self._soft(super().set, None, key, value, timeout)

    def set_many(self, data, timeout):
        self._soft(super().set_many, None, data, timeout)

    def touch(self, key, timeout):
        return self._soft(super().touch, False, key, timeout)

    def incr(self, key, delta):
        # None: django-ratelimit counts nothing and, with RATELIMIT_FAIL_OPEN, lets it pass.
        return self._soft(super().incr, None, key, delta)

    def delete(self, key):
        return self.delete_many([key]) > 0

    def delete_many(self, keys):
        if not keys:
            return 0
        deleted = self._soft(self.delete_now, None, keys)
        if deleted is None:
            queue_deletions(self.name, list(keys))
            return 0
        return deleted

    def delete_now(self, keys: list[str]) -> int:
        """Delete `keys` (made keys): how many there were. Raises RedisError when Redis does
        not answer."""
        return self.get_client(write=True).delete(*keys)


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def ping(self) -> None:
        """One round trip to Redis, past the failing soft: raises when it does not answer
        (the readiness check, health.checks.cache)."""
        self._cache.get_client(write=True).ping()

    def delete_many(self, keys, version=None):
        # Django's returns None; the count tells a caller whether Redis answered.
        keys = [self.make_and_validate_key(key, version=version) for key in keys]
        return self._cache.delete_many(keys)


def queue_deletions(name: str, keys: list[str], attempt: int = 0) -> None:
    """Retry deleting `keys` from the Redis `name`d later, in a task worker."""
    run_after = timezone.now() + timedelta(seconds=min(REPLAY_BASE * 2**attempt, REPLAY_MAX))
    try:
        replay_deletions.using(run_after=run_after).enqueue(name, keys, attempt=attempt)
    except Exception:
        # The database is away too: the entries expire with their timeouts.
        logger.exception("cache deletions not queued: %s", keys)


def _cache_named(name: str) -> SharedClientRedisCache | None:
    for alias in settings.CACHES:
        backend = caches[alias]
        if isinstance(backend, SharedClientRedisCache) and backend._cache.name == name:
            return backend
    return None


def _take_waiting(name: str) -> list[str]:
    """The keys of the other replays of the Redis `name`d still waiting, whose tasks are
    deleted: one retry carries them all, instead of every deletion of a long outage
    retrying on its own."""
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        waiting = (
            DBTaskResult.objects.filter(task_path=REPLAY_TASK_PATH, status="READY")
            .select_for_update(skip_locked=True)
            .only("pk", "args_kwargs")
        )
        mine = [row for row in waiting if row.args_kwargs["args"][:1] == [name]]
        DBTaskResult.objects.filter(pk__in=[row.pk for row in mine]).delete()
    return [key for row in mine for key in row.args_kwargs["args"][1]]


@task(backend=REPLAY_BACKEND)
def replay_deletions(name: str, keys: list[str], attempt: int = 0) -> str:
    """Delete what a process could not while Redis was away; again later until it answers."""
    backend = _cache_named(name)
    if backend is None:
        # A worker of another configuration (a rollout in progress): leave it to one that
        # has this Redis, for a while; a Redis taken out of service is given up on.
        if attempt < REPLAY_ELSEWHERE_ATTEMPTS:
            queue_deletions(name, keys, attempt + 1)
            return "Redis not configured in this worker; retry queued"
        logger.error("cache deletions dropped, no worker has Redis %s: %s", name, keys)
        return "Redis not configured; dropped"
    try:
        backend._cache.delete_now(keys)
    except RedisError:
        keys = sorted({*keys, *_take_waiting(name)})
        queue_deletions(name, keys, attempt + 1)
        return f"Redis unavailable; retry {attempt + 1} of {len(keys)} keys queued"
    return f"{len(keys)} keys deleted"


REPLAY_TASK_PATH = replay_deletions.module_path
