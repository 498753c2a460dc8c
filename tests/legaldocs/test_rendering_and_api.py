from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from legaldocs.models import LegalDocumentAttachment, LegalDocumentPage, RelatedLegalDocument
from procedures.models import Sector
from tests.procedures.html import assert_heading_outline

pytestmark = pytest.mark.django_db

PORTAL = {"host": "bacninh.localhost"}


@pytest.fixture
def decree(legal_index, make_document):
    old = make_document(
        legal_index,
        "43/2011/NĐ-CP",
        issue_date=date(2011, 6, 13),
        status="het_hieu_luc",
        title="Nghị định cũ",
    )
    page = make_document(
        legal_index,
        "42/2022/NĐ-CP",
        title="Nghị định về dịch vụ công trực tuyến",
        signer="Vũ Đức Đam",
        effective_date=date(2022, 8, 1),
        sector=Sector.objects.create(name="Công nghệ thông tin"),
        abstract="Quy định việc cung cấp dịch vụ công trực tuyến.",
    )
    file = Document.objects.create(title="nd42.pdf", file=ContentFile(b"%PDF", name="nd42.pdf"))
    page.attachments.add(LegalDocumentAttachment(document=file, label="Bản PDF"))
    page.related_documents.add(RelatedLegalDocument(relation="replaces", target=old))
    page.save_revision().publish()
    return page, old


def test_document_page_renders_its_metadata(client, decree):
    page, old = decree
    response = client.get(page.url, headers=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert_heading_outline(html)
    for text in [
        "<h1>Nghị định về dịch vụ công trực tuyến</h1>",
        "<dt>Số ký hiệu</dt><dd>42/2022/NĐ-CP</dd>",
        "<dd>Nghị định</dd>",
        "<dd>Chính phủ</dd>",
        "<dd>Vũ Đức Đam</dd>",
        ">24/06/2022</time>",
        ">01/08/2022</time>",
        "<dd>Còn hiệu lực</dd>",
        "<dd>Công nghệ thông tin</dd>",
        "Quy định việc cung cấp dịch vụ công trực tuyến.",
        ">Bản PDF</a> (PDF)",
        f'Thay thế: <a href="{old.get_url_parts()[2]}">43/2011/NĐ-CP – Nghị định cũ</a>',
    ]:
        assert text in html, text


def test_index_lists_and_filters_by_type(client, legal_index, decree, make_document):
    make_document(
        legal_index,
        "60/2014/QH13",
        document_type="luat",
        title="Luật Hộ tịch",
        issue_date=date(2014, 11, 20),
    )
    response = client.get(legal_index.url, headers=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert_heading_outline(html)
    assert "<caption>3 văn bản</caption>" in html
    # Newest first.
    assert html.index("42/2022/NĐ-CP") < html.index("60/2014/QH13") < html.index("43/2011/NĐ-CP")

    laws = client.get(legal_index.url, {"type": "luat"}, headers=PORTAL).content.decode()
    assert "<caption>1 văn bản</caption>" in laws
    assert "Luật Hộ tịch" in laws and "42/2022/NĐ-CP" not in laws
    assert '<option value="luat" selected>' in laws


def test_api_detail_exposes_every_api_field(client, decree):
    page, old = decree
    body = client.get(f"/api/v2/pages/{page.pk}/", headers=PORTAL).json()
    assert body["meta"]["type"] == "legaldocs.LegalDocumentPage"
    assert not [f.name for f in LegalDocumentPage.api_fields if f.name not in body]
    assert body["number"] == "42/2022/NĐ-CP"
    assert body["issue_date"] == "2022-06-24"
    assert body["sector"]["name"] == "Công nghệ thông tin"
    assert body["attachments"][0]["label"] == "Bản PDF"
    assert body["related_documents"][0]["relation"] == "replaces"
    assert body["related_documents"][0]["target"]["id"] == old.pk


def test_admin_listing_filters_by_type_issuing_body_and_year(
    client, legal_index, decree, make_document
):
    make_document(
        legal_index,
        "05/2023/QĐ-UBND",
        document_type="quyet_dinh",
        issuing_body="UBND tỉnh Bắc Ninh",
        issue_date=date(2023, 3, 1),
        title="Quyết định của tỉnh",
    )
    user = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(user)
    url = reverse("legal_document_pages:index")

    html = client.get(url).content.decode()
    assert "Quyết định của tỉnh" in html and "Nghị định cũ" in html
    by_type = client.get(url, {"document_type": "quyet_dinh"}).content.decode()
    assert "Quyết định của tỉnh" in by_type and "Nghị định cũ" not in by_type
    by_body = client.get(url, {"issuing_body": "Chính phủ"}).content.decode()
    assert "Nghị định cũ" in by_body and "Quyết định của tỉnh" not in by_body
    by_year = client.get(url, {"year": "2011"}).content.decode()
    assert "Nghị định cũ" in by_year and "Quyết định của tỉnh" not in by_year
