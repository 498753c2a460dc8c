"""A multi-node cluster: ELASTICSEARCH_URL may list several nodes, and ELASTICSEARCH_REPLICAS /
_SHARDS shape every new concrete index (search_rebuild creates one). On the real node."""

import uuid

import pytest

from search.client import get_client
from search.documents import build_index


@pytest.fixture
def index_name():
    name = f"cms-test-shape-{uuid.uuid4().hex[:8]}"
    yield name
    get_client().indices.delete(index=name, ignore_unavailable=True)


def test_new_indices_take_shards_and_replicas_from_settings(settings, index_name):
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "SHARDS": 2, "REPLICAS": 1}
    build_index(index_name).create(using=get_client())
    shape = get_client().indices.get_settings(index=index_name)[index_name]["settings"]["index"]
    assert (shape["number_of_shards"], shape["number_of_replicas"]) == ("2", "1")


def test_a_single_node_keeps_no_replicas_by_default(index_name):
    build_index(index_name).create(using=get_client())
    shape = get_client().indices.get_settings(index=index_name)[index_name]["settings"]["index"]
    assert (shape["number_of_shards"], shape["number_of_replicas"]) == ("1", "0")


def test_a_comma_separated_url_lists_several_nodes_and_survives_a_dead_one(settings):
    live = settings.ELASTICSEARCH["URL"]
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": f"http://127.0.0.1:1, {live}"}
    get_client.cache_clear()
    try:
        client = get_client()
        assert len(client.transport.node_pool.all()) == 2
        # Whichever node the pool picks first, a refused connection moves on to the next.
        for _ in range(4):
            assert client.cluster.health()["status"] in {"green", "yellow"}
    finally:
        get_client.cache_clear()
