"""Model-based consistency: seeded random sequences of publish, unpublish, privacy on and
off, moves between sites, deletes, scheduled go-live and expiry, snippet renames and
hostname changes, run through the real task worker. After each sequence the index equals a
from-scratch rebuild, document for document, and an anonymous search for each page's own
word finds it exactly when the page is public.

`make test` runs MODEL_TEST_SEQUENCES (6) sequences of MODEL_TEST_OPERATIONS (50)
operations; `make soak` runs more. MODEL_TEST_SEED picks another set of sequences; a
failure names its seed and the operations that led to it.
"""

import os
import random

import pytest
from elasticsearch.helpers import scan

from search.client import get_client
from search.documents import alias_name
from search.rebuild import rebuild

from .conftest import refresh
from .model_world import ModelWorld, build_model_world

SEQUENCES = int(os.environ.get("MODEL_TEST_SEQUENCES", "6"))
OPERATIONS = int(os.environ.get("MODEL_TEST_OPERATIONS", "50"))
SEED = int(os.environ.get("MODEL_TEST_SEED", "16"))
PAGES_PER_KIND = 3


def _documents(index: str) -> dict[str, dict]:
    get_client().indices.refresh(index=index)
    hits = scan(get_client(), index=index, query={"query": {"match_all": {}}})
    return {hit["_id"]: hit["_source"] for hit in hits}


def _found(api, word: str) -> set[int]:
    return {item["id"] for item in api(q=word, page_size=50)["items"]}


def _suggested(api, word: str) -> list[str]:
    return [item["title"] for item in api("suggest/", q=f"Trang {word}")["items"]]


def _index_equals_a_rebuild(context: str) -> None:
    synced = _documents(alias_name())
    rebuilt = _documents(rebuild().index)
    differing = sorted(
        pk for pk in synced.keys() | rebuilt.keys() if synced.get(pk) != rebuilt.get(pk)
    )
    details = {pk: (synced.get(pk), rebuilt.get(pk)) for pk in differing[:3]}
    assert not differing, f"{context}: documents differ from a rebuild: {differing} {details}"


def _search_shows_exactly_the_public_pages(model: ModelWorld, api, context: str) -> None:
    wrong = []
    for page in model.pages.values():
        public = model.is_public(page)
        if (page.pk in _found(api, page.word)) != public:
            wrong.append(f"{page.pk} ({'public' if public else 'hidden'})")
        if not public and any(page.word in title for title in _suggested(api, page.word)):
            wrong.append(f"{page.pk} (suggested)")
    for page in model.deleted.values():
        if page.pk in _found(api, page.word):
            wrong.append(f"{page.pk} (deleted)")
    assert not wrong, f"{context}: search shows wrongly {wrong}"


@pytest.mark.parametrize("sequence", range(SEQUENCES))
def test_a_random_sequence_leaves_the_index_equal_to_a_rebuild(world, api, sequence):
    seed = SEED * 100_000 + sequence
    model = build_model_world(world, random.Random(seed), PAGES_PER_KIND)
    model.run_all()
    for _ in range(OPERATIONS):
        model.step()
    model.run_all()
    refresh()
    context = f"seed {seed}, operations: {'; '.join(model.log)}"
    assert len(model.log) >= OPERATIONS * 0.9, context  # few operations found nothing to do
    _index_equals_a_rebuild(context)
    _search_shows_exactly_the_public_pages(model, api, context)
