"""Building documents from pages and writing them: the only writer to Elasticsearch.

Every write goes to each concrete index behind the alias prefix, so that a rebuild in
progress receives the same updates as the live index. Writes carry an external version, the
database clock read before the page is (`sync_version`): a sync of the same page later (they
take the page's lock in turn) reads a later state and writes a greater version, so a privacy
change or a snippet rename wins over an earlier write although nothing was republished, and
a late retry or a rebuild's older read never overwrites newer data.
"""

import hashlib
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime

import orjson
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from elasticsearch import ConflictError, NotFoundError
from wagtail.models import Page, Site

from sites.models import Agency
from sites.roots import SiteRoots
from sites.visibility import Visibility

from .adapters import ADAPTERS, adapter_for, related_lookups
from .client import get_client
from .documents import ContentDocument, alias_name, build_index, index_pattern
from .text import fold_normalised, normalise, tokens


def sync_version() -> int:
    """Microseconds of the database's clock: one clock for every worker and the rebuild."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint")
            return cursor.fetchone()[0]
    return time.time_ns() // 1000


def public_page(page_id: int) -> Page | None:
    """The page, specific, when it is live, public and on a site; otherwise None."""
    # Loaded as a rebuild loads it, so that a sync and a rebuild write the same document.
    return next(searchable_pages(searchable_rows([page_id])), None)


def content_hash(source: dict) -> str:
    """A digest of a document's fields: `search_reconcile` compares it with the document
    the database would give now."""
    encoded = orjson.dumps(source, option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


def build_document(
    page: Page, agencies: dict[int, str] | None = None, url_cache: object | None = None
) -> dict:
    """The document body of a public page (fields: `search.documents.ContentDocument`).

    `url_cache`: any object, on which Wagtail keeps the site root paths between pages (it
    would otherwise read them from the cache for every page)."""
    fields = adapter_for(page)(page)
    # searchable_pages() sets the site from one query for the whole run.
    site: Site = getattr(page, "_search_site", None) or page.get_site()
    if agencies is None:
        agencies = dict(Agency.objects.filter(site=site).values_list("site_id", "slug"))
    when = fields.pop("date", None)
    codes = [normalise(code) for code in fields.pop("codes", []) if code]
    source = source_fields(
        page_id=page.pk,
        content_type=page.specific_class._meta.label_lower,
        **text_fields(
            page.title,
            fields.pop("summary", ""),
            fields.pop("body", ""),
            fields.pop("keywords", ""),
            fields.pop("titles", []),
        ),
        codes=codes,
        codes_folded=[fold_normalised(code) for code in codes],
        url=page.get_full_url(url_cache),
        site_id=site.pk,
        site_slug=agencies.get(site.pk) or site.hostname,
        site_hostname=site.hostname,
        site_name=site.site_name or site.hostname,
        agency=agencies.get(site.pk),
        date=when,
        year=when.year if isinstance(when, date | datetime) else None,
        last_published_at=page.last_published_at,
        **fields,
    )
    source["content_hash"] = content_hash(source)
    return source


def text_fields(
    title: str, summary: str, body: str, keywords: str, titles: list[str] | None = None
) -> dict:
    """The text fields of a record, normalised, each with its folded copy; `titles`: other
    names it is known by (a procedure's full name), for the exact-title boost."""
    title, summary, body = normalise(title), normalise(summary), normalise(body)
    keywords = normalise(keywords)
    title_folded, summary_folded = fold_normalised(title), fold_normalised(summary)
    names = [title, *(normalise(name) for name in titles or [] if name)]
    return {
        "title": title,
        "title_folded": title_folded,
        "title_exact": list(dict.fromkeys(" ".join(tokens(fold_normalised(n))) for n in names)),
        "summary": summary,
        "summary_folded": summary_folded,
        "body": body,
        "body_folded": fold_normalised(body),
        "keywords": keywords,
        "keywords_folded": fold_normalised(keywords),
        "suggest": f"{title} {summary}",
        # fold() of the suggest text: both parts are normalised and folded already.
        "suggest_folded": " ".join(part for part in (title_folded, summary_folded) if part),
    }


# The fields the DSL passes through `Field.serialize` (dates, integers): their tuples become
# lists. Other fields' values go out as they are.
_MAPPING = ContentDocument._doc_type.mapping
_COERCED = frozenset(name for name in _MAPPING if _MAPPING[name]._coerce)


def source_fields(**fields) -> dict:
    """What `ContentDocument(**fields).to_dict(skip_empty=True)` returns, without the DSL's
    per-field lookups (a fifth of a rebuild's Python time): None and empty lists or dicts
    left out, empty strings, tuples and zeros kept."""
    source = {}
    for name, value in fields.items():
        if name in _COERCED and isinstance(value, list | tuple):
            value = list(value)
        if value is None or value == [] or value == {}:
            continue
        source[name] = value
    return source


def concrete_indices() -> list[str]:
    """The versioned indices behind the alias prefix, oldest first."""
    found = get_client().indices.get(index=index_pattern(), ignore_unavailable=True)
    return sorted(found.body)


def live_index() -> str | None:
    """The concrete index the alias points at."""
    try:
        aliases = get_client().indices.get_alias(name=alias_name())
    except NotFoundError:
        return None
    return next(iter(aliases.body), None)


def new_index_name() -> str:
    return f"{alias_name()}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def create_index(name: str) -> None:
    build_index(name).create(using=get_client())


def ensure_index() -> str:
    """The live concrete index, creating the first one (and the alias) when missing."""
    current = live_index()
    if current:
        return current
    name = new_index_name()
    create_index(name)
    get_client().indices.put_alias(index=name, name=alias_name())
    return name


def write_targets() -> list[str]:
    ensure_index()
    return concrete_indices()


def upsert(page: Page, document: dict | None = None, version: int | None = None) -> None:
    write(str(page.pk), document or build_document(page), version)


def write(key: str, document: dict, version: int | None = None) -> None:
    """Index `document` under `_id` `key` (a page's id, or "document-<id>": search.files)."""
    version = version or sync_version()
    es = get_client()
    for index in write_targets():
        try:
            es.index(
                index=index, id=key, document=document, version=version, version_type="external_gte"
            )
        except ConflictError:
            # A newer version is already indexed: nothing to do. Only a tombstone left by an
            # out-of-band delete (whose version is bumped) may block a write; overwrite it.
            if not es.exists(index=index, id=key):
                es.index(index=index, id=key, document=document)


def delete(key: int | str, version: int | None = None) -> None:
    """Delete the document (`key`: a page id or a `search.files.key`); versioned, so that
    its tombstone refuses an older write (a rebuild that read it before it was hidden)."""
    version = version or sync_version()
    es = get_client().options(ignore_status=(404, 409))  # 409: a newer write is there
    for index in write_targets():
        es.delete(index=index, id=str(key), version=version, version_type="external_gte")


Row = tuple[int, type[Page], Site]


def _site_roots(paths: list[str] | None) -> SiteRoots:
    """The sites that may hold the pages at `paths` (None: every page), found along their
    paths, not by a scan of every site per page. Of two sites on one root page, the last
    in `Site.objects`' order, as this module always picked."""
    if paths is None:
        return SiteRoots.every(last_wins=True)
    return SiteRoots.above(paths, last_wins=True)


def searchable_rows(page_ids: Iterable[int] | None = None) -> list[Row]:
    """(id, model, site) of every page that belongs in the index (or of those of
    `page_ids`), by id: public (`sites.visibility`) and of a searchable type."""
    models = {ContentType.objects.get_for_model(model).pk: model for model in ADAPTERS}
    rows = Visibility.anonymous().filter_pages(Page.objects.filter(content_type__in=models))
    if page_ids is not None:
        rows = rows.filter(pk__in=list(page_ids))
    listed = list(rows.order_by("pk").values_list("pk", "content_type_id", "path"))
    roots = _site_roots(None if page_ids is None else [path for _pk, _type, path in listed])
    found = []
    for pk, content_type, path in listed:
        site = roots.site_of(path)
        if site is not None:
            found.append((pk, models[content_type], site))
    return found


def count_searchable_pages() -> int:
    """How many documents a rebuild writes, without building them."""
    return len(searchable_rows())


def searchable_pages(rows: list[Row] | None = None, chunk_size: int = 500) -> Iterator[Page]:
    """The pages of `rows` (default: every page that belongs in the index) that are still
    public when their chunk is read, specific, with the related data the adapters read and
    `_search_version`, drawn before the chunk is read (see `sync_version`).

    Fetched a chunk at a time, one query per page type and related field: one query per
    page and field made rebuilds crawl."""
    rows = searchable_rows() if rows is None else rows
    for start in range(0, len(rows), chunk_size):
        by_model: dict[type[Page], list[int]] = {}
        for pk, model, _site in rows[start : start + chunk_size]:
            by_model.setdefault(model, []).append(pk)
        version = sync_version()
        # Read again with the chunk: a page hidden, moved or re-sited since the listing is
        # written as it is now, never as it was.
        visibility = Visibility.anonymous()
        pages = []
        for model, pks in by_model.items():
            select, prefetch = related_lookups(model)
            queryset = visibility.filter_pages(model.objects.filter(pk__in=pks))
            pages += queryset.select_related(*select).prefetch_related(*prefetch)
        roots = _site_roots([page.path for page in pages])
        for page in sorted(pages, key=lambda page: page.pk):
            site = roots.site_of(page.path)
            if site is None:
                continue
            # build_document() reads it instead of asking Wagtail per page.
            page._search_site = site
            page._search_version = version
            yield page
