"""`provision_agency_sites`: the specs in runs, new agencies in bulk batches, the others
through the one-site service, in the order of the specs."""

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import Group
from django.db import connection, transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    WorkflowPage,
)

from ..models import Agency, AgencyGroup
from ..provisioning import (
    DOCUMENTS_COLLECTION,
    IMAGES_COLLECTION,
    ProvisionResult,
    group_name,
    provision_agency_site,
    role_grants,
)
from ..roles import Role
from .batch import _create_batch
from .effects import _after_batch
from .rows import _Context
from .specs import SiteSpec
from .validation import _validate


def _one_by_one(spec: SiteSpec, parents: dict[str, Agency]) -> ProvisionResult:
    parent = parents[spec.parent] if isinstance(spec.parent, str) else spec.parent
    result = provision_agency_site(**spec.service_kwargs(parent))
    parents[spec.slug] = result.agency
    return result


def _complete_results(agencies: list[Agency]) -> dict[int, ProvisionResult]:
    """The results, by agency id, of the agencies the one-site service would leave as they
    are (it would write nothing): their site, sections, groups, collections, permissions
    and workflow all there. Read in a few queries, so that re-running a large file is quick;
    any agency with something missing is left to the service."""
    agencies = [agency for agency in agencies if agency.site_id]
    if not agencies:
        return {}
    ctx = _Context.load()
    sites = {agency.site_id: agency.site for agency in agencies}
    roots = {site.root_page_id: site for site in sites.values()}
    homes = dict(Page.objects.filter(pk__in=roots).values_list("pk", "path"))
    with connection.cursor() as cursor:
        page_table = connection.ops.quote_name(Page._meta.db_table)
        cursor.execute(
            f"SELECT p.id, c.slug FROM {page_table} p JOIN {page_table} c"
            " ON c.path LIKE p.path || '%%' AND c.depth = p.depth + 1 WHERE p.id = ANY(%s)",
            [list(homes)],
        )
        sections: dict[int, set[str]] = {}
        for home_id, slug in cursor.fetchall():
            sections.setdefault(home_id, set()).add(slug)
    links: dict[int, dict[str, Group]] = {}
    for link in AgencyGroup.objects.filter(agency__in=agencies).select_related("group"):
        links.setdefault(link.agency_id, {})[link.role] = link.group
    names = {agency.name for agency in agencies}
    collections: dict[str, Collection] = {}
    for collection in ctx.collection_root.get_children().filter(name__in=names).order_by("path"):
        collections.setdefault(collection.name, collection)
    media = {
        (child.path[: -Collection.steplen], child.name)
        for child in Collection.objects.filter(
            depth=ctx.collection_root.depth + 2,
            name__in=[IMAGES_COLLECTION, DOCUMENTS_COLLECTION],
        ).only("path", "name")
    }
    group_ids = [group.pk for groups in links.values() for group in groups.values()]
    page_perms = set(
        GroupPagePermission.objects.filter(group__in=group_ids).values_list(
            "group", "page", "permission"
        )
    )
    collection_perms = set(
        GroupCollectionPermission.objects.filter(group__in=group_ids).values_list(
            "group", "collection", "permission"
        )
    )
    site_perms = set(
        GroupSitePermission.objects.filter(group__in=group_ids).values_list(
            "group", "site", "permission"
        )
    )
    model_perms = set(
        Group.permissions.through.objects.filter(group__in=group_ids).values_list(
            "group", "permission"
        )
    )
    workflows = {
        link.page_id: link.workflow
        for link in WorkflowPage.objects.filter(page__in=list(roots)).select_related("workflow")
    }
    results = {}
    for agency in agencies:
        site = sites[agency.site_id]
        home = site.root_page_id
        groups = links.get(agency.pk, {})
        collection = collections.get(agency.name)
        if (
            home not in homes
            or any(slug not in sections.get(home, ()) for _m, _t, slug in ctx.sections)
            or set(groups) != set(Role)
            or collection is None
            or (collection.path, IMAGES_COLLECTION) not in media
            or (collection.path, DOCUMENTS_COLLECTION) not in media
            or home not in workflows
        ):
            continue
        granted = True
        for role in Role:
            group, grants = groups[role].pk, role_grants(role, agency.kind)
            permission = ctx.permission
            granted = (
                granted
                and all(
                    (group, home, permission(f"wagtailcore.{codename}").pk) in page_perms
                    for codename in grants.page
                )
                and all(
                    (group, collection.pk, permission(dotted).pk) in collection_perms
                    for dotted in grants.collection
                )
                and all(
                    (group, site.pk, permission(dotted).pk) in site_perms for dotted in grants.site
                )
                and all((group, permission(dotted).pk) in model_perms for dotted in grants.model)
            )
        if granted:
            results[agency.pk] = ProvisionResult(
                agency=agency,
                site=site,
                groups={role: groups[role] for role in Role},
                collection=collection,
                workflow=workflows[home],
            )
    return results


def _needs_service(spec: SiteSpec, existing: dict[str, Agency], taken_names: set[str]) -> bool:
    """Completed or adopted by the one-site service: an existing agency, the default site, or
    an agency whose groups or collection exist already under its name."""
    return spec.slug in existing or spec.is_default or spec.name in taken_names


def _taken_names(specs: Sequence[SiteSpec]) -> set[str]:
    """Agency names whose groups or top-level collection exist already."""
    names = {spec.name for spec in specs}
    group_names = {group_name(name, role): name for name in names for role in Role}
    taken = {
        group_names[name]
        for name in Group.objects.filter(name__in=group_names).values_list("name", flat=True)
    }
    collections = Collection.get_first_root_node().get_children().filter(name__in=names)
    return taken | set(collections.values_list("name", flat=True))


def _runs(specs: Sequence[SiteSpec], bulk: list[bool], batch_size: int) -> Iterable[tuple]:
    """Consecutive specs of the same path, the bulk ones in batches of `batch_size`."""
    start = 0
    while start < len(specs):
        end = start + 1
        while (
            end < len(specs)
            and bulk[end] == bulk[start]
            and (not bulk[start] or end - start < batch_size)
        ):
            end += 1
        yield bulk[start], list(range(start, end))
        start = end


@transaction.atomic
def provision_agency_sites(
    specs: Sequence[SiteSpec], *, batch_size: int = 200
) -> list[ProvisionResult]:
    """Provision every spec, in order, as `provision_agency_site` would one by one, and
    return their results in the same order. All or nothing; invalid or conflicting specs
    raise BatchProvisioningError (row numbers from 1) before anything is written."""
    specs = list(specs)
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    existing = _validate(specs)
    parents = dict(existing)
    taken = _taken_names(specs)
    bulk = [not _needs_service(spec, existing, taken) for spec in specs]
    complete = _complete_results([existing[spec.slug] for spec in specs if spec.slug in existing])
    results: list[ProvisionResult | None] = [None] * len(specs)
    ctx = None
    pages: list[Page] = []
    for is_bulk, indexes in _runs(specs, bulk, batch_size):
        if not is_bulk:
            for index in indexes:
                agency = existing.get(specs[index].slug)
                found = complete.get(agency.pk) if agency else None
                results[index] = found or _one_by_one(specs[index], parents)
            ctx = None  # the service moved the trees
            continue
        ctx = ctx or _Context.load()
        batch, batch_pages = _create_batch(ctx, [specs[index] for index in indexes], parents)
        for index, result in zip(indexes, batch, strict=True):
            results[index] = result
        pages.extend(batch_pages)
    if pages:
        _after_batch(pages)
    return results
