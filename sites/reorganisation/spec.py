"""Reading a reorganisation plan file: every error names the entry, the field and the reason."""

import hashlib
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Agency, AgencyGroup

ROLES = [role.value for role in AgencyGroup.Role]
RETIRE = "retire"
CONFLICT_CHOICES = ("report", "use_existing")


class PlanError(Exception):
    """The plan file is wrong; `errors` lists (entry, field, reason)."""

    def __init__(self, errors: list[tuple[str, str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{entry}, {name}: {reason}" for entry, name, reason in errors))


@dataclass(frozen=True)
class NewAgency:
    slug: str
    name: str
    hostname: str
    short_name: str = ""
    kind: str = Agency.Kind.DEPARTMENT
    port: int | None = None


@dataclass(frozen=True)
class MergeSpec:
    entry: str
    sources: tuple[str, ...]
    target: str
    new_target: NewAgency | None
    # role of a source group -> role in the target, or "retire"
    people: dict[str, str] = field(default_factory=dict)
    # username -> role in the target, or "retire" (over `people`)
    users: dict[str, str] = field(default_factory=dict)
    procedure_conflicts: str = "report"
    type: str = "merge"

    @property
    def agencies(self) -> tuple[str, ...]:
        return (*self.sources, self.target)


@dataclass(frozen=True)
class PlanSpec:
    name: str
    operations: tuple
    raw: dict

    @property
    def digest(self) -> str:
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def _people(entry: str, value, errors: list) -> dict[str, str]:
    people = {role: role for role in ROLES}
    if value is None:
        return people
    if not isinstance(value, dict):
        errors.append((entry, "people", _("phải là một bảng vai trò → vai trò mới/retire.")))
        return people
    for role, action in value.items():
        if role not in ROLES:
            errors.append((entry, f"people.{role}", _("vai trò không có: dùng %s.") % ROLES))
        elif action != RETIRE and action not in ROLES:
            errors.append(
                (entry, f"people.{role}", _("“%s” không hợp lệ: một vai trò hoặc retire.") % action)
            )
        else:
            people[role] = action
    return people


def _users(entry: str, value, errors: list) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.append((entry, "users", _("phải là một bảng tên đăng nhập → vai trò/retire.")))
        return {}
    for username, action in value.items():
        if action != RETIRE and action not in ROLES:
            reason = _("“%s” không hợp lệ: một vai trò hoặc retire.") % action
            errors.append((entry, f"users.{username}", reason))
    return dict(value)


def _new_target(entry: str, value: dict, errors: list) -> NewAgency | None:
    missing = [name for name in ("slug", "name", "hostname") if not value.get(name)]
    for name in missing:
        errors.append((entry, f"target.{name}", _("bắt buộc với cơ quan mới.")))
    kind = value.get("kind", Agency.Kind.DEPARTMENT)
    if kind not in Agency.Kind.values:
        errors.append((entry, "target.kind", _("loại “%s” không có.") % kind))
    port = value.get("port")
    if port is not None and not isinstance(port, int):
        errors.append((entry, "target.port", _("phải là một số nguyên.")))
    if missing:
        return None
    return NewAgency(
        slug=value["slug"],
        name=value["name"],
        hostname=value["hostname"],
        short_name=value.get("short_name", ""),
        kind=kind,
        port=port,
    )


def existing_agency(entry: str, name: str, slug, errors: list) -> Agency | None:
    """The agency `slug` names, with a site; an error for `name` otherwise."""
    agency = Agency.objects.filter(slug=slug).select_related("site").first() if slug else None
    if agency is None or agency.site_id is None:
        errors.append((entry, name, _("không có cơ quan “%s” (có trang).") % (slug or "")))
        return None
    return agency


def parse_target(entry: str, target, errors: list) -> tuple[str, NewAgency | None]:
    """A receiving agency: an existing one's slug, or a new one's details."""
    if isinstance(target, dict):
        new_target = _new_target(entry, target, errors)
        slug = target.get("slug", "")
        existing = Agency.objects.filter(slug=slug).first()
        if existing is not None and existing.site_id is None:
            reason = _("cơ quan “%s” đã có nhưng không có trang.") % slug
            errors.append((entry, "target.slug", reason))
        return slug, new_target
    if isinstance(target, str):
        existing_agency(entry, "target", target, errors)
        return target, None
    errors.append((entry, "target", _("cần mã cơ quan nhận hoặc thông tin cơ quan mới.")))
    return "", None


def parse_conflicts(entry: str, data: dict, errors: list) -> str:
    conflicts = data.get("procedure_conflicts", "report")
    if conflicts not in CONFLICT_CHOICES:
        errors.append(
            (entry, "procedure_conflicts", _("chỉ nhận %s.") % ", ".join(CONFLICT_CHOICES))
        )
    return conflicts


def parse_merge(entry: str, data: dict, errors: list) -> MergeSpec | None:
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) for s in sources):
        errors.append((entry, "sources", _("cần danh sách mã cơ quan bị hợp nhất.")))
        sources = []
    for slug in sources:
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            errors.append((entry, "sources", _("không có cơ quan “%s”.") % slug))
        elif agency.site_id is None:
            errors.append((entry, "sources", _("cơ quan “%s” không có trang.") % slug))
    target, new_target = parse_target(entry, data.get("target"), errors)
    if target in sources:
        errors.append((entry, "target", _("cơ quan nhận không thể đồng thời bị hợp nhất.")))
    conflicts = parse_conflicts(entry, data, errors)
    people = _people(entry, data.get("people"), errors)
    users = _users(entry, data.get("users"), errors)
    return MergeSpec(
        entry=entry,
        sources=tuple(sources),
        target=target,
        new_target=new_target,
        people=people,
        users=users,
        procedure_conflicts=conflicts,
    )


def parse_plan(data) -> PlanSpec:
    """The plan in `data` (a plan file's JSON); raises PlanError listing every problem."""
    errors: list[tuple[str, str, str]] = []
    if not isinstance(data, dict):
        raise PlanError([("plan", "", _("tệp kế hoạch phải là một đối tượng JSON."))])
    operations = data.get("operations")
    if not isinstance(operations, list) or not operations:
        raise PlanError([("plan", "operations", _("cần ít nhất một thao tác."))])
    parsed = []
    seen: dict[str, str] = {}
    for index, item in enumerate(operations, start=1):
        entry = f"operations[{index}]"
        if not isinstance(item, dict):
            errors.append((entry, "", _("phải là một đối tượng.")))
            continue
        from .operations import OPERATIONS

        builder = OPERATIONS[item["type"]].parse if item.get("type") in OPERATIONS else None
        if builder is None:
            errors.append(
                (
                    entry,
                    "type",
                    _("thao tác “%s” chưa hỗ trợ; dùng: %s.")
                    % (item.get("type"), ", ".join(OPERATIONS)),
                )
            )
            continue
        operation = builder(entry, item, errors)
        for slug in operation.agencies:
            if slug in seen:
                errors.append(
                    (
                        entry,
                        "sources/target",
                        _("cơ quan “%s” đã có trong %s: mỗi cơ quan một thao tác.")
                        % (slug, seen[slug]),
                    )
                )
            seen[slug] = entry
        parsed.append(operation)
    if errors:
        raise PlanError(errors)
    return PlanSpec(
        name=str(data.get("name") or _("Sắp xếp cơ quan")), operations=tuple(parsed), raw=data
    )
