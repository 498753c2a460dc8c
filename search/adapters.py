"""One adapter per searchable page type: page -> the type-specific document fields.

Adding a page type to public search means adding an adapter here; the content apps know
nothing about search.
"""

import html
from collections.abc import Callable

from django.db.models import Model, Prefetch, QuerySet
from wagtail.models import Page

from home.models import StandardPage
from legaldocs.models import LegalDocumentPage
from news.models import NewsCategory, NewsPage, NewsPageTag
from participation.models import ConsultationPage, QuestionAnswerPage
from procedures.models import ProcedurePage, Sector

from .codes import cited_number_keys, document_number_keys, procedure_code_keys
from .markup import strip_tags
from .streams import stream_content

Fields = dict
# The words citizens use for a kind of page ("thủ tục …", "văn bản …").
KIND_WORDS = {
    "procedure": "thủ tục hành chính",
    "legaldoc": "văn bản pháp luật",
    "qa": "hỏi đáp",
    "consultation": "lấy ý kiến góp ý dự thảo",
}


def _text(part: object) -> str:
    return html.unescape(strip_tags(str(part))).strip()


def plain(*parts: object) -> str:
    """HTML and rich text flattened to one plain string."""
    return " ".join(_text(part) for part in parts if part not in (None, "")).strip()


def _prefetched_as(name: str) -> str:
    return f"_search_{name}"


def related(page: Page, name: str) -> list:
    """The objects of the page's relation `name`: the list `searchable_pages` prefetched
    (`related_lookups`), or read now for a page loaded some other way."""
    prefetched = getattr(page, _prefetched_as(name), None)
    return prefetched if prefetched is not None else list(getattr(page, name).all())


def stream_text(page: Page, field_name: str) -> str:
    """A StreamField flattened the way Wagtail's own search flattens it."""
    return plain(*stream_content(getattr(page, field_name)))


def news_fields(page: NewsPage) -> Fields:
    categories = related(page, "categories")
    # Through the tagged items: the cluster tag manager ignores prefetched tags.
    tags = sorted(item.tag.name for item in related(page, "tagged_items"))
    return {
        "type": "news",
        "summary": page.summary or page.search_description,
        "body": stream_text(page, "body"),
        "keywords": plain(page.author, *(c.name for c in categories), *tags),
        "categories": [c.slug for c in categories],
        "tags": tags,
        "date": page.published_at,
    }


# Keywords are names (sector, agency): a longer text, such as an implementing body given
# as the sentence of a national record that names it, is body text.
MAX_NAME_LENGTH = 100


def _is_name(text: str | None) -> bool:
    return len(text or "") <= MAX_NAME_LENGTH


def procedure_fields(page: ProcedurePage) -> Fields:
    sector = page.sector
    components = [c.name for c in related(page, "dossier_components")]
    legal_basis = related(page, "legal_basis")
    return {
        "type": "procedure",
        "summary": page.search_description or plain(page.full_name, page.applicants),
        "body": plain(
            page.full_name,
            page.applicants,
            "" if _is_name(page.implementing_body) else page.implementing_body,
            page.result,
            page.conditions,
            page.where_to_submit,
            stream_text(page, "steps"),
            *components,
            page.dossier_note,
            page.fees_note,
            page.legal_basis_note,
            *(str(basis) for basis in legal_basis),
            page.notes,
        ),
        # What citizens call it: "thủ tục …".
        "keywords": plain(
            KIND_WORDS["procedure"],
            sector.name,
            page.implementing_agency,
            page.implementing_body if _is_name(page.implementing_body) else "",
        ),
        "codes": [page.code],
        "code_keys": procedure_code_keys(page.code),
        "cited_keys": cited_number_keys(
            [basis.document_number for basis in legal_basis], plain(page.legal_basis_note)
        ),
        "titles": [page.full_name],
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
        # "văn bản", "nghị định …": the type is matched as a word, not only as a filter.
        "keywords": plain(
            KIND_WORDS["legaldoc"],
            page.get_document_type_display(),
            page.issuing_body,
            sector.name if sector else "",
        ),
        "codes": [page.number],
        "code_keys": document_number_keys(page.number, page.document_type),
        "sector": sector.slug if sector else None,
        "sector_name": sector.name if sector else None,
        "document_type": page.document_type,
        "issuer": page.issuing_body,
        "status": page.status,
        "date": page.issue_date,
    }


