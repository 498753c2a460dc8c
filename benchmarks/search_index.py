"""Wagtail's own database search index over the bench pages: the stock search that the
project's Elasticsearch search is compared with.

Bulk-inserted pages never went through the save signals that fill it, and Wagtail's
`update_index` manages about 40 pages a second on this machine (a query per page for the
StreamField's images, the body parsed in Python), which would take most of an hour at 100k.
So the entries are computed in PostgreSQL, with the columns, text search configurations and
weights that Wagtail's backend uses (`modelsearch.backends.database.postgres`): the index the
stock search queries has the same shape and size, it is only filled faster.
"""

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


def index_in_database(page_ids: list[int] | None = None) -> int:
    """(Re)write the database search entries of the bench content pages; returns how many."""
    backend = get_search_backend("default")
    title_field = next(f for f in Page.search_fields if getattr(f, "field_name", "") == "title")
    title_weight = get_weight(title_field.boost)
    count = 0
    with connection.cursor() as cursor:
        for model, (table, body, join) in BODY_SQL.items():
            only = "" if page_ids is None else "AND p.id = ANY(%(ids)s)"
            cursor.execute(
                f"""
                INSERT INTO wagtailsearch_indexentry
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
                WHERE TRUE {only}
                ON CONFLICT (content_type_id, object_id) DO UPDATE
                SET title = EXCLUDED.title, autocomplete = EXCLUDED.autocomplete,
                    body = EXCLUDED.body, title_norm = 1.0, title_text = EXCLUDED.title_text,
                    body_text = EXCLUDED.body_text
                """,
                {
                    "ct": ContentType.objects.get_for_model(model).pk,
                    "weight": title_weight,
                    "autocomplete": backend.autocomplete_config or "simple",
                    "ids": page_ids,
                },
            )
            count += cursor.rowcount
    backend.get_index_for_model(Page)._refresh_title_norms(full=True)
    return count
