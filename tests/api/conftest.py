"""The API tests share one world per module, built in a transaction rolled back at its end."""

import pytest
from django.core.cache import cache

from .world import AGENCY_HOST, PORTAL_HOST, World, build_world


@pytest.fixture(scope="module")
def _module_world(module_db):
    return build_world()


@pytest.fixture
def world(_module_world, db) -> World:
    # Each test rolls the content version back, so responses cached by an earlier test
    # would be found again under the same ETag; production versions only go up.
    cache.clear()
    return _module_world


@pytest.fixture
def get(client):
    """GET a path as an anonymous client on a host (the portal's by default); JSON body."""

    def get(path: str, host: str = PORTAL_HOST, **params):
        return client.get(path, params, headers={"host": host})

    return get


__all__ = ["AGENCY_HOST", "PORTAL_HOST"]
