"""A multi-node cluster gets replicated indices: ELASTICSEARCH_REPLICAS / _SHARDS shape every
new concrete index (search_rebuild creates one), checked on the real node."""

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
