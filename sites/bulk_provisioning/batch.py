"""A batch of new agencies, created in bulk with a constant number of statements."""

from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageLogEntry,
    Revision,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.models.workflows import GroupApprovalTask

from home.models import HomePage

from ..models import Agency, AgencyGroup
from ..provisioning import (
    DOCUMENTS_COLLECTION,
    IMAGES_COLLECTION,
    ProvisionResult,
    group_name,
    role_grants,
    workflow_name,
)
from ..roles import APPROVER_ROLES, Role
from .effects import _index_pages, _index_references, _signal_side_effects
from .rows import _Context, _new_page, _publish_rows
from .specs import SiteSpec
from .tree import _insert_multi_table, _next_positions, _sorted_children_paths, reserve_ids


def _create_batch(
    ctx: _Context, specs: list[SiteSpec], parents: dict[str, Agency]
) -> tuple[list[ProvisionResult], list[Page]]:
    """Create the whole set-up of each spec (all new agencies) in bulk; their results and
    pages."""
    count = len(specs)
    now = timezone.now()
    pages_per_site = 1 + len(ctx.sections)
    page_ids = reserve_ids(Page, count * pages_per_site)
    revision_ids = reserve_ids(Revision, count * pages_per_site)
    site_ids = reserve_ids(Site, count)
    agency_ids = reserve_ids(Agency, count)
    group_ids = reserve_ids(Group, count * len(Role))
    collection_ids = reserve_ids(Collection, count * 3)
    task_ids = reserve_ids(Task, count)
    workflow_ids = reserve_ids(Workflow, count)
    # As treebeard's add_child does: the parents locked while their children are placed.
    Page.objects.select_for_update().filter(pk=ctx.root.pk).exists()
    Collection.objects.select_for_update().filter(pk=ctx.collection_root.pk).exists()
    home_paths = _next_positions(ctx.root, count)
    collection_paths = _sorted_children_paths(ctx.collection_root, [spec.name for spec in specs])

    pages: list[Page] = []
    revisions: list[Revision] = []
    logs: list[PageLogEntry] = []
    sites, agencies, groups, links, collections = [], [], [], [], []
    page_perms, collection_perms, site_perms, model_perms = [], [], [], []
    tasks, task_groups, workflows, workflow_tasks, workflow_pages = [], [], [], [], []
    results = []
    group_through = Group.permissions.through
    task_group_through = GroupApprovalTask.groups.through

    for i, spec in enumerate(specs):
        created = ["agency", "site"]
        ids = iter(page_ids[i * pages_per_site : (i + 1) * pages_per_site])
        revs = iter(revision_ids[i * pages_per_site : (i + 1) * pages_per_site])
        home = _new_page(
            ctx,
            HomePage,
            id=next(ids),
            title=spec.name,
            slug=spec.slug,
            path=home_paths[i],
            depth=ctx.root.depth + 1,
            numchild=0,
            url_path=f"{ctx.root.url_path}{spec.slug}/",
        )
        site_pages = [home]
        for position, (model, title, slug) in enumerate(ctx.sections, start=1):
            site_pages.append(
                _new_page(
                    ctx,
                    model,
                    id=next(ids),
                    title=title,
                    slug=slug,
                    path=Page._get_path(home.path, home.depth + 1, position),
                    depth=home.depth + 1,
                    numchild=0,
                    url_path=f"{home.url_path}{slug}/",
                    show_in_menus=True,
                )
            )
            created.append(f"section:{slug}")
        for page in site_pages:
            revision, page_logs = _publish_rows(ctx, page, next(revs), now)
            revisions.append(revision)
            logs.extend(page_logs)
        # The sections were added after the home page's revision was taken.
        home.numchild = len(ctx.sections)
        pages.extend(site_pages)

        site = Site(
            id=site_ids[i],
            hostname=spec.hostname,
            port=spec.port,
            root_page=home,
            site_name=spec.name,
            is_default_site=False,
        )
        sites.append(site)
        parent = parents[spec.parent] if isinstance(spec.parent, str) else spec.parent
        agency = Agency(
            id=agency_ids[i],
            name=spec.name,
            slug=spec.slug,
            kind=spec.kind,
            short_name=spec.short_name,
            parent=parent,
            site=site,
        )
        agencies.append(agency)
        parents[spec.slug] = agency

        role_groups: dict[str, Group] = {}
        for j, role in enumerate(Role):
            group = Group(id=group_ids[i * len(Role) + j], name=group_name(spec.name, role))
            groups.append(group)
            links.append(AgencyGroup(agency=agency, role=role, group=group))
            role_groups[role] = group
            created.append(f"group:{role}")

        collection = Collection(
            id=collection_ids[i * 3],
            name=spec.name,
            path=collection_paths[i],
            depth=ctx.collection_root.depth + 1,
            numchild=2,
        )
        collections.append(collection)
        for position, child_name in enumerate((IMAGES_COLLECTION, DOCUMENTS_COLLECTION), start=1):
            collections.append(
                Collection(
                    id=collection_ids[i * 3 + position],
                    name=child_name,
                    path=Collection._get_path(collection.path, collection.depth + 1, position),
                    depth=collection.depth + 1,
                    numchild=0,
                )
            )
        created.append("collection")

        for role, group in role_groups.items():
            grants = role_grants(role, spec.kind)
            for codename in grants.page:
                page_perms.append(
                    GroupPagePermission(
                        group=group,
                        page_id=home.pk,
                        permission=ctx.permission(f"wagtailcore.{codename}"),
                    )
                )
                created.append(f"page-permission:{role}:{codename}")
            for dotted in grants.collection:
                collection_perms.append(
                    GroupCollectionPermission(
                        group=group, collection=collection, permission=ctx.permission(dotted)
                    )
                )
                created.append(f"collection-permission:{role}:{dotted}")
            for dotted in grants.site:
                site_perms.append(
                    GroupSitePermission(group=group, site=site, permission=ctx.permission(dotted))
                )
                created.append(f"site-permission:{role}:{dotted}")
            for dotted in dict.fromkeys(grants.model):
                model_perms.append(
                    group_through(group_id=group.pk, permission_id=ctx.permission(dotted).pk)
                )
                created.append(f"model-permission:{role}:{dotted}")

        name = workflow_name(spec.name)
        task = GroupApprovalTask(id=task_ids[i], task_ptr_id=task_ids[i], name=name, active=True)
        task.content_type_id = ctx.task_type
        tasks.append(task)
        task_groups.extend(
            task_group_through(groupapprovaltask_id=task.pk, group_id=role_groups[role].pk)
            for role in APPROVER_ROLES
        )
        workflow = Workflow(id=workflow_ids[i], name=name, active=True)
        workflows.append(workflow)
        workflow_tasks.append(WorkflowTask(workflow=workflow, task_id=task.pk, sort_order=0))
        workflow_pages.append(WorkflowPage(workflow=workflow, page_id=home.pk))
        created.append("workflow")
        results.append(
            ProvisionResult(
                agency=agency,
                site=site,
                groups=role_groups,
                collection=collection,
                workflow=workflow,
                created=created,
            )
        )

    # Parents before children: pages, then what points at them.
    _insert_multi_table(pages, Page)
    Page.objects.filter(pk=ctx.root.pk).update(numchild=F("numchild") + count)
    ctx.root.numchild += count
    Revision.objects.bulk_create(revisions)
    PageLogEntry.objects.bulk_create(logs)
    Site.objects.bulk_create(sites)
    Agency.objects.bulk_create(agencies)
    Group.objects.bulk_create(groups)
    AgencyGroup.objects.bulk_create(links)
    Collection.objects.bulk_create(collections)
    Collection.objects.filter(pk=ctx.collection_root.pk).update(numchild=F("numchild") + count)
    ctx.collection_root.numchild += count
    GroupPagePermission.objects.bulk_create(page_perms)
    GroupCollectionPermission.objects.bulk_create(collection_perms)
    GroupSitePermission.objects.bulk_create(site_perms)
    group_through.objects.bulk_create(model_perms)
    _insert_multi_table(tasks, Task)
    task_group_through.objects.bulk_create(task_groups)
    Workflow.objects.bulk_create(workflows)
    WorkflowTask.objects.bulk_create(workflow_tasks)
    WorkflowPage.objects.bulk_create(workflow_pages)
    _index_pages(pages)
    _index_references(
        [*pages, *revisions, *logs, *sites, *agencies, *groups, *links, *collections,
         *page_perms, *collection_perms, *site_perms, *tasks, *workflows, *workflow_tasks,
         *workflow_pages]
    )  # fmt: skip
    _signal_side_effects(pages)
    return results, pages
