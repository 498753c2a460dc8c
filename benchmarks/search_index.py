"""Wagtail's own database search index over the bench pages: the stock search that the
project's Elasticsearch search is compared with.

Bulk-inserted pages never went through the save signals that fill it, and Wagtail's
`update_index` manages about 40 pages a second on this machine (a query per page for the
StreamField's images, the body parsed in Python), which would take most of an hour at 100k.
So the entries are computed in PostgreSQL, with the columns, text search configurations and
weights that Wagtail's backend uses (`modelsearch.backends.database.postgres`): the index the
stock search queries has the same shape and size, it is only filled faster. The table's GIN
indexes are dropped for the bulk insert and built again afterwards (building a GIN index at
once is many times faster than growing it row by row), and the rows are computed by several
connections at once.
"""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelsearch.backends.database.postgres.weights import get_weight
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from news.models import NewsPage
from procedures.models import ProcedurePage

# Markup and JSON punctuation out of the StreamField, the way Wagtail flattens it to text.
STRIP = (
    r"""regexp_replace({}, '<[^>]*>|"(id|type|value|image|alt_text|caption|case|title|body)":"""
    r"""|[{{}}\[\]",]', ' ', 'g')"""
)

BODY_SQL = {
    NewsPage: (
        "news_newspage",
        "concat_ws(' ', s.summary, s.author, " + STRIP.format("s.body::text") + ")",
        "",
    ),
    ProcedurePage: (
        "procedures_procedurepage",
        "concat_ws(' ', s.full_name, s.code, s.implementing_agency, s.applicants, s.notes, "
        "sector.name)",
        "JOIN procedures_sector sector ON sector.id = s.sector_id",
    ),
}


TABLE = "wagtailsearch_indexentry"


def _insert(model, table: str, body: str, join: str, part: int, parts: int) -> int:
    """One share of one model's entries (pages with id % parts == part), on this thread's
    own connection."""
    backend = get_search_backend("default")
    title_field = next(f for f in Page.search_fields if getattr(f, "field_name", "") == "title")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
            cursor.execute(
                f"""
                INSERT INTO {TABLE}
                    (content_type_id, object_id, title, autocomplete, body, title_norm,
                     title_text, body_text)
                SELECT %(ct)s, p.id::text,
                       setweight(to_tsvector(p.title), %(weight)s),
                       to_tsvector(%(autocomplete)s::regconfig, p.title),
                       to_tsvector(t.body), 1.0, p.title, t.body
                FROM wagtailcore_page p
                JOIN {table} s ON s.page_ptr_id = p.id
                {join}
                CROSS JOIN LATERAL (SELECT {body} AS body) t
                WHERE p.id %% %(parts)s = %(part)s
                ON CONFLICT (content_type_id, object_id) DO UPDATE
                SET title = EXCLUDED.title, autocomplete = EXCLUDED.autocomplete,
                    body = EXCLUDED.body, title_norm = 1.0, title_text = EXCLUDED.title_text,
                    body_text = EXCLUDED.body_text
                """,
                {
                    "ct": ContentType.objects.get_for_model(model).pk,
                    "weight": get_weight(title_field.boost),
                    "autocomplete": backend.autocomplete_config or "simple",
                    "parts": parts,
                    "part": part,
                },
            )
            return cursor.rowcount
    finally:
        connection.close()


def _execute(statement: str) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem TO '256MB'")
            cursor.execute(statement)
    finally:
        connection.close()


def index_in_database(workers: int = 2, log: Callable[[str], None] | None = None) -> int:
    """(Re)write the database search entries of every bench content page; returns how many.
    `log` gets the time of each step."""
    say = log or (lambda line: None)
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexdef LIKE '%%USING gin%%'",
            [TABLE],
        )
        gin = cursor.fetchall()
        for name, _definition in gin:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    jobs = [
        (model, *sql, part, workers) for model, sql in BODY_SQL.items() for part in range(workers)
    ]
    try:
        with ThreadPoolExecutor(workers) as pool:
            count = sum(pool.map(lambda job: _insert(*job), jobs))
        say(f"  {count} entries computed in {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        # Before the GIN indexes come back: this rewrites every row.
        get_search_backend("default").get_index_for_model(Page)._refresh_title_norms(full=True)
        say(f"  title norms in {time.monotonic() - started:.1f} s")
    finally:
        started = time.monotonic()
        # All at once: the body's index takes longest, the two title ones fit beside it.
        with ThreadPoolExecutor(max(1, len(gin))) as pool:
            list(pool.map(_execute, [definition for _name, definition in gin]))
        say(f"  {len(gin)} GIN indexes built in {time.monotonic() - started:.1f} s")
    return count
