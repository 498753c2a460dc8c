"""Schemathesis fuzzes every operation of /api/schema/ in-process through the WSGI app:
no 5xx, and every response conforms to the schema (status, content type, body, headers)."""

import os
import uuid

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import positive_data_acceptance

from api.schema.build import build_schema
from search.client import get_client
from search.rebuild import rebuild
from tests.api.world import build_world

# 22 operations × this many cases (plus schemathesis's coverage phase) is over 1,000 cases.
# FUZZ_CASES raises it for a longer run (docs/security.md).
CASES_PER_OPERATION = int(os.environ.get("FUZZ_CASES", "50"))
CASES: dict[str, int] = {}


@pytest.fixture(scope="module")
def fuzz_world(module_db):
    """The API tests' two-site world, indexed into a private Elasticsearch index."""
    prefix = settings.ELASTICSEARCH["INDEX_PREFIX"]
    settings.ELASTICSEARCH["INDEX_PREFIX"] = f"{prefix}-fuzz-{uuid.uuid4().hex[:6]}"
    world = build_world()
    rebuild()
    yield world
    get_client().indices.delete(
        index=f"{settings.ELASTICSEARCH['INDEX_PREFIX']}-*", ignore_unavailable=True
    )
    settings.ELASTICSEARCH["INDEX_PREFIX"] = prefix


@pytest.fixture
def app(fuzz_world, db):
    """The project's WSGI application, in-process, inside the test's transaction."""
    cache.clear()
    # The WSGI handler would close the test's connection (and its transaction) after each
    # request; Django's test client disconnects the same receiver.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The document /api/schema/ serves (tests/api/test_schema.py checks that it is this one).
schema = schemathesis.openapi.from_dict(build_schema())


@schema.parametrize()
@hypothesis_settings(
    max_examples=CASES_PER_OPERATION,
    deadline=None,
    # The same cases on every run, so CI cannot turn red by chance; FUZZ_SEED varies them.
    derandomize="FUZZ_SEED" not in os.environ,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, app):
    # Some parameters only go together (agency= needs type=procedures.ProcedurePage, and so
    # on): OpenAPI cannot say so, and the API answers such mixes with a documented 400.
    case.call_and_validate(app=app, excluded_checks=[positive_data_acceptance])
    CASES[case.operation.label] = CASES.get(case.operation.label, 0) + 1


def test_fuzzing_ran_enough_cases():
    print(CASES)
    assert sum(CASES.values()) >= 1000
