"""Query-string filters of the pages endpoint: Wagtail's own plus one set per content type."""

from .content import CONTENT_FILTERS, ContentFilter, FieldsFilter, all_filter_params

__all__ = ["CONTENT_FILTERS", "ContentFilter", "FieldsFilter", "all_filter_params"]
