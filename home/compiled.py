"""Querysets compiled to SQL once, then run again with other values for their parameters.

Django compiles a queryset (its select list, joins, conditions, ordering) every time it is
evaluated: about half a millisecond of Python for a query with joined keys, more than the
database takes to answer it. A query whose shape repeats request after request (the public
page of one type on one site by id, a page's categories, a listing's rows by id) is compiled
once with markers where its values go; later runs put the values in their places among the
parameters and build the objects the way Django's own iterable does."""

from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Lookup, Model, QuerySet, prefetch_related_objects
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.sql.compiler import SQLCompiler

from .bundled import bundled_names, bundled_rows, owner_lookup

# Values a queryset is compiled with: no key takes these numbers, no text the string. The
# number fits every integer column: Django compiles a lookup of a value out of a column's
# range to a query matching nothing, whatever value is put in the marker's place later.
MARKER = -1_918_273_645
TEXT_MARKER = "\x00compiled\x00"


class CompiledQuery:
    """`queryset` (of model instances, or a `values_list`), built with each marker in the
    places its value goes, ready to be run with any values there. `limited`: the query takes
    a limit and an offset too (Django writes a slice into the SQL itself)."""

    def __init__(
        self,
        queryset: QuerySet,
        markers: tuple[int | str, ...] = (MARKER,),
        *,
        limited: bool = False,
    ):
        self.flat = queryset._iterable_class is FlatValuesListIterable
        self.tuples = queryset._iterable_class is ValuesListIterable
        if not (self.flat or self.tuples or queryset._iterable_class is ModelIterable):
            raise ValueError("Only querysets of instances or values can be compiled once.")
        if limited and (queryset.query.low_mark or queryset.query.high_mark is not None):
            raise ValueError("A limited query takes its limit and offset when it is run.")
        self.limited = limited
        if queryset._known_related_objects:
            raise ValueError("A queryset of a related manager cannot be compiled once.")
        self.db = queryset.db
        self.prefetch = queryset._prefetch_related_lookups
        compiler: SQLCompiler = queryset.query.get_compiler(using=self.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # it can match nothing, whatever the value
            self.sql = None
            return
        self.positions = []
        for marker in markers:
            found = [i for i, value in enumerate(params) if value == marker]
            if not found or (len(found) > 1 and not isinstance(marker, str)):
                raise ValueError(f"{marker!r} must be one parameter of the query, not {found}.")
            self.positions.append(found)  # a text may be compared in several places
        if limited:
            sql += " LIMIT %s OFFSET %s"
        self.sql, self.params = sql, list(params)
        select = compiler.select
        self.converters = list(
            compiler.get_converters([column[0] for column in select[: compiler.col_count]]).items()
        )
        if self.flat or self.tuples:
            return
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.model_columns = slice(fields[0], fields[-1] + 1)
        self.init_list = [column[0].target.attname for column in select[self.model_columns]]
        self.related_populators = get_related_populators(klass_info, select, self.db)
        self.annotations = list(compiler.annotation_col_map.items())

    def fetch(self, *values, limit: int | None = None, offset: int = 0) -> list:
        """The query's objects (or values) with `values` in the markers' places."""
        if self.sql is None:
            return []
        params = self.params.copy()
        for positions, value in zip(self.positions, values, strict=True):
            for position in positions:
                params[position] = value
        if self.limited:
            params += [limit, offset]
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.flat:
            return [self._converted(row, connection)[0] for row in rows]
        if self.tuples:
            return [tuple(self._converted(row, connection)) for row in rows]
        objects = [self._build(row, connection) for row in rows]
        if self.prefetch and objects:
            prefetch_related_objects(objects, *self.prefetch)
        return objects

    def _converted(self, row: tuple, connection) -> tuple | list:
        if self.converters:
            row = list(row)
            for position, (converters, expression) in self.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
        return row

    def _build(self, row: tuple, connection) -> Model:
        row = self._converted(row, connection)
        instance = self.model.from_db(self.db, self.init_list, row[self.model_columns])
        for populator in self.related_populators:
            populator.populate(row, instance)
        for name, position in self.annotations:
            setattr(instance, name, row[position])
        return instance


# Compiled queries by what they are for; the SQL depends on the models and the key alone.
_queries: dict[Hashable, CompiledQuery] = {}
QUERIES_KEPT = 1024


def compiled(key: Hashable, build: Callable[..., QuerySet], *markers: int | str) -> CompiledQuery:
    """The query kept under `key`, compiled from `build(*markers)` the first time (MARKER
    alone by default)."""
    query = _queries.get(key)
    if query is None:
        markers = markers or (MARKER,)
        if len(_queries) >= QUERIES_KEPT:
            _queries.clear()
        query = _queries[key] = CompiledQuery(build(*markers), markers)
    return query


def _is_in_memory(instance: Model, name: str) -> bool:
    """Whether `instance` holds the relation's objects itself: a revision's page (a
    preview) keeps its inline children and tags in memory, or a prefetch has read them."""
    in_cluster = name in getattr(instance, "_cluster_related_objects", {})
    return in_cluster or name in getattr(instance, "_prefetched_objects_cache", {})


def related_objects(instance: Model, name: str) -> list[Model] | None:
    """The objects of `instance`'s many-to-many field or reverse foreign key `name`, in the
    order its manager's `all()` lists them: those its row brought (home.bundled), else from
    a query compiled once; None when the instance holds them in memory (ask its manager)."""
    if instance.pk is None or _is_in_memory(instance, name):
        return None
    field = instance._meta.get_field(name)
    lookup = owner_lookup(field)
    if lookup is None:
        raise ValueError(f"{name}: not a many-to-many field or a reverse foreign key.")
    found = bundled_rows(instance, field.related_model, name)
    if found is None:
        manager = field.related_model._default_manager
        query = compiled(
            ("related", type(instance), name), lambda marker: manager.filter(**{lookup: marker})
        )
        found = query.fetch(instance.pk)
    if field.one_to_many:
        for child in found:  # its parent, without a query (as a related manager does)
            field.field.set_cached_value(child, instance)
    return found


def tag_names(instance: Model, name: str) -> list[str] | None:
    """The names of `instance`'s tags (its taggit field `name`) in alphabetical order, from a
    query compiled once; None when the instance holds its tags in memory."""
    through = instance._meta.get_field(name).through
    items = through._meta.get_field("content_object").remote_field.get_accessor_name()
    if instance.pk is None or _is_in_memory(instance, items) or _is_in_memory(instance, name):
        return None
    names = bundled_names(instance, name)
    if names is not None:
        return names
    query = compiled(
        ("tags", type(instance), name),
        lambda marker: (
            through.objects.filter(content_object=marker)
            .order_by("tag__name")
            .values_list("tag__name", flat=True)
        ),
    )
    return query.fetch(instance.pk)


class AnyOf(Lookup):
    """`lhs = ANY(rhs)`: a list of any length as one parameter (an array), so that one
    compiled query serves every number of ids."""

    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [value]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def rows_by_id(queryset: QuerySet, ids: list[int]) -> list[Model]:
    """The objects of `queryset`'s model with these ids, in the order of `ids`. `queryset`
    gives the shape (joined keys, deferred columns, prefetches), not conditions."""
    query = queryset.query
    if query.where or query.low_mark or query.high_mark is not None:
        raise ValueError("rows_by_id takes the shape of a query, without conditions.")
    if not ids:
        return []
    deferred, defer = query.deferred_loading
    shape = (
        queryset.model,
        repr(query.select_related),
        frozenset(deferred),
        defer,
        tuple(queryset._prefetch_related_lookups),
    )
    rows = compiled(
        ("by id", shape), lambda marker: queryset.filter(AnyOf(F("pk"), marker)).order_by()
    )
    found = {row.pk: row for row in rows.fetch(list(ids))}
    return [found[pk] for pk in ids if pk in found]
