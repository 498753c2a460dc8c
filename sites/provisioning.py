"""Creating an agency's site with its whole editorial set-up in one safe operation."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.models.workflows import GroupApprovalTask

from home.models import HomePage

from .models import Agency, AgencyGroup
from .roles import (
    APPROVER_ROLES,
    COLLECTION_PERMISSIONS,
    PAGE_PERMISSIONS,
    SITE_PERMISSIONS,
    Role,
    model_permissions_for,
)

# The standard sections of every site, by page type. A type whose app isn't installed is
# skipped, so provisioning keeps working while content types come and go.
SECTIONS = [
    ("news.NewsIndexPage", "Tin tức", "tin-tuc"),
    ("procedures.ProcedureIndexPage", "Thủ tục hành chính", "thu-tuc-hanh-chinh"),
    ("legaldocs.LegalDocumentIndexPage", "Văn bản", "van-ban"),
    ("home.StandardPage", "Giới thiệu", "gioi-thieu"),
]


def installed_sections() -> list[tuple[type[Page], str, str]]:
    """(model, title, slug) of the standard sections whose app is installed, in order."""
    sections = []
    for model_label, title, slug in SECTIONS:
        try:
            sections.append((apps.get_model(model_label), title, slug))
        except LookupError:
            continue
    return sections


def group_name(agency_name: str, role: str) -> str:
    return f"{agency_name} – {Role(role).label}"


def workflow_name(agency_name: str) -> str:
    return f"{_('Duyệt bài')} – {agency_name}"


@dataclass(frozen=True)
class RoleGrants:
    """What a role's group is granted: page permission codenames on the site's root,
    collection, site and model permissions ("app_label.codename")."""

    page: list[str]
    collection: list[str]
    site: list[str]
    model: list[str]


def role_grants(role: str, agency_kind: str) -> RoleGrants:
    return RoleGrants(
        page=PAGE_PERMISSIONS[role],
        collection=COLLECTION_PERMISSIONS[role],
        site=SITE_PERMISSIONS[role],
        model=model_permissions_for(role, agency_kind),
    )


class ProvisioningError(Exception):
    """The request conflicts with what exists; nothing was changed."""


@dataclass
class ProvisionResult:
    agency: Agency
    site: Site
    groups: dict[str, Group]
    collection: Collection
    workflow: Workflow
    created: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _ensure_agency(
    *, name: str, slug: str, kind: str, short_name: str, parent: Agency | None, created: list
) -> Agency:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        created.append("agency")
        return Agency.objects.create(
            name=name, slug=slug, kind=kind, short_name=short_name, parent=parent
        )
    return agency


def _adoptable_default_root() -> Page | None:
    """The untouched HomePage of the stock default site from the initial migration."""
    stock = Site.objects.filter(is_default_site=True, hostname="localhost").first()
    if stock is None or Agency.objects.filter(site=stock).exists():
        return None
    root = stock.root_page
    if root.get_children().exists() or root.specific_class is not HomePage:
        return None
    stock.delete()
    return root


def _ensure_site(
    agency: Agency, *, hostname: str, port: int, is_default: bool, created: list
) -> Site:
    if agency.site_id:
        site = agency.site
        if site.hostname != hostname or site.port != port:
            raise ProvisioningError(
                _("Cơ quan %(slug)s đã có trang tại %(host)s:%(port)s.")
                % {"slug": agency.slug, "host": site.hostname, "port": site.port}
            )
        return site
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise ProvisioningError(
            _("Tên miền %(host)s:%(port)s đã thuộc về một trang khác.")
            % {"host": hostname, "port": port}
        )
    home = _adoptable_default_root() if is_default else None
    if home is None:
        root = Page.get_first_root_node()
        if root.get_children().filter(slug=agency.slug).exists():
            raise ProvisioningError(
                _("Đã có trang gốc với đường dẫn '%(slug)s'.") % {"slug": agency.slug}
            )
        home = root.add_child(instance=HomePage(title=agency.name, slug=agency.slug))
    else:
        home = home.specific
        home.title = home.draft_title = agency.name
    home.save_revision().publish()
    if is_default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    site = Site.objects.create(
        hostname=hostname,
        port=port,
        root_page=home,
        site_name=agency.name,
        is_default_site=is_default,
    )
    agency.site = site
    agency.save(update_fields=["site", "updated_at"])
    created.append("site")
    return site


def _ensure_sections(site: Site, created: list) -> None:
    home = site.root_page.specific
    for model, title, slug in installed_sections():
        if home.get_children().filter(slug=slug).exists():
            continue
        section = home.add_child(instance=model(title=title, slug=slug, show_in_menus=True))
        section.save_revision().publish()
        created.append(f"section:{slug}")


def _ensure_groups(agency: Agency, created: list) -> dict[str, Group]:
    groups = {}
    for role in Role:
        link = AgencyGroup.objects.filter(agency=agency, role=role).select_related("group").first()
        if link is None:
            name = group_name(agency.name, role)
            group, was_created = Group.objects.get_or_create(name=name)
            if not was_created and hasattr(group, "agency_role"):
                raise ProvisioningError(
                    _("Nhóm '%(name)s' đã thuộc cơ quan khác.") % {"name": name}
                )
            AgencyGroup.objects.create(agency=agency, role=role, group=group)
            created.append(f"group:{role}")
        else:
            group = link.group
        groups[role] = group
    return groups


IMAGES_COLLECTION = "Hình ảnh"
DOCUMENTS_COLLECTION = "Tài liệu"


def agency_collection(agency: Agency) -> Collection | None:
    """The collection the agency's groups hold permissions on (made below), found by those
    permissions: the agency's name may have changed since."""
    ids = GroupCollectionPermission.objects.filter(group__agency_role__agency=agency)
    ids = ids.values_list("collection_id", flat=True)
    return Collection.objects.filter(pk__in=ids).order_by("depth", "path").first()


