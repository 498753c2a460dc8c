"""A page's inline children, many-to-many relations and tags read with the page, in its own
query (an array of JSON rows per relation), rather than one query each after it: a detail of
a news item or a procedure otherwise made three more round trips to the database, each
with its own statement to parse and plan.

`bundle(queryset, names)` adds the relations to a queryset; `home.compiled.related_objects`
and `tag_names` then answer from what the page row brought. A relation whose columns JSON
cannot carry exactly (see `_reader`) is left to its own query."""

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any
from uuid import UUID

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import F, ManyToOneRel, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast, JSONObject
from taggit.managers import TaggableManager

PREFIX = "_bundled_"

# How a column comes back from JSON: as it is (numbers, text, booleans, JSON), or parsed from
# the text PostgreSQL writes (dates, times; decimals are sent as text to stay exact).
_AS_IS = (
    models.IntegerField,
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.JSONField,
)
_PARSED: dict[type, Callable[[str], Any]] = {
    models.DateTimeField: datetime.fromisoformat,
    models.DateField: date.fromisoformat,
    models.TimeField: time.fromisoformat,
    models.DecimalField: Decimal,
    models.UUIDField: UUID,
}


def _reader(field: models.Field) -> Callable[[Any], Any] | None:
    """How `field`'s JSON value becomes its database value; None for a field JSON does not
    carry exactly (binary, floats, custom types)."""
    while field.is_relation:  # a key: its target's value (a parental key to a page: its id)
        field = field.target_field
    for klass in type(field).__mro__:
        if klass in _PARSED:
            parse = _PARSED[klass]
            return lambda value: None if value is None else parse(value)
        if klass in _AS_IS:
            return lambda value: value
    return None


@cache
def readable(field: models.Field) -> bool:
    """Whether JSON carries `field`'s value exactly (a relation with any other keeps its own
    query)."""
    return _reader(field) is not None


@cache
def _rows(model: type[models.Model]) -> tuple[list[str], list[Callable]] | None:
    """The columns of `model` and their readers, or None if one cannot be carried."""
    fields = model._meta.concrete_fields
    readers = [_reader(field) for field in fields]
    if any(reader is None for reader in readers):
        return None
    return [field.attname for field in fields], readers


def _json_row(model: type[models.Model]) -> JSONObject:
    columns = {}
    for field in model._meta.concrete_fields:
        value = F(field.attname)
        if isinstance(field, models.DecimalField):
            value = Cast(value, TextField())
        columns[field.attname] = value
    return JSONObject(**columns)


def owner_lookup(field) -> str | None:
    """The lookup from a relation's objects back to their owner's primary key: a
    many-to-many field's reverse name, a reverse foreign key's field; None for any other
    relation (a generic relation among them)."""
    if field.many_to_many and not field.auto_created:
        return f"{field.related_query_name()}__pk"
    if isinstance(field, ManyToOneRel) and field.one_to_many:
        return field.field.name
    return None


def _subquery(model: type[models.Model], name: str) -> ArraySubquery | None:
    """The rows of `model`'s relation `name` for the outer page, in the order its manager's
    `all()` lists them; None when the relation is not one of those bundled."""
    field = model._meta.get_field(name)
    if isinstance(field, TaggableManager):
        through = field.remote_field.through
        names = through.objects.filter(content_object=OuterRef("pk")).order_by("tag__name")
        return ArraySubquery(names.values("tag__name"))
    lookup = owner_lookup(field)
    related = field.related_model
    if lookup is None or _rows(related) is None:
        return None
    rows = related._default_manager.filter(**{lookup: OuterRef("pk")})
    return ArraySubquery(rows.values(row=_json_row(related)))


def bundle(queryset: QuerySet, names: list[str]) -> QuerySet:
    """`queryset` with the relations `names` of its model read in its own query."""
    annotations = {}
    for name in names:
        subquery = _subquery(queryset.model, name)
        if subquery is not None:
            annotations[PREFIX + name] = subquery
    return queryset.annotate(**annotations) if annotations else queryset


def bundled_rows(instance: models.Model, model: type[models.Model], name: str) -> list | None:
    """The objects of relation `name` that `instance`'s row brought, or None if it did not."""
    rows = instance.__dict__.get(PREFIX + name)
    if rows is None:
        return None
    attnames, readers = _rows(model)
    db = instance._state.db
    return [
        model.from_db(
            db,
            attnames,
            [read(row[attname]) for attname, read in zip(attnames, readers, strict=True)],
        )
        for row in rows
    ]


def bundled_names(instance: models.Model, name: str) -> list[str] | None:
    """The tag names of relation `name` that `instance`'s row brought, or None."""
    return instance.__dict__.get(PREFIX + name)
