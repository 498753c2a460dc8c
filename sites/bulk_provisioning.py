"""Provisioning many agency sites at once, with the same result as the one-site service.

`provision_agency_site` makes one site in ~830 queries. Here a batch of new agencies is
written with a constant number of statements: ids reserved up front, treebeard paths worked
out in Python, rows inserted with COPY or bulk_create. What the one-site service gets from
signal handlers (Wagtail's log entries, revisions and search index rows, the search sync
tasks, the API's response versions, the site caches) is done once for the batch.

Agencies that already exist (to be completed) and the default site go through the one-site
service, in the order of the specs, so the tree is the same as provisioning one by one.
"""

import dataclasses
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.models.workflows import GroupApprovalTask

from home.models import HomePage

from .models import Agency, AgencyGroup
from .provisioning import (
    DOCUMENTS_COLLECTION,
    IMAGES_COLLECTION,
    ProvisioningError,
    ProvisionResult,
    group_name,
    installed_sections,
    provision_agency_site,
    role_grants,
    workflow_name,
)
from .roles import APPROVER_ROLES, Role

MAX_PORT = 65535


@dataclass(frozen=True)
class SiteSpec:
    """The arguments of `provision_agency_site` for one site. `parent` may also be the slug
    of an existing agency or of an earlier spec of the same batch."""

    name: str
    slug: str
    hostname: str
    port: int = 80
    kind: str = Agency.Kind.DEPARTMENT
    short_name: str = ""
    parent: Agency | str | None = None
    is_default: bool = False

    def service_kwargs(self, parent: Agency | None) -> dict:
        """The keyword arguments of `provision_agency_site`, with the parent resolved."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)} | {
            "parent": parent
        }


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based, as in the input file
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, field {self.field}: {self.reason}"


class BatchProvisioningError(ProvisioningError):
    """Some specs are invalid or conflict; nothing was written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


# ---------------------------------------------------------------------------------------
# Validation: every problem of the batch, before anything is written.


def _text_errors(number: int, spec: SiteSpec) -> list[RowError]:
    errors = []
    limits = {"name": 255, "slug": 50, "hostname": 255, "short_name": 100}
    for name, limit in limits.items():
        value = getattr(spec, name)
        if not isinstance(value, str) or (name != "short_name" and not value.strip()):
            errors.append(RowError(number, name, _("Thiếu giá trị.")))
        elif len(value) > limit:
            errors.append(RowError(number, name, _("Dài quá %(limit)s ký tự.") % {"limit": limit}))
    if isinstance(spec.slug, str) and spec.slug:
        try:
            validate_slug(spec.slug)
        except ValidationError:
            errors.append(
                RowError(number, "slug", _("Chỉ dùng chữ không dấu, số, gạch nối, gạch dưới."))
            )
    if not isinstance(spec.port, int) or isinstance(spec.port, bool):
        errors.append(RowError(number, "port", _("Cổng phải là số nguyên.")))
    elif not 1 <= spec.port <= MAX_PORT:
        errors.append(RowError(number, "port", _("Cổng phải từ 1 đến 65535.")))
    if spec.kind not in Agency.Kind.values:
        errors.append(
            RowError(
                number,
                "kind",
                _("Loại '%(kind)s' không hợp lệ (chọn một trong: %(choices)s).")
                % {"kind": spec.kind, "choices": ", ".join(Agency.Kind.values)},
            )
        )
    return errors