def agency_media_collection(agency: Agency, name: str) -> Collection | None:
    """The agency's "Hình ảnh" or "Tài liệu" collection (IMAGES_COLLECTION,
    DOCUMENTS_COLLECTION)."""
    parent = agency_collection(agency)
    return parent.get_children().filter(name=name).first() if parent else None


def _ensure_collection(agency: Agency, created: list) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=agency.name).first()
    if collection is None:
        collection = root.add_child(name=agency.name)
        created.append("collection")
    # Images and documents kept apart inside the agency's collection; permissions on the
    # parent cover both.
    for child_name in (IMAGES_COLLECTION, DOCUMENTS_COLLECTION):
        if not collection.get_children().filter(name=child_name).exists():
            collection.add_child(name=child_name)
    return collection


def _grant_permissions(
    site: Site,
    collection: Collection,
    groups: dict[str, Group],
    agency_kind: str,
    created: list,
) -> None:
    for role, group in groups.items():
        grants = role_grants(role, agency_kind)
        for codename in grants.page:
            _, was_created = GroupPagePermission.objects.get_or_create(
                group=group, page=site.root_page, permission=_permission(f"wagtailcore.{codename}")
            )
            if was_created:
                created.append(f"page-permission:{role}:{codename}")
        for dotted in grants.collection:
            _, was_created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(dotted)
            )
            if was_created:
                created.append(f"collection-permission:{role}:{dotted}")
        for dotted in grants.site:
            _, was_created = GroupSitePermission.objects.get_or_create(
                group=group, site=site, permission=_permission(dotted)
            )
            if was_created:
                created.append(f"site-permission:{role}:{dotted}")
        for dotted in grants.model:
            permission = _permission(dotted)
            if not group.permissions.filter(pk=permission.pk).exists():
                group.permissions.add(permission)
                created.append(f"model-permission:{role}:{dotted}")


def _ensure_workflow(
    agency: Agency, site: Site, groups: dict[str, Group], created: list
) -> Workflow:
    existing = WorkflowPage.objects.filter(page=site.root_page).select_related("workflow").first()
    if existing is not None:
        return existing.workflow
    task = GroupApprovalTask.objects.create(name=workflow_name(agency.name))
    task.groups.set([groups[role] for role in APPROVER_ROLES])
    workflow = Workflow.objects.create(name=workflow_name(agency.name))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=site.root_page)
    created.append("workflow")
    return workflow


@transaction.atomic
def provision_agency_site(
    *,
    name: str,
    slug: str,
    hostname: str,
    port: int = 80,
    kind: str = Agency.Kind.DEPARTMENT,
    short_name: str = "",
    parent: Agency | None = None,
    is_default: bool = False,
) -> ProvisionResult:
    """Create, or complete, an agency's site: Site and HomePage, standard sections, the three
    editorial groups with permissions on this site only, its media collection and its
    approval workflow. Idempotent; on any error nothing is left behind."""
    created: list[str] = []
    agency = _ensure_agency(
        name=name, slug=slug, kind=kind, short_name=short_name, parent=parent, created=created
    )
    site = _ensure_site(
        agency, hostname=hostname, port=port, is_default=is_default, created=created
    )
    _ensure_sections(site, created)
    groups = _ensure_groups(agency, created)
    collection = _ensure_collection(agency, created)
    _grant_permissions(site, collection, groups, agency.kind, created)
    workflow = _ensure_workflow(agency, site, groups, created)
    return ProvisionResult(
        agency=agency,
        site=site,
        groups=groups,
        collection=collection,
        workflow=workflow,
        created=created,
    )
