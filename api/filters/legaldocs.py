"""Legal document filters: type, issuing body, issue-date range, status, sector."""

from django.utils.translation import gettext as _

from legaldocs.choices import DocumentStatus, DocumentType

from ..errors import bad_request
from ..params import parse_choice, parse_date
from .procedures import sector_by_slug

PARAMS = ["document_type", "issuing_body", "issued_after", "issued_before", "status", "sector"]


def filter_legal_documents(queryset, params, site):
    if value := params.get("document_type"):
        queryset = queryset.filter(
            document_type=parse_choice("document_type", value, list(DocumentType.values))
        )
    if value := params.get("issuing_body"):
        queryset = queryset.filter(issuing_body__icontains=value)
    after = before = None
    if value := params.get("issued_after"):
        after = parse_date("issued_after", value)
        queryset = queryset.filter(issue_date__gte=after)
    if value := params.get("issued_before"):
        before = parse_date("issued_before", value)
        queryset = queryset.filter(issue_date__lte=before)
    if after and before and after > before:
        raise bad_request(_("issued_after phải trước hoặc bằng issued_before."))
    if value := params.get("status"):
        queryset = queryset.filter(
            status=parse_choice("status", value, list(DocumentStatus.values))
        )
    if value := params.get("sector"):
        queryset = queryset.filter(sector=sector_by_slug(value))
    return queryset
