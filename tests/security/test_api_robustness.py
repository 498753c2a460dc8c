"""Regression tests for what the API fuzzing found: each of these was a 500 or a response
the schema did not describe."""

import pytest
from django.test import Client
from django.urls import reverse

from api.schema.build import build_schema
from tests.api.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_db):
    return build_world()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/?tag=%00",
        "/api/v2/menus/?site=%00",
        "/api/v2/redirects/?site=a%00b",
        "/api/v2/news-categories/?site=%00",
        "/api/v2/search/?q=%00",
    ],
)
def test_nul_in_a_parameter_is_a_400(client, world, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/questions/%00abc/",  # a value of the path looked up in the database
        "/api/v2/pages/%00/",
        "/api/v2/search/?%00=x",  # in a parameter's name
    ],
)
def test_nul_in_an_api_path_or_name_is_a_json_400(client, world, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]


@pytest.mark.parametrize(
    "path", ["/hoi-dap/tra-cuu/?code=%00x", "/tin-tuc/%00/", "/tim-kiem/?q=a%00"]
)
def test_nul_in_a_public_url_is_a_400_page(client, world, path):
    response = client.get(path)
    assert response.status_code == 400


def test_an_offset_beyond_bigint_is_an_empty_page(client, world):
    response = client.get("/api/v2/documents/", {"search": "x", "offset": 10**30})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize(
    "path", ["/api/v2/pages/null,null/", "/api/v2/sites/a%0Ab/", "/api/v2/search/nothing/"]
)
def test_an_unknown_api_url_is_a_json_404(client, world, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


def test_an_api_url_without_its_slash_still_redirects(client, world):
    assert client.get("/api/v2/pages").status_code == 301


@pytest.mark.parametrize("name", ["search:search", "search:suggest"])
def test_search_answers_other_methods_with_405_not_a_csrf_403(name):
    response = Client(enforce_csrf_checks=True).post(reverse(name), {"q": "x"})
    assert response.status_code == 405


def test_find_documents_its_redirect(client, world):
    responses = build_schema()["paths"]["/api/v2/pages/find/"]["get"]["responses"]
    assert "302" in responses
    response = client.get("/api/v2/pages/find/", {"html_path": "/tin-tuc/tin-a/"})
    assert response.status_code == 302
