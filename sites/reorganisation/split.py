"""Splitting an agency: chosen sections, sectors or pages move to other agencies (existing or
new), each part like a merge's pages (redirects, conflicts, search, webhooks); the source
keeps the rest, its people and its site."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from ..models import Agency
from .plan import Codes, MergePlan, plan_move, procedure_model
from .report import describe as describe_merge
from .spec import NewAgency, existing_agency, parse_conflicts, parse_target
from .tree import TargetSections, site_root_url


@dataclass(frozen=True)
class SplitPart:
    target: str
    new_target: NewAgency | None
    sections: tuple[str, ...]
    sectors: tuple[str, ...]
    pages: tuple[int, ...]
    procedure_conflicts: str


@dataclass(frozen=True)
class SplitSpec:
    entry: str
    source: str
    parts: tuple[SplitPart, ...]
    type: str = "split"

    @property
    def agencies(self) -> tuple[str, ...]:
        return (self.source, *(part.target for part in self.parts))


@dataclass
class SplitPlan:
    entry: str
    source: str
    parts: list[MergePlan] = field(default_factory=list)

    @property
    def conflicts(self) -> list:
        return [c for part in self.parts for c in part.conflicts]

    @property
    def blocking(self) -> list:
        return [c for part in self.parts for c in part.blocking]

    @property
    def is_empty(self) -> bool:
        return all(not (p.moves or p.redirects or p.target_is_new) for p in self.parts)

    def as_dict(self) -> dict:
        return {
            "type": "split",
            "entry": self.entry,
            "source": self.source,
            "parts": [asdict(part) for part in self.parts],
        }

    def describe(self) -> list[str]:
        lines = [_("%(entry)s: tách %(source)s") % vars(self)]
        for part in self.parts:
            lines += [
                line.replace(_("hợp nhất"), _("chuyển một phần của"), 1)
                for line in describe_merge(part)
                if not line.startswith(_("  Không có gì"))
            ]
        if self.is_empty:
            lines.append(_("  Không có gì phải làm: kế hoạch đã được áp dụng."))
        return lines


def _strings(entry: str, name: str, value, errors: list) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list):
        errors.append((entry, name, _("phải là một danh sách.")))
        return ()
    return tuple(value)


def parse(entry: str, data: dict, errors: list) -> SplitSpec:
    source = existing_agency(entry, "source", data.get("source"), errors)
    parts = []
    raw_parts = data.get("parts")
    if not isinstance(raw_parts, list) or not raw_parts:
        errors.append((entry, "parts", _("cần ít nhất một phần (cơ quan nhận và nội dung).")))
        raw_parts = []
    for index, raw in enumerate(raw_parts, start=1):
        where = f"{entry}.parts[{index}]"
        target, new_target = parse_target(where, raw.get("target"), errors)
        sections = _strings(where, "sections", raw.get("sections"), errors)
        sectors = _strings(where, "sectors", raw.get("sectors"), errors)
        pages = _strings(where, "pages", raw.get("pages"), errors)
        if not (sections or sectors or pages):
            errors.append((where, "sections/sectors/pages", _("chọn nội dung chuyển đi.")))
        if source is not None:
            _check_selection(where, source, sections, pages, errors)
        if target == data.get("source"):
            errors.append((where, "target", _("cơ quan nhận không thể là cơ quan bị tách.")))
        parts.append(
            SplitPart(
                target, new_target, sections, sectors, pages, parse_conflicts(where, raw, errors)
            )
        )
    return SplitSpec(entry=entry, source=data.get("source") or "", parts=tuple(parts))


def _check_selection(where, source, sections, pages, errors) -> None:
    root = source.site.root_page
    known = set(root.get_children().values_list("slug", flat=True))
    for slug in sections:
        if slug not in known:
            errors.append((where, "sections", _("trang không có chuyên mục “%s”.") % slug))
    for pk in pages:
        page = Page.objects.filter(pk=pk).first() if isinstance(pk, int) else None
        if page is None or not page.path.startswith(root.path) or page.pk == root.pk:
            errors.append((where, "pages", _("trang #%s không thuộc cơ quan này.") % pk))


def _selected(source: Agency, part: SplitPart) -> list[Page]:
    """The top pages of the part: a section's children, a sector's procedures, the pages."""
    root = source.site.root_page
    chosen = []
    for section in root.get_children().filter(slug__in=part.sections):
        chosen += list(section.get_children())
    procedures = procedure_model()
    if part.sectors and procedures is not None:
        chosen += list(
            procedures.objects.filter(path__startswith=root.path, sector__slug__in=part.sectors)
        )
    chosen += list(Page.objects.filter(pk__in=part.pages))
    by_path = {page.path: page for page in chosen}
    # A page inside another chosen page moves with it.
    tops = [
        p
        for path, p in by_path.items()
        if not any(path != other and path.startswith(other) for other in by_path)
    ]
    return sorted(tops, key=lambda page: page.path)


def plan(spec: SplitSpec) -> SplitPlan:
    source = Agency.objects.select_related("site__root_page").get(slug=spec.source)
    root = source.site.root_page
    result = SplitPlan(entry=spec.entry, source=source.slug)
    for index, part in enumerate(spec.parts, start=1):
        target = Agency.objects.filter(slug=part.target).select_related("site").first()
        site = target.site if target else None
        url = (
            site.root_url
            if site
            else site_root_url(part.new_target.hostname, part.new_target.port or source.site.port)
        )
        merge = MergePlan(
            entry=f"{spec.entry}.parts[{index}]",
            sources=[source.slug],
            target=part.target,
            target_is_new=target is None,
            target_url=url,
            procedure_conflicts=part.procedure_conflicts,
        )
        sections = TargetSections(site)
        codes, taken, moved = Codes(site.root_page if site else None), {}, []
        for page in _selected(source, part):
            top = Page.objects.get(path=page.path[: (root.depth + 1) * Page.steplen])
            match = sections.match(top.specific) if top.pk != page.pk else None
            parent_slug = match[0] if match else None
            plan_move(
                merge, source, root, page.specific, parent_slug, sections, codes, taken, moved
            )
        result.parts.append(merge)
    return result


def apply(spec: SplitSpec, record, user) -> SplitPlan:
    from .apply import ConflictError, ensure_target, move_and_redirect

    dry_run = plan(spec)
    if dry_run.is_empty:
        return dry_run
    for part in spec.parts:
        ensure_target(part.target, part.new_target, spec.source)
    result = plan(spec)
    if result.blocking:
        raise ConflictError([result])
    for part, merge in zip(spec.parts, result.parts, strict=True):
        move_and_redirect(merge, Agency.objects.get(slug=part.target), user)
    log(
        instance=Agency.objects.get(slug=spec.source),
        action="agency_sites.split",
        user=user,
        data={"reorganisation": record.pk, "plan": result.as_dict()},
    )
    return result
