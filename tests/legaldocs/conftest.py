"""Fixtures for the legal document tests: an index on the portal and a document factory."""

from collections.abc import Callable
from datetime import date

import pytest

from legaldocs.models import LegalDocumentIndexPage, LegalDocumentPage


@pytest.fixture
def legal_index(two_sites) -> LegalDocumentIndexPage:
    index = LegalDocumentIndexPage(title="Văn bản pháp luật", slug="van-ban-phap-luat")
    two_sites[0].root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_document() -> Callable[..., LegalDocumentPage]:
    def make(index: LegalDocumentIndexPage, number: str, **fields) -> LegalDocumentPage:
        values = {
            "title": f"Văn bản {number}",
            "slug": number.lower().replace("/", "-").replace("đ", "d"),
            "number": number,
            "document_type": "nghi_dinh",
            "issuing_body": "Chính phủ",
            "issue_date": date(2022, 6, 24),
            "abstract": "Trích yếu thử nghiệm.",
            **fields,
        }
        page = LegalDocumentPage(**values)
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make
