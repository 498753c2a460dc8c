"""Writing many rows: ids reserved up front, treebeard paths worked out in Python, rows
inserted with COPY."""

from django.db import connection, models
from wagtail.models import Collection, Page


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys of the model's sequence, so rows can point at each other
    before any is written."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(
    model: type[models.Model], objs: list[models.Model], *, local_only: bool = False
) -> None:
    """COPY into the model's own table (or, with `local_only`, only its multi-table child
    table: bulk_create refuses models with parents). An auto primary key left unset is left
    to the column default. COPY streams the rows as they are; bulk_create spent most of its
    time quoting array parameters in Python (about 10× slower here)."""
    objs = list(objs)
    if not objs:
        return
    meta = model._meta
    fields = [
        field
        for field in (meta.local_concrete_fields if local_only else meta.concrete_fields)
        if not (field.primary_key and isinstance(field, models.AutoField) and objs[0].pk is None)
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objs:
            row = [field.pre_save(obj, add=True) for field in fields]
            copy.write_row(
                [
                    field.get_db_prep_save(value, connection)
                    for field, value in zip(fields, row, strict=True)
                ]
            )


def _insert_multi_table(objs: list[models.Model], base: type[models.Model]) -> None:
    """Rows of multi-table models (pages, tasks): the base table, then each class's own."""
    copy_rows(base, objs)
    by_class: dict[type, list] = {}
    for obj in objs:
        by_class.setdefault(type(obj), []).append(obj)
    for model, rows in by_class.items():
        for ancestor in reversed(model._meta.get_parent_list()):
            if ancestor is not base and not ancestor._meta.abstract:
                copy_rows(ancestor, rows, local_only=True)
        copy_rows(model, rows, local_only=True)


def _next_positions(parent: Page | Collection, count: int) -> list[str]:
    """The paths treebeard's add_child gives `count` new children of `parent`, in order."""
    model = type(parent)
    last = parent.get_last_child()
    start = last._get_lastpos_in_path() if last else 0
    return [model._get_path(parent.path, parent.depth + 1, start + i) for i in range(1, count + 1)]


def _sorted_children_paths(parent: Collection, names: list[str]) -> list[str]:
    """treebeard's add_child under `node_order_by = ["name"]` (collections), once per name
    in turn: each new child goes before the first sibling with a greater name, which moves
    right with the siblings packed behind it. The existing siblings that moved are rewritten
    here; the new children's paths are returned."""
    model = type(parent)
    existing = list(parent.get_children().order_by("path").values_list("path", "name"))
    with connection.cursor() as cursor:
        # Ranks in the database's collation, which treebeard's `name > %s` compares with.
        cursor.execute(
            "SELECT n, dense_rank() OVER (ORDER BY n) FROM unnest(%s::text[]) AS n",
            [list({name for _path, name in existing} | set(names))],
        )
        rank = dict(cursor.fetchall())
    step_of = model._str2int
    # [step, rank, old path or None, index of the new name or None], in path order
    nodes = [[step_of(path[-model.steplen :]), rank[name], path, None] for path, name in existing]
    for index, name in enumerate(names):
        greater = [node for node in nodes if node[1] > rank[name]]
        if not greater:
            step = nodes[-1][0] + 1 if nodes else 1
            nodes.append([step, rank[name], None, index])
            continue
        step = prior = greater[0][0]
        for node in greater:
            if node[0] > prior:
                break
            node[0] += 1
            prior = node[0]
        nodes.insert(nodes.index(greater[0]), [step, rank[name], None, index])
    depth = parent.depth + 1
    moves = [
        (old, model._get_path(parent.path, depth, step))
        for step, _rank, old, _index in nodes
        if old is not None and model._get_path(parent.path, depth, step) != old
    ]
    if moves:
        # Through a prefix no path has, so no two rows ever share a path midway.
        table = connection.ops.quote_name(model._meta.db_table)
        values = ", ".join(["(%s, %s)"] * len(moves))
        params = [value for move in moves for value in move]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} t SET path = 'x' || m.new || substr(t.path, length(m.old) + 1)"
                f" FROM (VALUES {values}) AS m(old, new) WHERE t.path LIKE m.old || '%%'",
                params,
            )
            cursor.execute(f"UPDATE {table} SET path = substr(path, 2) WHERE path LIKE 'x%%'")
    paths = [""] * len(names)
    for step, _rank, old, index in nodes:
        if old is None:
            paths[index] = model._get_path(parent.path, depth, step)
    return paths
