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


def test_the_search_types_are_those_search_answers(schema):
    """Each page type added to search is a value of the documented enum (a front-end typed
    from the schema would refuse a result of an undocumented type)."""
    from search.adapters import TYPE_MODELS
    from search.params import DOCUMENT_TYPE

    documented = schema["components"]["schemas"]["SearchType"]["enum"]
    assert set(documented) == {*TYPE_MODELS, DOCUMENT_TYPE}


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


@pytest.fixture
def full_procedure(world):
    """The agency's procedure with every kind of nested object filled in."""
    from procedures.models import DossierComponent, LegalBasis, ProcedureFee, ProcedurePage

    page = ProcedurePage.objects.get(pk=world["proc_tinh"].pk)
    page.fees = [
        ProcedureFee(description="Lệ phí cấp phép", amount=50000),
        ProcedureFee(description="Phí thẩm định", amount_text="5% giá thiết kế"),
    ]
    page.dossier_components = [
        DossierComponent(
            name="Đơn đề nghị", originals=1, form_template=world.media["public_document"]
        ),
        DossierComponent(name="Bản vẽ", copies=2, required=False),
    ]
    page.legal_basis = [
        LegalBasis(
            document_number="42/2022/NĐ-CP", title="Nghị định", document_page=world["decree"]
        )
    ]
    page.replaced_by = world["proc_xa"]
    page.status = "da_thay_the"
    page.processing_time_value = 15
    page.save_revision().publish()
    return page


def test_nested_objects_are_typed_and_match(schema, client, full_procedure):
    components = schema["components"]["schemas"]
    procedure = components["procedures_ProcedurePage"]["properties"]
    assert procedure["fees"]["items"] == {"$ref": "#/components/schemas/procedures_ProcedureFee"}
    fee = components["procedures_ProcedureFee"]["properties"]
    assert {"description", "amount", "amount_text"} <= set(fee)
    dossier = components["procedures_DossierComponent"]["properties"]
    assert dossier["form_template"]["anyOf"][0] == {"$ref": "#/components/schemas/DocumentLink"}
    assert procedure["sector"] == {"$ref": "#/components/schemas/Sector"}
    basis = components["procedures_LegalBasis"]["properties"]
    assert basis["document_page"]["anyOf"][0] == {"$ref": "#/components/schemas/PageLink"}
    body = client.get(f"/api/v2/pages/{full_procedure.pk}/", headers={"host": AGENCY_HOST}).json()
    assert body["fees"][1]["amount_text"] == "5% giá thiết kế"
    assert body["dossier_components"][0]["form_template"]["meta"]["download_url"]
    assert body["legal_basis"][0]["document_page"]["meta"]["html_url"].endswith("/van-ban/nd-42/")
    assert body["status_display"] == "Đã được thay thế"
    check(schema, "procedures_ProcedurePage", body)


def test_no_property_is_left_untyped(schema):
    """A field whose type the schema cannot infer is `{}`: a front-end must guess it."""
    untyped = [
        f"{name}.{prop}"
        for name, component in schema["components"]["schemas"].items()
        for prop, value in component.get("properties", {}).items()
        if value == {}
    ]
    assert untyped == []


def test_every_choice_field_is_an_enum_with_labels(schema):
    components = schema["components"]["schemas"]
    procedure = components["procedures_ProcedurePage"]["properties"]
    for name, enum in [
        ("online_level", "ProcedurePageOnlineLevel"),
        ("status", "ProcedurePageStatus"),
        ("processing_time_unit", "ProcedurePageProcessingTimeUnit"),
    ]:
        assert procedure[name] == {"$ref": f"#/components/schemas/{enum}"}
        assert f"{name}_display" in procedure
    assert procedure["levels"]["items"] == {"$ref": "#/components/schemas/Level"}
    online = components["ProcedurePageOnlineLevel"]
    labels = dict(zip(online["enum"], online["x-enum-descriptions"], strict=True))
    assert labels == {
        "toan_trinh": "Toàn trình",
        "mot_phan": "Một phần",
        "khong": "Không trực tuyến",
    }
    document = components["legaldocs_LegalDocumentPage"]["properties"]
    assert document["document_type"] == {
        "$ref": "#/components/schemas/LegalDocumentPageDocumentType"
    }
    assert "Nghị định" in components["LegalDocumentPageDocumentType"]["x-enum-descriptions"]
    relation = components["legaldocs_RelatedLegalDocument"]["properties"]
    assert "relation_display" in relation
    assert components["Site"]["properties"]["agency"]["properties"]["kind"] == {
        "$ref": "#/components/schemas/AgencyKind"
    }


def documented(schema: dict, path: str) -> set[str]:
    return {p["name"] for p in schema["paths"][path]["get"]["parameters"] if p["in"] == "query"}


def test_every_accepted_parameter_is_documented(schema):
    from api.filters import all_filter_params
    from api.views.pages import PagesViewSet
    from search.params import API_PARAMETERS

    undocumented = {"format", "_", "locale", "translation_of"}
    pages = PagesViewSet.known_query_parameters | all_filter_params() | {"slug", "show_in_menus"}
    assert documented(schema, "/api/v2/pages/") == pages - undocumented
    assert documented(schema, "/api/v2/search/") == API_PARAMETERS - undocumented
    assert documented(schema, "/api/v2/redirects/") == {"site", "old_path", "limit", "offset"}
    for path in ["/api/v2/sites/", "/api/v2/sectors/"]:
        assert documented(schema, path) == {"limit", "offset"}
    assert documented(schema, "/api/v2/news-categories/") == {"site", "limit", "offset"}
    assert {"fields", "site", "rich_text_format"} == documented(schema, "/api/v2/pages/{id}/")
    deprecated = {
        p["name"]
        for p in schema["paths"]["/api/v2/search/"]["get"]["parameters"]
        if p.get("deprecated")
    }
    assert deprecated == {"page", "page_size", "online", "date_from", "date_to"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/sites/",
        "/api/v2/sites/1/",
        "/api/v2/menus/",
        "/api/v2/redirects/",
        "/api/v2/news-categories/",
        "/api/v2/sectors/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/pages/",
        "/api/v2/pages/find/",
        "/api/v2/preview/",
        "/api/v2/search/",
        "/api/v2/search/suggest/",
        "/api/schema/",
    ],
)
def test_unknown_parameters_are_a_400_naming_them_everywhere(world, client, path):
    response = client.get(path, {"khong_co": "1"}, headers={"host": AGENCY_HOST})
    assert response.status_code == 400, (path, response.status_code)
    assert "khong_co" in response.json()["message"]