def question_answer_fields(page: QuestionAnswerPage) -> Fields:
    """A published Q&A: the citizen's question is the summary (it is often the best match
    for another citizen's question), the answer the body. The asker's name is not indexed."""
    sector = page.sector
    procedures = related(page, "related_procedures")
    return {
        "type": "qa",
        "summary": page.question,
        "body": plain(page.answer),
        "keywords": plain(
            KIND_WORDS["qa"],
            sector.name if sector else "",
            *(item.procedure.title for item in procedures),
        ),
        "sector": sector.slug if sector else None,
        "sector_name": sector.name if sector else None,
        "date": page.answered_on or page.first_published_at,
    }


def consultation_fields(page: ConsultationPage) -> Fields:
    """A draft put out for comment: its summary, the questions asked and, once closed, the
    agency's summary of the comments. The comments themselves are never indexed."""
    return {
        "type": "consultation",
        "summary": plain(page.summary),
        "body": plain(
            *(question.text for question in related(page, "questions")), page.result_summary
        ),
        "keywords": plain(KIND_WORDS["consultation"], page.issuing_agency),
        "issuer": page.issuing_agency,
        "date": page.opens_at,
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
    QuestionAnswerPage: question_answer_fields,
    ConsultationPage: consultation_fields,
}


def _prefetch(name: str, queryset: QuerySet | None = None) -> Prefetch:
    # Into a plain list (read by `related`): Django's per-page related managers and
    # querysets were a sixth of a rebuild's Python time.
    return Prefetch(name, queryset=queryset, to_attr=_prefetched_as(name))


def related_lookups(model: type[Page]) -> tuple[list[str], list[Prefetch]]:
    """What the model's adapter reads beyond the page row, as (select_related,
    prefetch_related), so that a rebuild fetches it per chunk rather than per page."""
    if model is NewsPage:
        tagged = NewsPageTag.objects.select_related("tag")
        return [], [_prefetch("categories"), _prefetch("tagged_items", tagged)]
    if model is ProcedurePage:
        return ["sector"], [_prefetch("dossier_components"), _prefetch("legal_basis")]
    if model is LegalDocumentPage:
        return ["sector"], []
    if model is QuestionAnswerPage:
        procedures = QuestionAnswerPage.related_procedures.rel.related_model.objects
        return ["sector"], [_prefetch("related_procedures", procedures.select_related("procedure"))]
    if model is ConsultationPage:
        return [], [_prefetch("questions")]
    return [], []


def _sector_pages(sector: Sector) -> list[int]:
    return [
        *ProcedurePage.objects.filter(sector=sector).values_list("pk", flat=True),
        *LegalDocumentPage.objects.filter(sector=sector).values_list("pk", flat=True),
        *QuestionAnswerPage.objects.filter(sector=sector).values_list("pk", flat=True),
    ]


def _category_pages(category: NewsCategory) -> list[int]:
    return list(NewsPage.objects.filter(categories=category).values_list("pk", flat=True))


def _citing_qa_pages(procedure: ProcedurePage) -> list[int]:
    """The Q&A pages whose keywords carry the procedure's title."""
    citing = QuestionAnswerPage.objects.filter(related_procedures__procedure=procedure)
    return list(citing.values_list("pk", flat=True).distinct())


# Snippets whose fields the documents above carry (names, slugs) -> the ids of the pages
# whose documents carry them: a rename must reach those documents.
DEPENDENT_PAGES: dict[type[Model], Callable[[Model], list[int]]] = {
    Sector: _sector_pages,
    NewsCategory: _category_pages,
}
# Page types whose live title other pages' documents carry -> the ids of those pages: a
# publish or unpublish of such a page must reach them too.
CITING_PAGES: dict[type[Page], Callable[[Page], list[int]]] = {
    ProcedurePage: _citing_qa_pages,
}


def citing_pages(page: Page) -> list[int]:
    find = CITING_PAGES.get(type(page))
    return find(page) if find else []


# The public `type` parameter -> the page models behind it (for the database fallback).
TYPE_MODELS: dict[str, type[Page]] = {
    "news": NewsPage,
    "procedure": ProcedurePage,
    "legaldoc": LegalDocumentPage,
    "page": StandardPage,
    "qa": QuestionAnswerPage,
    "consultation": ConsultationPage,
}


def adapter_for(page: Page) -> Callable[[Page], Fields] | None:
    return ADAPTERS.get(type(page))
