import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures.models import ProcedurePage
from sites.models import SiteSettings

from .test_rendering import full_procedure  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_procedure_detail_exposes_every_api_field(client, full_procedure):  # noqa: F811
    page, law = full_procedure
    response = client.get(f"/api/v2/pages/{page.pk}/", headers={"host": "bacninh.localhost"})
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["type"] == "procedures.ProcedurePage"
    names = [field.name for field in ProcedurePage.api_fields]
    assert not [name for name in names if name not in body]
    assert body["code"] == "1.001193"
    assert body["sector"] == {
        "id": page.sector_id,
        "name": "Hộ tịch",
        "slug": "ho-tich",
        "code": "HT",
    }
    assert body["levels"] == ["tinh", "xa"]
    assert body["online_level"] == "toan_trinh"
    assert body["steps"][0]["value"]["title"] == "Nộp hồ sơ"
    assert body["fees"][0]["amount"] == 50000
    assert body["fees"][1]["amount_text"] == "Theo quy định của tỉnh"
    assert body["dossier_components"][0]["name"] == "Tờ khai đăng ký khai sinh"
    assert body["dossier_components"][0]["form_template"]["id"] is not None
    assert body["legal_basis"][0]["document_page"]["id"] == law.pk
    assert body["effective_date"] == "2016-01-01"
    # The citizen-facing facts a front-end needs without guessing.
    assert body["fees_none"] is False
    assert body["online_submission_url"] == page.national_portal_url
    assert body["dossier_components"][0]["kind"] == "giay_to"
    assert body["dossier_components"][0]["case"] == ""


def test_no_online_submission_url_without_an_online_service(
    client,
    portal_index,
    make_procedure,
):
    page = make_procedure(
        portal_index, "1.000005", national_portal_url="https://dichvucong.gov.vn/x", fees_none=True
    )
    body = client.get(f"/api/v2/pages/{page.pk}/", headers={"host": "bacninh.localhost"}).json()
    assert (body["online_level"], body["online_submission_url"], body["fees_none"]) == (
        "khong",
        None,
        True,
    )


def test_procedures_can_be_listed_by_type_with_fields(client, full_procedure):  # noqa: F811
    response = client.get(
        "/api/v2/pages/",
        {"type": "procedures.ProcedurePage", "fields": "code,online_level"},
        headers={"host": "bacninh.localhost"},
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(item["code"], item["online_level"]) for item in items] == [("1.001193", "toan_trinh")]


def test_a_listing_reads_the_sites_online_portals_once(
    client, settings, portal_index, agency_index, make_procedure, two_sites
):
    """Procedures without their own national record send citizens to their site's portal:
    each item its own site's, read once for the whole listing, not once per item."""
    settings.API_CACHE = {**settings.API_CACHE, "SERVER_TIMEOUT": 0}
    portals = ["https://dvc.portal.test/", "https://dvc.so.test/"]
    for site, url in zip(two_sites, portals, strict=True):
        SiteSettings.objects.update_or_create(site=site, defaults={"online_service_url": url})

    def listing():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                "/api/v2/pages/",
                {
                    "type": "procedures.ProcedurePage",
                    "site": "*",
                    "fields": "code,online_submission_url",
                    "order": "code",
                },
                headers={"host": "bacninh.localhost"},
            )
        assert response.status_code == 200
        return response.json()["items"], len(queries)

    online = {"online_level": "toan_trinh", "submit_online": True}
    make_procedure(portal_index, "1.000001", **online)
    make_procedure(agency_index, "1.000002", **online)
    listing()  # loads the per-version tables (each publish moves the content version on)
    _items, few = listing()
    make_procedure(portal_index, "1.000003", **online)
    make_procedure(portal_index, "1.000004", national_portal_url="https://dichvucong.gov.vn/4",
                   **online)  # fmt: skip
    make_procedure(agency_index, "1.000005")
    listing()
    items, many = listing()
    assert [(item["code"], item["online_submission_url"]) for item in items] == [
        ("1.000001", "https://dvc.portal.test/"),
        ("1.000002", "https://dvc.so.test/"),
        ("1.000003", "https://dvc.portal.test/"),
        ("1.000004", "https://dichvucong.gov.vn/4"),
        ("1.000005", None),
    ]
    assert many == few


def test_a_listing_reads_only_its_own_sites_online_portal(
    client, settings, portal_index, agency_index, make_procedure, two_sites
):
    """Each site's portal is read for the procedures of that site only: a listing on one of
    a thousand sites must not read the other 999 sites' settings."""
    settings.API_CACHE = {**settings.API_CACHE, "SERVER_TIMEOUT": 0}
    for site in two_sites:
        SiteSettings.objects.update_or_create(
            site=site, defaults={"online_service_url": f"https://dvc.{site.hostname}/"}
        )
    make_procedure(agency_index, "1.000002", online_level="toan_trinh", submit_online=True)
    agency = two_sites[1]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/api/v2/pages/",
            {"type": "procedures.ProcedurePage", "fields": "online_submission_url"},
            headers={"host": agency.hostname},
        )
    assert [item["online_submission_url"] for item in response.json()["items"]] == [
        f"https://dvc.{agency.hostname}/"
    ]
    reads = [q["sql"] for q in queries.captured_queries if "sites_sitesettings" in q["sql"]]
    assert len(reads) == 1 and f'"site_id" = {agency.pk}' in reads[0], reads
