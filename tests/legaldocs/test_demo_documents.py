import json

import pytest

from demo.legal_documents import (
    DEMO_DOCUMENTS,
    create_demo_legal_documents,
    ensure_legal_document_index,
    link_legal_basis,
)
from legaldocs.models import LegalDocumentPage
from procedures.importers import import_procedures
from procedures.models import ProcedurePage

pytestmark = pytest.mark.django_db


def test_demo_documents_are_created_once_and_valid(two_sites):
    portal, _ = two_sites
    index = ensure_legal_document_index(portal)
    pages = create_demo_legal_documents(index)

    assert [page.number for page in pages] == [spec.number for spec in DEMO_DOCUMENTS]
    assert {
        "42/2022/NĐ-CP",
        "63/2010/NĐ-CP",
        "61/2018/NĐ-CP",
        "25/2018/TT-BNNPTNT",
        "114/2018/NĐ-CP",
        "60/2014/QH13",
    } <= {page.number for page in pages}
    for page in pages:
        page.full_clean()
        assert page.live
    assert ensure_legal_document_index(portal).pk == index.pk
    again = create_demo_legal_documents(index)
    assert [page.pk for page in again] == [page.pk for page in pages]
    assert LegalDocumentPage.objects.count() == len(DEMO_DOCUMENTS)


def test_link_legal_basis_links_mentioned_numbers_once(two_sites, tmp_path):
    portal, _ = two_sites
    rows = [
        {
            "code": "MAU.0106",
            "name": "Cấp phép nhập khẩu thủy sản sống",
            "sector": "Thủy sản",
            "levels": ["bo"],
            "agency": "Bộ Nông nghiệp và Môi trường",
            "online_service": "mot_phan",
            "legal_basis_text": (
                "Luật Thủy sản năm 2017;Thông tư số 25/2018/TT-BNNPTNT ngày 15/11/2018"
            ),
        },
        {
            "code": "MAU.0001",
            "name": "Đăng ký khai sinh",
            "sector": "Hộ tịch",
            "levels": ["xa"],
            "agency": "UBND cấp xã",
            "online_service": "toan_trinh",
            "legal_basis_text": "Thông tư số 125/2018/TT-BNNPTNT",
        },
    ]
    file = tmp_path / "procedures.json"
    file.write_text(json.dumps({"procedures": rows}, ensure_ascii=False), encoding="utf-8")
    import_procedures(file, portal)
    create_demo_legal_documents(ensure_legal_document_index(portal))

    assert link_legal_basis(portal) == 1
    assert link_legal_basis(portal) == 0

    fish = ProcedurePage.objects.get(code="MAU.0106")
    basis = list(fish.legal_basis.all())
    assert [(b.document_number, b.document_page.number) for b in basis] == [
        ("25/2018/TT-BNNPTNT", "25/2018/TT-BNNPTNT")
    ]
    assert fish.live and not fish.has_unpublished_changes
    # 125/2018 is not 25/2018.
    assert ProcedurePage.objects.get(code="MAU.0001").legal_basis.count() == 0
