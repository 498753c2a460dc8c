"""The shared cache as deployed (cms.redis_cache), on a real Redis: it stores and reads as
Django's backend does, with one redis-py client per connection pool instead of one per call."""

import pytest

from benchmarks.servers import redis
from cms.redis_cache import SharedClientRedisCache

from ..ports import free_port


@pytest.fixture(scope="module")
def redis_url():
    with redis(free_port(range(8480, 8500))) as url:
        yield url


def test_the_cache_stores_and_reads_with_one_client(redis_url):
    cache = SharedClientRedisCache(redis_url, {"KEY_PREFIX": "test-shared-client"})
    cache.clear()
    cache.set("trang", {"tiêu đề": "Tin A"}, 30)
    cache.set_many({"a": 1, "b": [2, 3]}, 30)
    assert cache.get("trang") == {"tiêu đề": "Tin A"}
    assert cache.get_many(["a", "b", "không-có"]) == {"a": 1, "b": [2, 3]}
    assert cache.incr("a") == 2
    cache.delete("a")
    assert cache.get("a") is None
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client
    assert cache._cache.get_client("khóa", write=False) is client