def _validate(specs: Sequence[SiteSpec]) -> dict[str, Agency]:
    """Raise BatchProvisioningError listing every invalid or conflicting spec. Returns the
    existing agencies by slug (the specs' own and the parents they name)."""
    errors: list[RowError] = []
    slugs = {spec.slug for spec in specs if isinstance(spec.slug, str)}
    parent_slugs = {spec.parent for spec in specs if isinstance(spec.parent, str)}
    agencies = {
        agency.slug: agency
        for agency in Agency.objects.filter(slug__in=slugs | parent_slugs).select_related("site")
    }
    addresses = {(spec.hostname, spec.port) for spec in specs}
    hosts = {spec.hostname for spec in specs}
    site_of_address = {
        (hostname, port): pk
        for pk, hostname, port in Site.objects.filter(hostname__in=hosts).values_list(
            "pk", "hostname", "port"
        )
        if (hostname, port) in addresses
    }
    root_children = Page.get_first_root_node().get_children()
    root_slugs = set(root_children.filter(slug__in=slugs).values_list("slug", flat=True))
    first_of_slug: dict[str, int] = {}
    first_of_address: dict[tuple[str, int], int] = {}
    first_of_name: dict[str, int] = {}
    for number, spec in enumerate(specs, start=1):
        row_errors = _text_errors(number, spec)
        errors.extend(row_errors)
        if row_errors:
            continue
        existing = agencies.get(spec.slug)
        if spec.slug in first_of_slug:
            errors.append(
                RowError(
                    number,
                    "slug",
                    _("Trùng mã định danh với dòng %(row)s.") % {"row": first_of_slug[spec.slug]},
                )
            )
        address = (spec.hostname, spec.port)
        if address in first_of_address:
            errors.append(
                RowError(
                    number,
                    "hostname",
                    _("Trùng tên miền %(host)s:%(port)s với dòng %(row)s.")
                    % {"host": spec.hostname, "port": spec.port, "row": first_of_address[address]},
                )
            )
        elif existing is not None and existing.site_id:
            if (existing.site.hostname, existing.site.port) != address:
                errors.append(
                    RowError(
                        number,
                        "hostname",
                        _("Cơ quan %(slug)s đã có trang tại %(host)s:%(port)s.")
                        % {
                            "slug": spec.slug,
                            "host": existing.site.hostname,
                            "port": existing.site.port,
                        },
                    )
                )
        elif address in site_of_address:
            errors.append(
                RowError(
                    number,
                    "hostname",
                    _("Tên miền %(host)s:%(port)s đã thuộc về một trang khác.")
                    % {"host": spec.hostname, "port": spec.port},
                )
            )
        if existing is None and spec.name in first_of_name:
            # Both would claim the same groups and collection, named after the agency.
            errors.append(
                RowError(
                    number,
                    "name",
                    _("Trùng tên cơ quan với dòng %(row)s.") % {"row": first_of_name[spec.name]},
                )
            )
        if existing is None and spec.slug in root_slugs:
            errors.append(
                RowError(
                    number,
                    "slug",
                    _("Đã có trang gốc với đường dẫn '%(slug)s'.") % {"slug": spec.slug},
                )
            )
        if (
            isinstance(spec.parent, str)
            and spec.parent not in agencies
            and spec.parent not in first_of_slug
        ):
            errors.append(
                RowError(
                    number,
                    "parent",
                    _("Không có cơ quan với mã '%(slug)s' (ở dòng trước hoặc đã có).")
                    % {"slug": spec.parent},
                )
            )
        first_of_slug.setdefault(spec.slug, number)
        first_of_address.setdefault(address, number)
        first_of_name.setdefault(spec.name, number)
    if errors:
        raise BatchProvisioningError(errors)
    return agencies


# ---------------------------------------------------------------------------------------
# Writing many rows.


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
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


def _copy(model: type[models.Model], objs: list[models.Model], *, local_only: bool) -> None:
    """COPY into the model's own table (or, with `local_only`, only its multi-table child
    table: bulk_create refuses models with parents)."""
    if not objs:
        return
    meta = model._meta
    fields = meta.local_concrete_fields if local_only else meta.concrete_fields
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
    _copy(base, objs, local_only=False)
    by_class: dict[type, list] = {}
    for obj in objs:
        by_class.setdefault(type(obj), []).append(obj)
    for model, rows in by_class.items():
        for ancestor in reversed(model._meta.get_parent_list()):
            if ancestor is not base and not ancestor._meta.abstract:
                _copy(ancestor, rows, local_only=True)
        _copy(model, rows, local_only=True)


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


@dataclass
class _Context:
    """What every batch reads once."""

    root: Page
    collection_root: Collection
    content_types: dict[type, int]
    page_type: int
    task_type: int
    permissions: dict[str, Permission]
    sections: list[tuple[type[Page], str, str]]
    log_uuid: uuid.UUID | None

    @classmethod
    def load(cls) -> "_Context":
        sections = installed_sections()
        models_ = [HomePage, *(model for model, _title, _slug in sections), GroupApprovalTask]
        types = ContentType.objects.get_for_models(*models_, Page, for_concrete_models=False)
        permissions = {
            f"{permission.content_type.app_label}.{permission.codename}": permission
            for permission in Permission.objects.select_related("content_type")
        }
        return cls(
            root=Page.get_first_root_node(),
            collection_root=Collection.get_first_root_node(),
            content_types={model: ct.pk for model, ct in types.items()},
            page_type=types[Page].pk,
            task_type=types[GroupApprovalTask].pk,
            permissions=permissions,
            sections=sections,
            log_uuid=get_active_log_context().uuid,
        )

    def permission(self, dotted: str) -> Permission:
        try:
            return self.permissions[dotted]
        except KeyError:
            raise Permission.DoesNotExist(dotted) from None


