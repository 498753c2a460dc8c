"""Filters that are one field lookup each."""

from django.db.models import QuerySet


def filter_by(queryset: QuerySet, values: dict, lookups: dict[str, str]) -> QuerySet:
    """`queryset` filtered by each value given, with its lookup (value name → lookup)."""
    conditions = {lookup: values[name] for name, lookup in lookups.items() if name in values}
    return queryset.filter(**conditions) if conditions else queryset
