"""What the one-site service gets from signal handlers, done once for a batch: the search
index rows and their title norms, the reference index, the search sync and webhook
deliveries, and the API's response versions and the site caches after all the batches."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from modelcluster.fields import ParentalKey
from wagtail.models import Page, ReferenceIndex, Site

from ..signals import pages_bulk_published, sites_bulk_provisioned


def _index_pages(pages: list[Page]) -> None:
    """Wagtail's database search index rows, which its post_save handler writes for each
    page, with the title norms of one-by-one saves (below)."""
    from modelsearch.index import get_search_backends_with_name
    from wagtail.search.models import IndexEntry

    by_class: dict[type, list] = {}
    for page in pages:
        by_class.setdefault(type(page), []).append(page)
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), coalesce(sum(length(title)), 0) FROM {table}"
                       " WHERE length(title) > 0")  # fmt: skip
        count, total = cursor.fetchone()
        cursor.execute(f"SELECT id, length(title) FROM {table} WHERE title_norm = 1.0"
                       " AND length(title) > 0")  # fmt: skip
        unset = dict(cursor.fetchall())
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        for model, objs in by_class.items():
            backend.add_bulk(model, objs)
    if not unset and not pages:
        return
    _replay_title_norms(pages, count, total, unset)


def _replay_title_norms(pages: list[Page], count: int, total: int, unset: dict) -> None:
    """Each save of a page sets its entry's title_norm to 1.0, then every entry at 1.0 to
    lavg / its title's length, lavg being the average length of the titles then indexed
    (modelsearch's `_refresh_title_norms`). The bulk insert saw only the final average:
    the norms are replayed here page by page, in the order the service saves them."""
    from wagtail.search.models import IndexEntry

    types = ContentType.objects.get_for_models(*{type(page) for page in pages})
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    keys = [(types[type(page)].pk, str(page.pk)) for page in pages]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.content_type_id, e.object_id, e.id, length(e.title) FROM {table} e"
            " JOIN unnest(%s::int[], %s::text[]) AS k(ct, oid)"
            " ON e.content_type_id = k.ct AND e.object_id = k.oid",
            [[ct for ct, _oid in keys], [oid for _ct, oid in keys]],
        )
        entries = {(ct, oid): (pk, length) for ct, oid, pk, length in cursor.fetchall()}
        # The averages as PostgreSQL's AVG computes them (numeric), read as Django reads them.
        sums, counts = [], []
        for key in keys:
            length = entries[key][1] if key in entries else 0
            if length > 0:
                count, total = count + 1, total + length
            sums.append(total)
            counts.append(count)
        cursor.execute(
            "SELECT CASE WHEN n > 0 THEN (s::numeric / n::numeric)::text END"
            " FROM unnest(%s::bigint[], %s::bigint[]) WITH ORDINALITY AS t(s, n, i) ORDER BY i",
            [sums, counts],
        )
        averages = [float(row[0]) if row[0] is not None else None for row in cursor.fetchall()]
    # Django binds the average into the SQL as a literal, so PostgreSQL divides it as a
    # numeric: the division is left to it, from the same literal (an entry's lavg or 1.0).
    norms: dict[int, str | None] = {}
    for key, lavg in zip(keys, averages, strict=True):
        if key not in entries:
            continue
        pk, length = entries[key]
        norms[pk] = None
        if length > 0:
            unset[pk] = length
        if lavg is None:
            continue
        for entry, entry_length in list(unset.items()):
            norms[entry] = repr(lavg)
            if Decimal(repr(lavg)) != entry_length:
                del unset[entry]
    if norms:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} e SET title_norm = coalesce(v.lavg::numeric / length(e.title),"
                " 1.0) FROM unnest(%s::int[], %s::text[]) AS v(id, lavg) WHERE e.id = v.id",
                [list(norms), list(norms.values())],
            )


def _index_references(objs: list[models.Model]) -> None:
    """Wagtail's reference index rows, which its post_save handler writes for each saved
    object of a tracked model (for an inline child: its parent), e.g. an agency's parent."""
    targets: dict[tuple[type, int], models.Model] = {}
    for obj in objs:
        if type(obj) not in ReferenceIndex.tracked_models:
            continue
        parental = [f for f in obj._meta.get_fields() if isinstance(f, ParentalKey)]
        if parental:
            obj = getattr(obj, parental[0].name)
        if obj is not None and ReferenceIndex.is_indexed(type(obj)):
            targets[(type(obj), obj.pk)] = obj
    rows = []
    for obj in targets.values():
        chain = [obj, *obj._meta.get_parent_list()]
        types = [ContentType.objects.get_for_model(m, for_concrete_model=False) for m in chain]
        for to_type, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(obj)
        ):
            rows.append(
                ReferenceIndex(
                    content_type=types[0],
                    base_content_type=types[-1],
                    object_id=obj.pk,
                    to_content_type_id=to_type,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=True)


def _signal_side_effects(pages: list[Page]) -> None:
    """In the transaction, what the page_published handlers write (the search syncs, the
    webhook deliveries: a new site has no endpoint yet, but a site above it may)."""
    pages_bulk_published.send(sender=Page, pages=pages)


def _after_batch(pages: list[Page]) -> None:
    """Once for all the batches, what the handlers of page_published and of Site and Agency
    post_save do after each save: the other apps' (sites_bulk_provisioned), and this app's
    caches of sites (Wagtail's root paths, the retired hostnames of the redirect
    catch-all)."""
    from ..reorganisation import redirects

    sites_bulk_provisioned.send(sender=Site, pages=pages)
    Site.clear_site_root_paths_cache()
    transaction.on_commit(Site.clear_site_root_paths_cache)
    transaction.on_commit(redirects.forget_retired_hostnames)
