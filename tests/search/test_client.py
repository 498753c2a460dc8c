"""A round trip through the project's own Elasticsearch client against the real node."""

import uuid

import pytest
from django.conf import settings

from search.client import cluster_health, get_client, index_name, is_available


@pytest.fixture
def throwaway_index():
    name = index_name(f"roundtrip-{uuid.uuid4().hex[:8]}")
    yield name
    get_client().indices.delete(index=name, ignore_unavailable=True)


def test_index_names_carry_the_environment_prefix():
    prefix = settings.ELASTICSEARCH["INDEX_PREFIX"]
    assert prefix.startswith("cms-test")
    assert index_name("content") == f"{prefix}-content"


def test_cluster_is_healthy():
    health = cluster_health()
    assert health["status"] in {"green", "yellow"}
    assert is_available()


def test_vietnamese_document_round_trip(throwaway_index):
    es = get_client()
    es.indices.create(
        index=throwaway_index,
        mappings={"properties": {"title": {"type": "text"}, "code": {"type": "keyword"}}},
    )
    es.index(
        index=throwaway_index,
        id="1",
        document={"title": "Cấp giấy phép xây dựng nhà ở riêng lẻ", "code": "1.009994"},
    )
    es.indices.refresh(index=throwaway_index)

    by_words = es.search(index=throwaway_index, query={"match": {"title": "giấy phép xây dựng"}})
    assert [hit["_id"] for hit in by_words["hits"]["hits"]] == ["1"]
    assert by_words["hits"]["hits"][0]["_source"]["title"].startswith("Cấp giấy phép")

    by_code = es.search(index=throwaway_index, query={"term": {"code": "1.009994"}})
    assert by_code["hits"]["total"]["value"] == 1

    es.indices.delete(index=throwaway_index)
    assert not es.indices.exists(index=throwaway_index)
