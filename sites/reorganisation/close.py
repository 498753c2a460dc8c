"""Closing an agency: its site stays, read-only, with a standing banner naming the
successor (`read_only`), or is retired to redirects only (`retire`)."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission, Page

from ..models import Agency, RetiredHostname, SiteSettings
from .people import apply_people, plan_retirement
from .plan import PlannedRedirect
from .redirects import create_redirect, retire_hostname
from .spec import existing_agency
from .tree import TargetSections, old_path, relative_path

MODES = ("read_only", "retire")
# Media permissions a read-only site keeps: choosing its images for other pages.
KEPT_MEDIA = ("choose_image", "choose_document")


@dataclass(frozen=True)
class CloseSpec:
    entry: str
    agency: str
    successor: str
    mode: str
    type: str = "close"

    @property
    def agencies(self) -> tuple[str, ...]:
        return (self.agency,)


@dataclass
class ClosePlan:
    entry: str
    agency: str
    successor: str
    mode: str
    status: bool = False  # the agency's status and successor change
    banner: str = ""
    grants: int = 0  # editing permissions withdrawn
    redirects: list[PlannedRedirect] = field(default_factory=list)
    unpublish: list[int] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    retire_hostnames: list[str] = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    blocking: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.status,
                self.banner,
                self.grants,
                self.redirects,
                self.unpublish,
                self.people,
                self.retire_hostnames,
            )
        )

    def as_dict(self) -> dict:
        return {"type": "close", **asdict(self)}

    def describe(self) -> list[str]:
        lines = [
            _("%(entry)s: giải thể %(agency)s, kế thừa: %(successor)s (%(mode)s)") % vars(self)
        ]
        if self.banner:
            lines.append(_("  Thông báo thường trực: %s") % self.banner)
        if self.grants:
            lines.append(_("  Quyền biên tập thu hồi: %s") % self.grants)
        lines.append(_("  Chuyển hướng 301: %s") % len(self.redirects))
        lines += [f"    {r.hostname}{r.old_path} → {r.new_url}" for r in self.redirects]
        lines.append(_("  Trang ngừng xuất bản: %s") % len(self.unpublish))
        lines += [f"    {p['username']} ({p['from_role']}): retire" for p in self.people]
        if self.is_empty:
            lines.append(_("  Không có gì phải làm: kế hoạch đã được áp dụng."))
        return lines


def parse(entry: str, data: dict, errors: list) -> CloseSpec:
    existing_agency(entry, "agency", data.get("agency"), errors)
    existing_agency(entry, "successor", data.get("successor"), errors)
    if data.get("successor") and data.get("successor") == data.get("agency"):
        errors.append((entry, "successor", _("cơ quan không thể kế thừa chính nó.")))
    mode = data.get("mode", "read_only")
    if mode not in MODES:
        errors.append((entry, "mode", _("chỉ nhận %s.") % ", ".join(MODES)))
    return CloseSpec(
        entry=entry,
        agency=data.get("agency") or "",
        successor=data.get("successor") or "",
        mode=mode,
    )


def banner_text(agency: Agency, successor: Agency) -> str:
    return _(
        "%(agency)s đã kết thúc hoạt động; chức năng, nhiệm vụ chuyển về %(successor)s. "
        "Trang này chỉ còn để tra cứu, không cập nhật."
    ) % {"agency": agency.name, "successor": successor.name}


def _grants(agency: Agency):
    groups = {"group__agency_role__agency": agency}
    media = GroupCollectionPermission.objects.filter(**groups).exclude(
        permission__codename__in=KEPT_MEDIA
    )
    return (
        GroupPagePermission.objects.filter(**groups),
        media,
        GroupSitePermission.objects.filter(**groups),
    )


def plan(spec: CloseSpec) -> ClosePlan:
    agency = Agency.objects.select_related("site__root_page").get(slug=spec.agency)
    successor = Agency.objects.select_related("site__root_page").get(slug=spec.successor)
    result = ClosePlan(
        entry=spec.entry, agency=agency.slug, successor=successor.slug, mode=spec.mode
    )
    result.status = (agency.status, agency.successor_id) != (Agency.Status.DISSOLVED, successor.pk)
    if spec.mode == "read_only":
        text = banner_text(agency, successor)
        settings = SiteSettings.for_site(agency.site)
        if settings.alert_message != text or not settings.alert_is_active():
            result.banner = text
        result.grants = sum(grants.count() for grants in _grants(agency))
        return result
    root = agency.site.root_page
    sections = TargetSections(successor.site)
    for page in Page.objects.filter(path__startswith=root.path, live=True).order_by("path"):
        target = _destination(page, root, sections, successor.site.root_page)
        path = old_path(page, root)
        if not Redirect.objects.filter(
            site=agency.site, old_path=path, redirect_page=target
        ).exists():
            new_url = successor.site.root_url + relative_path(target, successor.site.root_page)
            result.redirects.append(PlannedRedirect(agency.site.hostname, path, target.pk, new_url))
        result.unpublish.append(page.pk)
    result.people = plan_retirement(agency)
    if not RetiredHostname.objects.filter(hostname=agency.site.hostname).exists():
        result.retire_hostnames.append(agency.site.hostname)
    return result


def _destination(page: Page, root: Page, sections: TargetSections, home: Page) -> Page:
    """The successor's section matching the page's top-level section, else its home."""
    if page.depth <= root.depth:
        return home
    top = Page.objects.get(path=page.path[: (root.depth + 1) * Page.steplen]).specific
    match = sections.match(top)
    return match[1] if match and match[1] is not None else home


def apply(spec: CloseSpec, record, user) -> ClosePlan:
    result = plan(spec)
    if result.is_empty:
        return result
    agency = Agency.objects.select_related("site").get(slug=spec.agency)
    successor = Agency.objects.select_related("site").get(slug=spec.successor)
    if result.banner:
        settings = SiteSettings.for_site(agency.site)
        settings.alert_message = result.banner
        settings.alert_url = successor.site.root_url + "/"
        settings.alert_starts_at = settings.alert_ends_at = None
        settings.save()
    for grants in _grants(agency) if spec.mode == "read_only" else ():
        grants.delete()
    pages = Page.objects.in_bulk([r.page for r in result.redirects])
    for redirect in result.redirects:
        create_redirect(agency.site, redirect.old_path, pages[redirect.page])
    for page in Page.objects.filter(pk__in=result.unpublish).order_by("-depth").specific():
        page.unpublish(user=user)
    apply_people(result.people, successor)
    if result.status:
        agency.status = Agency.Status.DISSOLVED
        agency.successor = successor
        agency.save()
    if result.retire_hostnames:
        retire_hostname(agency.site.hostname, successor.site, record)
    log(
        instance=agency,
        action="agency_sites.close",
        user=user,
        data={"reorganisation": record.pk, "plan": result.as_dict()},
    )
    return result
