"""Legal document filters: type, issuing body, issue-date range, status, sector."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from legaldocs.choices import DocumentStatus, DocumentType

from ..errors import bad_request
from ..params import parse_choice, parse_date
from .lookups import filter_by
from .procedures import sector_id

PARAMS = ["document_type", "issuing_body", "issued_after", "issued_before", "status", "sector"]
# How a compiled listing (api.listing) takes each resolved value (see api.filters.news).
MARKED = {"sector": "id"}
SHAPED = {"document_type", "status"}


def resolve_legal_documents(request: HttpRequest, site) -> dict:
    """The request's legal document filters as values (a 400 for any invalid one)."""
    params = request.GET
    values = {}
    if value := params.get("document_type"):
        values["document_type"] = parse_choice("document_type", value, list(DocumentType.values))
    if value := params.get("issuing_body"):
        values["issuing_body"] = value
    for name in ("issued_after", "issued_before"):
        if value := params.get(name):
            values[name] = parse_date(name, value)
    after, before = values.get("issued_after"), values.get("issued_before")
    if after and before and after > before:
        raise bad_request(_("issued_after phải trước hoặc bằng issued_before."))
    if value := params.get("status"):
        values["status"] = parse_choice("status", value, list(DocumentStatus.values))
    if value := params.get("sector"):
        values["sector"] = sector_id(request, value)
    return values


# Each value's lookup.
LOOKUPS = {
    "document_type": "document_type",
    "issuing_body": "issuing_body__icontains",
    "issued_after": "issue_date__gte",
    "issued_before": "issue_date__lte",
    "status": "status",
    "sector": "sector_id",
}


def apply_legal_documents(queryset, values: dict):
    return filter_by(queryset, values, LOOKUPS)
