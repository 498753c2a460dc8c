"""Searches go through Elasticsearch's request cache; a publish must still show at once."""

from home.models import StandardPage
from search.client import get_client
from search.documents import alias_name
from tests.search.conftest import add


def request_cache_hits() -> int:
    stats = get_client().indices.stats(index=alias_name(), metric="request_cache")
    return stats["_all"]["total"]["request_cache"]["hit_count"]


def test_a_repeated_search_is_answered_from_the_cache_until_a_publish(world, sync, api):
    before = api(q="quy định cửa hàng", site="*")
    hits = request_cache_hits()
    again = api(q="quy định cửa hàng", site="*")
    assert (again["items"], again["facets"]) == (before["items"], before["facets"])
    assert request_cache_hits() > hits

    with sync():
        add(world.portal.root_page, StandardPage(title="Quy định mới về cửa hàng", slug="p3"))
    after = api(q="quy định cửa hàng", site="*")
    assert "Quy định mới về cửa hàng" not in [item["title"] for item in before["items"]]
    assert "Quy định mới về cửa hàng" in [item["title"] for item in after["items"]]
