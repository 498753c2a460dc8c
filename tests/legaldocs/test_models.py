from datetime import date

import pytest
from django.core.exceptions import ValidationError

from home.models import HomePage
from legaldocs.models import LegalDocumentIndexPage, LegalDocumentPage, RelatedLegalDocument
from legaldocs.validators import validate_document_number
from procedures.models import ProcedureIndexPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "number",
    [
        "42/2022/NĐ-CP",
        "25/2018/TT-BNNPTNT",
        "63/2010/NĐ-CP",
        "60/2014/QH13",
        "1234/QĐ-UBND",
        "15/CT-TTg",
        "123/UBND-VX",
        "42 / 2022 / NĐ-CP",
    ],
)
def test_real_document_numbers_are_accepted(number):
    validate_document_number(number)


@pytest.mark.parametrize(
    "number", ["abc", "42/2022", "42-2022-NĐ-CP", "NĐ-CP/42", "42/2022/", "42/2022/NĐ--CP"]
)
def test_malformed_numbers_are_rejected_in_vietnamese(number):
    with pytest.raises(ValidationError) as caught:
        validate_document_number(number)
    assert caught.value.messages == [
        f"“{number}” không giống số ký hiệu văn bản. Nhập theo dạng số/năm/ký hiệu, "
        "ví dụ 42/2022/NĐ-CP, 25/2018/TT-BNNPTNT hoặc 1234/QĐ-UBND."
    ]


def test_number_is_stored_without_spaces(legal_index, make_document):
    page = make_document(legal_index, "42 / 2022 / NĐ-CP", slug="nd-42")
    page.refresh_from_db()
    assert page.number == "42/2022/NĐ-CP"


def test_invalid_number_blocks_saving(legal_index, make_document):
    with pytest.raises(ValidationError) as caught:
        make_document(legal_index, "Nghị định 42", slug="nd-42")
    assert "number" in caught.value.message_dict
    assert LegalDocumentPage.objects.count() == 0


def test_effective_date_before_issue_date_is_rejected(legal_index, make_document):
    page = make_document(legal_index, "42/2022/NĐ-CP")
    page.effective_date = date(2022, 6, 1)
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert caught.value.message_dict["effective_date"] == [
        "Ngày có hiệu lực không được trước ngày ban hành (24/06/2022)."
    ]
    page.effective_date = date(2022, 6, 24)
    page.full_clean()


def test_expiry_before_effective_date_is_rejected(legal_index, make_document):
    page = make_document(legal_index, "42/2022/NĐ-CP", effective_date=date(2022, 8, 1))
    page.expiry_date = date(2022, 7, 1)
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "expiry_date" in caught.value.message_dict


def test_a_document_cannot_relate_to_itself(legal_index, make_document):
    page = make_document(legal_index, "42/2022/NĐ-CP")
    relation = RelatedLegalDocument(page=page, relation="amends", target=page)
    with pytest.raises(ValidationError) as caught:
        relation.clean()
    assert caught.value.message_dict["target"] == ["Văn bản không thể liên quan đến chính nó."]


def test_page_type_placement(two_sites, legal_index):
    home = two_sites[0].root_page.specific
    assert isinstance(home, HomePage)
    assert LegalDocumentPage.can_create_at(legal_index)
    assert not LegalDocumentPage.can_create_at(home)
    assert not LegalDocumentIndexPage.can_create_at(home)  # one per site
    assert LegalDocumentIndexPage.can_create_at(two_sites[1].root_page.specific)
    assert LegalDocumentPage.allowed_parent_page_models() == [LegalDocumentIndexPage]
    assert LegalDocumentPage.allowed_subpage_models() == []
    assert not ProcedureIndexPage.can_create_at(legal_index)