def _new_page(ctx: _Context, model: type[Page], **fields) -> Page:
    """A page as add_child leaves it (before save_revision)."""
    page = model(
        page_ptr_id=fields["id"],
        content_type_id=ctx.content_types[model],
        locale_id=ctx.root.locale_id,
        translation_key=uuid.uuid4(),
        draft_title=fields["title"],
        live=True,
        has_unpublished_changes=False,
        **fields,
    )
    # A new page has no inline children (comments…): known empty, not read for each page
    # by its revision's content and the reference index.
    for relation in get_all_child_relations(model):
        setattr(page, relation.get_accessor_name(), [])
    return page


def _publish_rows(
    ctx: _Context, page: Page, revision_id: int, now
) -> tuple[Revision, list[PageLogEntry]]:
    """The revision save_revision() takes (of the page as add_child left it) and the log
    entries of its creation and publishing; then the page as publish() leaves it."""
    revision = Revision(
        id=revision_id,
        content_type_id=page.content_type_id,
        base_content_type_id=ctx.page_type,
        object_id=str(page.pk),
        created_at=now,
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision_id = page.live_revision_id = revision_id
    page.latest_revision_created_at = page.first_published_at = page.last_published_at = now
    label = page.get_admin_display_title()
    logs = [
        PageLogEntry(
            content_type_id=page.content_type_id,
            label=label,
            action=action,
            timestamp=now,
            data={},
            page_id=page.pk,
            uuid=ctx.log_uuid,
            content_changed=True,
            revision_id=revision_of_action,
        )
        for action, revision_of_action in (
            ("wagtail.create", None),
            ("wagtail.publish", revision_id),
        )
    ]
    return revision, logs


def _create_batch(
    ctx: _Context, specs: list[SiteSpec], parents: dict[str, Agency]
) -> tuple[list[ProvisionResult], list[Page]]:
    """Create the whole set-up of each spec (all new agencies) in bulk; their results and
    pages."""
    count = len(specs)
    now = timezone.now()
    pages_per_site = 1 + len(ctx.sections)
    page_ids = _reserve_ids(Page, count * pages_per_site)
    revision_ids = _reserve_ids(Revision, count * pages_per_site)
    site_ids = _reserve_ids(Site, count)
    agency_ids = _reserve_ids(Agency, count)
    group_ids = _reserve_ids(Group, count * len(Role))
    collection_ids = _reserve_ids(Collection, count * 3)
    task_ids = _reserve_ids(Task, count)
    workflow_ids = _reserve_ids(Workflow, count)
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
    """In the transaction, what the project's page_published handlers write: the search sync
    of each page (search.signal_handlers) and the webhook deliveries (api.signal_handlers;
    a new site has no endpoint yet, but an endpoint of a site above it would)."""
    from api.webhooks.events import record_events
    from search.tasks import enqueue_sync

    enqueue_sync(page.pk for page in pages)
    record_events([("page.published", page) for page in pages])


def _after_batch(pages: list[Page]) -> None:
    """Once for all the batches, what the handlers of page_published and of Site and Agency
    post_save do after each save: new response versions and the CDN purge of the pages'
    API URLs (api.invalidation), and the caches of sites (Wagtail's root paths, the
    search's host → site answers, the retired hostnames of the redirect catch-all)."""
    from api import invalidation, versions
    from search.params import forget_request_sites

    from .reorganisation import redirects

    invalidation.tables_changed()
    # New pages have no referrers yet (ids are never reused): only the sites showing them.
    sites = invalidation.sites_showing([page.url_path for page in pages])
    versions.bump_sites({site.pk for site in sites})
    versions.bump_global()  # sites and agencies saved
    by_root = {site.root_page.url_path: site for site in sites}
    urls = []
    for page in pages:
        parts = page.url_path.split("/")[1:-1]
        prefixes = ["/", *("/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts)))]
        showing = [by_root[prefix] for prefix in prefixes if prefix in by_root]
        urls.extend(invalidation.api_urls_for_page(page, sites=showing))
    transaction.on_commit(lambda: invalidation.purge_frontend_cache(sorted(set(urls))))
    Site.clear_site_root_paths_cache()
    transaction.on_commit(Site.clear_site_root_paths_cache)
    forget_request_sites()
    transaction.on_commit(forget_request_sites)
    transaction.on_commit(redirects.forget_retired_hostnames)


# ---------------------------------------------------------------------------------------


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
