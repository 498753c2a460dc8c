"""Renaming an agency and/or moving its site to a new hostname; the old hostname keeps
answering with 301s to the same paths on the new one."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from ..models import Agency, RetiredHostname, SiteSettings
from .redirects import retire_hostname, unretire_hostname
from .resources import agency_collection
from .spec import existing_agency


@dataclass(frozen=True)
class RenameSpec:
    entry: str
    agency: str
    name: str | None
    short_name: str | None
    hostname: str | None
    port: int | None
    type: str = "rename"

    @property
    def agencies(self) -> tuple[str, ...]:
        return (self.agency,)


@dataclass
class RenamePlan:
    entry: str
    agency: str
    changes: dict[str, list] = field(default_factory=dict)  # what: [before, after]
    retire_hostnames: list[str] = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    blocking: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.changes or self.retire_hostnames)

    def as_dict(self) -> dict:
        return {"type": "rename", **asdict(self)}

    def describe(self) -> list[str]:
        lines = [_("%(entry)s: đổi tên/tên miền %(agency)s") % vars(self)]
        lines += [f"  {what}: {before} → {after}" for what, (before, after) in self.changes.items()]
        if self.retire_hostnames:
            lines.append(_("  Tên miền cũ chuyển hướng 301: %s") % ", ".join(self.retire_hostnames))
        if self.is_empty:
            lines.append(_("  Không có gì phải làm: kế hoạch đã được áp dụng."))
        return lines


def parse(entry: str, data: dict, errors: list) -> RenameSpec:
    agency = existing_agency(entry, "agency", data.get("agency"), errors)
    hostname = data.get("hostname")
    port = data.get("port")
    if port is not None and not isinstance(port, int):
        errors.append((entry, "port", _("phải là một số nguyên.")))
    if hostname and agency is not None:
        taken = Site.objects.filter(hostname=hostname).exclude(pk=agency.site_id)
        if taken.exists():
            errors.append((entry, "hostname", _("tên miền “%s” đã thuộc trang khác.") % hostname))
    if not any(data.get(name) for name in ("name", "short_name", "hostname", "port")):
        errors.append((entry, "name/hostname", _("cần ít nhất tên mới hoặc tên miền mới.")))
    return RenameSpec(
        entry=entry,
        agency=data.get("agency") or "",
        name=data.get("name"),
        short_name=data.get("short_name"),
        hostname=hostname,
        port=port,
    )


def plan(spec: RenameSpec) -> RenamePlan:
    agency = Agency.objects.select_related("site").get(slug=spec.agency)
    site = agency.site
    result = RenamePlan(entry=spec.entry, agency=agency.slug)
    wanted = {
        "agency.name": (agency.name, spec.name),
        "agency.short_name": (agency.short_name, spec.short_name),
        "site.site_name": (site.site_name, spec.name),
        "site.hostname": (site.hostname, spec.hostname),
        "site.port": (site.port, spec.port),
    }
    for what, (before, after) in wanted.items():
        if after is not None and after != before:
            result.changes[what] = [before, after]
    moving = spec.hostname and spec.hostname != site.hostname
    if moving and not RetiredHostname.objects.filter(hostname=site.hostname).exists():
        result.retire_hostnames.append(site.hostname)
    return result


def apply(spec: RenameSpec, record, user) -> RenamePlan:
    result = plan(spec)
    if result.is_empty:
        return result
    agency = Agency.objects.select_related("site").get(slug=spec.agency)
    site = agency.site
    old_name, old_hostname = agency.name, site.hostname
    if spec.name:
        _rename_belongings(agency, old_name, spec.name)
        agency.name = site.site_name = spec.name
    if spec.short_name is not None:
        agency.short_name = spec.short_name
    agency.save()
    if spec.hostname:
        unretire_hostname(spec.hostname)
        site.hostname = spec.hostname
    if spec.port:
        site.port = spec.port
    site.save()
    if old_hostname in result.retire_hostnames:
        retire_hostname(old_hostname, site, record)
    log(
        instance=agency,
        action="agency_sites.rename",
        user=user,
        data={"reorganisation": record.pk, "plan": result.as_dict()},
    )
    return result


def _rename_belongings(agency: Agency, old: str, new: str) -> None:
    """Names provisioning derived from the agency's name, where nobody changed them (the
    site's and the groups' names follow the agency's by its own signal handler)."""
    collection = agency_collection(agency)
    if collection is not None and collection.name == old:
        collection.name = new
        collection.save(update_fields=["name"])
    settings = SiteSettings.objects.filter(site=agency.site, display_name=old).first()
    if settings is not None:
        settings.display_name = new
        settings.save(update_fields=["display_name"])
