"""The OpenAPI document is valid, covers every endpoint and matches real responses."""

import pytest
from django.contrib.staticfiles import finders
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from wagtail.models import Page, get_page_models

from .world import AGENCY_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client, world):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return response.json()


def check(schema: dict, component: str, data) -> None:
    root = {"$ref": f"#/components/schemas/{component}", "components": schema["components"]}
    errors = list(Draft202012Validator(root).iter_errors(data))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_schema_is_valid_openapi(schema):
    validate(schema)


def test_schema_covers_every_endpoint_and_page_type(schema):
    paths = set(schema["paths"])
    for path in [
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/pages/find/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/sites/",
        "/api/v2/menus/",
        "/api/v2/redirects/",
        "/api/v2/news-categories/",
        "/api/v2/sectors/",
        "/api/v2/preview/",
    ]:
        assert path in paths
    listing_params = {p["name"] for p in schema["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert {"site", "type", "category", "sector", "level", "document_type"} <= listing_params
    for model in get_page_models():
        if model is not Page:
            name = f"{model._meta.app_label}_{model.__name__}"
            properties = schema["components"]["schemas"][name]["properties"]
            assert {f.name for f in model.api_fields} <= set(properties)


@pytest.mark.parametrize(
    ("name", "component"),
    [
        ("news_a", "news_NewsPage"),
        ("proc_tinh", "procedures_ProcedurePage"),
        ("decree", "legaldocs_LegalDocumentPage"),
        ("about", "home_StandardPage"),
        ("agency_news", "news_NewsIndexPage"),
    ],
)
def test_page_details_match_their_schema(schema, world, client, name, component):
    response = client.get(f"/api/v2/pages/{world[name].pk}/", {"site": "*"})
    check(schema, component, response.json())


@pytest.mark.parametrize(
    ("path", "component"),
    [
        ("/api/v2/pages/?site=*&type=news.NewsPage&fields=*", "PageListing"),
        ("/api/v2/images/", "ImageListing"),
        ("/api/v2/documents/", "DocumentListing"),
        ("/api/v2/sites/", "SiteListing"),
        ("/api/v2/menus/", "Menu"),
        ("/api/v2/redirects/", "RedirectListing"),
        ("/api/v2/news-categories/?site=*", "NewsCategoryListing"),
        ("/api/v2/sectors/", "SectorListing"),
        ("/api/v2/pages/?limit=1000", "Error"),
    ],
)
def test_responses_match_the_schema(schema, client, path, component):
    check(schema, component, client.get(path, headers={"host": AGENCY_HOST}).json())


def test_docs_page_uses_local_assets_only(client):
    html = client.get("/api/docs/").content.decode()
    assert "/api/schema/" in html
    assert "https://" not in html and "http://" not in html
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("api/docs.js")
