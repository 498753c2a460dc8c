"""Filters that are one field lookup each."""

from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest

from ..tables import KeptPerVersion

T = TypeVar("T")

# Names in a listing's parameters (a sector's or a category's slug) and what they name, kept
# per content version: sectors and categories are among its dependencies
# (api.signal_handlers), so a rename or a removal starts a new version.
_named: KeptPerVersion = KeptPerVersion(5000)


def named(request: HttpRequest, key: Hashable, find: Callable[[], T]) -> T:
    """What `find` answers for `key` under the request's content version."""
    return _named.get(request, key, find)


def filter_by(queryset: QuerySet, values: dict, lookups: dict[str, str]) -> QuerySet:
    """`queryset` filtered by each value given, with its lookup (value name → lookup)."""
    conditions = {lookup: values[name] for name, lookup in lookups.items() if name in values}
    return queryset.filter(**conditions) if conditions else queryset
