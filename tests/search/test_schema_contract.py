"""Real search and suggest responses, from Elasticsearch and from the database fallback,
conform to the OpenAPI schema published at /api/schema/."""

import pytest
from jsonschema import Draft202012Validator


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture
def schema(client, db):
    return client.get("/api/schema/").json()


def check(schema: dict, component: str, data) -> None:
    root = {"$ref": f"#/components/schemas/{component}", "components": schema["components"]}
    errors = list(Draft202012Validator(root).iter_errors(data))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_the_schema_lists_the_search_endpoints(schema):
    search = schema["paths"]["/api/v2/search/"]["get"]
    assert {p["name"] for p in search["parameters"]} >= {
        "q", "site", "type", "sector", "level", "agency", "online", "category",
        "date_from", "date_to", "page", "page_size",
    }  # fmt: skip
    assert "/api/v2/search/suggest/" in schema["paths"]


def test_elasticsearch_responses_match_the_schema(schema, world, api):
    results = api(q="dang ky khai sinh", site="*")
    assert results["meta"]["engine"] == "elasticsearch" and results["items"]
    check(schema, "SearchResults", results)
    check(schema, "Suggestions", api("suggest/", q="dang ky"))
    check(schema, "Error", api(status=400, page_size="0"))


def test_database_fallback_responses_match_the_schema(schema, world, api, elasticsearch_down):
    results = api(q="khai sinh", site="*")
    assert results["meta"]["engine"] == "database"
    check(schema, "SearchResults", results)
    check(schema, "Suggestions", api("suggest/", q="khai sinh"))


def test_the_database_fallback_understands_questions_and_codes(world, api, elasticsearch_down):
    question = api(q="tôi muốn đăng ký khai sinh cho con thì phải làm gì ở đâu", site="*")
    assert question["meta"]["engine"] == "database"
    assert "Đăng ký khai sinh" in [item["title"] for item in question["items"]]
    code = api(q="1 001612", site="*")
    assert [item["title"] for item in code["items"]] == ["Đăng ký thành lập hộ kinh doanh"]
    nothing = api(q="đăng ký nuôi chó mèo", site="*")
    assert nothing["items"] == [] or nothing["meta"]["relaxed"] is True
