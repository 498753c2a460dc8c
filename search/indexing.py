"""Building documents from pages and writing them: the only writer to Elasticsearch.

Every write goes to each concrete index behind the alias prefix, so that a rebuild in
progress receives the same updates as the live index. Writes carry an external version
(the page's last-published time), so a late retry never overwrites newer data.
"""

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from elasticsearch import ConflictError, NotFoundError
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from sites.models import Agency

from .adapters import ADAPTERS, RELATED, adapter_for
from .client import get_client
from .documents import ContentDocument, alias_name, build_index, index_pattern
from .text import fold, normalise


def public_page(page_id: int) -> Page | None:
    """The page, specific, when it is live, public and on a site; otherwise None."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    return page if adapter_for(page) and page.get_site() else None


def page_version(page: Page) -> int:
    """Microseconds of the last publish: grows with every publish of the page."""
    published = page.last_published_at or page.latest_revision_created_at or timezone.now()
    return int(published.timestamp() * 1_000_000)


def build_document(page: Page, agencies: dict[int, str] | None = None) -> dict:
    """The document body of a public page (see `search.documents.ContentDocument`)."""
    fields = adapter_for(page)(page)
    # searchable_pages() sets the site from one query for the whole run.
    site: Site = getattr(page, "_search_site", None) or page.get_site()
    if agencies is None:
        agencies = dict(Agency.objects.filter(site=site).values_list("site_id", "slug"))
    title = normalise(page.title)
    summary = normalise(fields.pop("summary", ""))
    body = normalise(fields.pop("body", ""))
    keywords = normalise(fields.pop("keywords", ""))
    codes = [normalise(code) for code in fields.pop("codes", []) if code]
    when = fields.pop("date", None)
    doc = ContentDocument(
        page_id=page.pk,
        content_type=page.specific_class._meta.label_lower,
        title=title,
        title_folded=fold(title),
        title_exact=fold(title),
        summary=summary,
        summary_folded=fold(summary),
        body=body,
        body_folded=fold(body),
        keywords=keywords,
        keywords_folded=fold(keywords),
        codes=codes,
        codes_folded=[fold(code) for code in codes],
        suggest=f"{title} {summary}",
        suggest_folded=fold(f"{title} {summary}"),
        url=page.get_full_url(),
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
    return doc.to_dict(skip_empty=True)


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


def upsert(page: Page, document: dict | None = None) -> None:
    document = document or build_document(page)
    es = get_client()
    for index in write_targets():
        try:
            es.index(
                index=index,
                id=str(page.pk),
                document=document,
                version=page_version(page),
                version_type="external_gte",
            )
        except ConflictError:
            # A newer version is already indexed: nothing to do. Only a tombstone left by an
            # out-of-band delete (whose version is bumped) may block a write; overwrite it.
            if not es.exists(index=index, id=str(page.pk)):
                es.index(index=index, id=str(page.pk), document=document)


def delete(page_id: int) -> None:
    for index in write_targets():
        get_client().options(ignore_status=404).delete(index=index, id=str(page_id))


def _site_of(path: str, roots: list[tuple[str, Site]]) -> Site | None:
    return next((site for root, site in roots if path.startswith(root)), None)


def _prefetch_streams(pages: list[Page]) -> None:
    """Convert the StreamField blocks of a whole chunk together, a block type at a time.

    Wagtail converts a stream's blocks per page (one image query per news page); this does
    what its StreamValue._prefetch_blocks does, across pages, so a chunk costs one query
    per block type."""
    pending: dict[int, list[tuple[StreamValue, int]]] = {}
    blocks = {}
    for page in pages:
        for field in page._meta.get_fields():
            if not isinstance(field, StreamField):
                continue
            stream = getattr(page, field.name)
            for i, raw in enumerate(stream._raw_data):
                if stream._bound_blocks[i] is None:
                    child = stream.stream_block.child_blocks[raw["type"]]
                    blocks[id(child)] = child
                    pending.setdefault(id(child), []).append((stream, i))
    for key, items in pending.items():
        child = blocks[key]
        values = child.bulk_to_python([stream._raw_data[i]["value"] for stream, i in items])
        for (stream, i), value in zip(items, values, strict=True):
            stream._bound_blocks[i] = StreamValue.StreamChild(
                child, value, id=stream._raw_data[i].get("id")
            )


def searchable_pages(chunk_size: int = 500, part: int = 0, parts: int = 1):
    """Every page that belongs in the index, specific, with the related data the adapters read.

    Fetched a chunk at a time, one query per page type and related field: one query per
    page and field made rebuilds crawl."""
    sites = Site.objects.select_related("root_page")
    # Deepest root first: a page belongs to the nearest site root above it.
    roots = sorted(((s.root_page.path, s) for s in sites), key=lambda r: -len(r[0]))
    models = {ContentType.objects.get_for_model(model).pk: model for model in ADAPTERS}
    rows = Page.objects.live().public().filter(content_type__in=models).order_by("pk")
    # `parts` > 1: this call's share of the pages, for a rebuild in several processes.
    ids = list(rows.values_list("pk", "content_type_id"))[part::parts]
    for start in range(0, len(ids), chunk_size):
        by_model: dict[type[Page], list[int]] = {}
        for pk, content_type in ids[start : start + chunk_size]:
            by_model.setdefault(models[content_type], []).append(pk)
        pages = []
        for model, pks in by_model.items():
            select, prefetch = RELATED.get(model, ([], []))
            pages += (
                model.objects.filter(pk__in=pks).select_related(*select).prefetch_related(*prefetch)
            )
        _prefetch_streams(pages)
        for page in sorted(pages, key=lambda page: page.pk):
            page._search_site = _site_of(page.path, roots)
            if page._search_site is not None:
                yield page
