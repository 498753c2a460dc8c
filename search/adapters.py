"""One adapter per searchable page type: page -> the type-specific document fields.

Adding a page type to public search means adding an adapter here; the content apps know
nothing about search.
"""

import html
from collections.abc import Callable

from django.utils.html import strip_tags
from wagtail.models import Page

from home.models import StandardPage
from legaldocs.models import LegalDocumentPage
from news.models import NewsPage
from procedures.models import ProcedurePage

Fields = dict


def plain(*parts: object) -> str:
    """HTML and rich text flattened to one plain string."""
    return " ".join(
        html.unescape(strip_tags(str(part))).strip() for part in parts if part not in (None, "")
    ).strip()


def stream_text(page: Page, field_name: str) -> str:
    """A StreamField flattened the way Wagtail's own search flattens it."""
    field = page._meta.get_field(field_name)
    return plain(*field.get_searchable_content(getattr(page, field_name)))


def news_fields(page: NewsPage) -> Fields:
    categories = list(page.categories.all())
    # Through the tagged items: the cluster tag manager ignores prefetched tags.
    tags = sorted(item.tag.name for item in page.tagged_items.all())
    return {
        "type": "news",
        "summary": page.summary or page.search_description,
        "body": stream_text(page, "body"),
        "keywords": plain(page.author, *(c.name for c in categories), *tags),
        "categories": [c.slug for c in categories],
        "tags": tags,
        "date": page.published_at,
    }


def procedure_fields(page: ProcedurePage) -> Fields:
    sector = page.sector
    components = [c.name for c in page.dossier_components.all()]
    return {
        "type": "procedure",
        "summary": page.search_description or plain(page.full_name, page.applicants),
        "body": plain(
            page.full_name,
            page.applicants,
            page.result,
            page.conditions,
            page.where_to_submit,
            stream_text(page, "steps"),
            *components,
            page.dossier_note,
            page.fees_note,
            page.legal_basis_note,
            page.notes,
        ),
        "keywords": plain(sector.name, page.implementing_agency, page.implementing_body),
        "codes": [page.code],
        "sector": sector.slug,
        "sector_name": sector.name,
        "levels": page.levels,
        "online": page.online_level,
        "status": page.status,
        "date": page.effective_date or page.first_published_at,
    }


def legal_document_fields(page: LegalDocumentPage) -> Fields:
    sector = page.sector
    return {
        "type": "legaldoc",
        "summary": page.abstract,
        "body": plain(page.signer, page.get_document_type_display()),
        "keywords": plain(page.issuing_body, sector.name if sector else ""),
        "codes": [page.number],
        "sector": sector.slug if sector else None,
        "sector_name": sector.name if sector else None,
        "document_type": page.document_type,
        "issuer": page.issuing_body,
        "status": page.status,
        "date": page.issue_date,
    }


def standard_page_fields(page: StandardPage) -> Fields:
    return {
        "type": "page",
        "summary": page.intro or page.search_description,
        "body": stream_text(page, "body"),
        "date": page.last_published_at,
    }


ADAPTERS: dict[type[Page], Callable[[Page], Fields]] = {
    NewsPage: news_fields,
    ProcedurePage: procedure_fields,
    LegalDocumentPage: legal_document_fields,
    StandardPage: standard_page_fields,
}

# What each adapter reads beyond the page row: (select_related, prefetch_related), so that a
# rebuild fetches it per chunk rather than per page.
RELATED: dict[type[Page], tuple[list[str], list[str]]] = {
    NewsPage: ([], ["categories", "tagged_items__tag"]),
    ProcedurePage: (["sector"], ["dossier_components"]),
    LegalDocumentPage: (["sector"], []),
}

# The public `type` parameter -> the page models behind it (for the database fallback).
TYPE_MODELS: dict[str, type[Page]] = {
    "news": NewsPage,
    "procedure": ProcedurePage,
    "legaldoc": LegalDocumentPage,
    "page": StandardPage,
}


def adapter_for(page: Page) -> Callable[[Page], Fields] | None:
    return ADAPTERS.get(type(page))
