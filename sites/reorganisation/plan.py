"""The dry run of a merge: every page, redirect, conflict, medium, snippet and person it
would touch, computed from the database without writing to it."""

from dataclasses import asdict, dataclass, field

from django.apps import apps
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from ..models import Agency, RetiredHostname
from ..slugs import free_slug
from .people import plan_people
from .resources import plan_media, plan_snippets
from .spec import MergeSpec, PlanSpec
from .tree import TargetSections, old_path, relative_path, site_root_url

USE_EXISTING = "use_existing"


@dataclass
class PageMove:
    page: int
    title: str
    type: str
    old_url: str
    new_url: str
    parent: str  # the target section's slug, "" for the target's home page
    slug: str
    new_slug: str
    pages: int  # in the subtree that moves with it
    # A view restriction above the page on the old site, carried onto it so that a private
    # section's pages do not become public by moving.
    restriction: int | None = None


@dataclass
class PlannedRedirect:
    hostname: str
    old_path: str
    page: int | None  # None: the target section a new site will get
    new_url: str


@dataclass
class Conflict:
    code: str
    page: int
    title: str
    source: str
    existing_page: int
    existing_title: str
    resolution: str


@dataclass
class MergePlan:
    entry: str
    sources: list[str]
    target: str
    target_is_new: bool
    target_url: str
    procedure_conflicts: str = "report"
    moves: list[PageMove] = field(default_factory=list)
    redirects: list[PlannedRedirect] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    media: list[dict] = field(default_factory=list)
    snippets: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    unpublish: list[int] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)  # sources whose status changes
    retire_hostnames: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.resolution != USE_EXISTING]

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.moves,
                self.redirects,
                self.media,
                self.snippets,
                self.people,
                self.unpublish,
                self.agencies,
                self.retire_hostnames,
                self.target_is_new,
            )
        )

    def as_dict(self) -> dict:
        return {"type": "merge", **asdict(self)}


def procedure_model():
    """The procedure page model, if its app is installed (sites does not import it)."""
    try:
        return apps.get_model("procedures.ProcedurePage")
    except LookupError:
        return None


class Codes:
    """Procedure codes already on the target, and those earlier moves bring there."""

    def __init__(self, target_root: Page | None) -> None:
        self.model = procedure_model()
        self.taken: dict[str, Page] = {}
        if self.model is not None and target_root is not None:
            for page in self.model.objects.filter(path__startswith=target_root.path).order_by(
                "path"
            ):
                self.taken.setdefault(page.code, page)

    def in_subtree(self, page: Page) -> list:
        if self.model is None:
            return []
        return list(self.model.objects.filter(path__startswith=page.path).order_by("path"))


def plan_merge(operation: MergeSpec) -> MergePlan:
    target = Agency.objects.filter(slug=operation.target).select_related("site").first()
    target_site = target.site if target else None
    sources = list(
        Agency.objects.filter(slug__in=operation.sources).select_related("site__root_page")
    )
    sources.sort(key=lambda agency: operation.sources.index(agency.slug))
    if target_site is not None:
        target_url = target_site.root_url
    else:
        new = operation.new_target
        target_url = site_root_url(new.hostname, new.port or sources[0].site.port)
    plan = MergePlan(
        entry=operation.entry,
        sources=list(operation.sources),
        target=operation.target,
        target_is_new=target is None,
        target_url=target_url,
        procedure_conflicts=operation.procedure_conflicts,
    )
    sections = TargetSections(target_site)
    codes = Codes(target_site.root_page if target_site else None)
    taken: dict[str | None, set[str]] = {}
    moved_snippets: dict[tuple[str, str], int] = {}
    for source in sources:
        _plan_source(plan, operation, source, sections, codes, taken)
        if source.status != Agency.Status.MERGED or source.successor_id != (
            target.pk if target else None
        ):
            plan.agencies.append(source.slug)
        hostname = source.site.hostname
        if not RetiredHostname.objects.filter(hostname=hostname).exists():
            plan.retire_hostnames.append(hostname)
        plan.media += plan_media(source, target)
        plan.snippets += plan_snippets(source, target_site, moved_snippets)
        plan.people += plan_people(source, target, operation)
    return plan


def _plan_source(plan, operation, source, sections, codes, taken) -> None:
    root = source.site.root_page
    moved_paths: list[str] = []
    for child in root.get_children().specific(defer=True):
        match = sections.match(child)
        if match is None:
            plan_move(plan, source, root, child, None, sections, codes, taken, moved_paths)
            continue
        slug, section = match
        if child.live:
            _redirect(plan, source, root, child, section, f"/{slug}/")
        for page in child.get_children().specific(defer=True):
            plan_move(plan, source, root, page, slug, sections, codes, taken, moved_paths)
    if root.live:
        home = sections.site.root_page if sections.site else None
        _redirect(plan, source, root, root, home, "/")
    remaining = Page.objects.filter(path__startswith=root.path, live=True)
    for path in moved_paths:
        remaining = remaining.exclude(path__startswith=path)
    plan.unpublish += list(remaining.order_by("-depth").values_list("pk", flat=True))


def _redirect(plan, source, root, page, target_page, new_path) -> None:
    path = old_path(page, root)
    site = source.site
    exists = Redirect.objects.filter(site=site, old_path=path)
    if target_page is not None and exists.filter(redirect_page=target_page).exists():
        return
    plan.redirects.append(
        PlannedRedirect(
            hostname=site.hostname,
            old_path=path,
            page=target_page.pk if target_page else None,
            new_url=plan.target_url + new_path,
        )
    )


def plan_move(plan, source, root, page, parent_slug, sections, codes, taken, moved_paths):
    conflicts = []
    for procedure in codes.in_subtree(page):
        existing = codes.taken.get(procedure.code)
        if existing is not None and existing.pk != procedure.pk:
            conflicts.append(
                Conflict(
                    code=procedure.code,
                    page=procedure.pk,
                    title=procedure.title,
                    source=source.slug,
                    existing_page=existing.pk,
                    existing_title=existing.title,
                    # A duplicate can only stay behind when it is the page that moves.
                    resolution=plan.procedure_conflicts if procedure.pk == page.pk else "report",
                )
            )
    plan.conflicts += conflicts
    if any(c.page == page.pk for c in conflicts):
        existing = codes.taken[page.code]
        if page.live:
            target_path = _new_path(existing, codes, plan)
            _redirect(plan, source, root, page, existing, target_path)
        return
    for procedure in codes.in_subtree(page):
        codes.taken.setdefault(procedure.code, procedure)
    if parent_slug not in taken:
        taken[parent_slug] = sections.slugs_under(parent_slug)
    # Taken, it gets the source agency's slug (and a number) appended.
    new_slug = free_slug(page.slug, taken[parent_slug], suffix=source.slug)
    taken[parent_slug].add(new_slug)
    base = f"/{parent_slug}/" if parent_slug else "/"
    plan.moves.append(
        PageMove(
            page=page.pk,
            title=page.title,
            type=page.specific_class._meta.label,
            old_url=source.site.root_url + relative_path(page, root),
            new_url=plan.target_url + base + new_slug + "/",
            parent=parent_slug or "",
            slug=page.slug,
            new_slug=new_slug,
            pages=Page.objects.filter(path__startswith=page.path).count(),
            restriction=_inherited_restriction(page, root),
        )
    )
    moved_paths.append(page.path)
    for descendant in Page.objects.filter(path__startswith=page.path, live=True):
        rest = relative_path(descendant, page)
        _redirect(plan, source, root, descendant, descendant, base + new_slug + rest)


def _inherited_restriction(page: Page, root: Page) -> int | None:
    """The nearest view restriction above `page` on its site, when it has none itself."""
    if PageViewRestriction.objects.filter(page=page).exists():
        return None
    above = [page.path[:length] for length in range(len(root.path), len(page.path), Page.steplen)]
    nearest = PageViewRestriction.objects.filter(page__path__in=above).order_by("-page__depth")
    return nearest.values_list("pk", flat=True).first()


def _new_path(existing: Page, codes: Codes, plan: MergePlan) -> str:
    """Where the existing same-code procedure will be on the target site."""
    for move in plan.moves:
        if move.page == existing.pk:
            return move.new_url[len(plan.target_url) :]
    site = existing.get_site()
    return relative_path(existing, site.root_page) if site else "/"


def build_plan(spec: PlanSpec) -> list:
    """The dry run of every operation of `spec`, each against the current database."""
    from .operations import OPERATIONS

    return [OPERATIONS[operation.type].plan(operation) for operation in spec.operations]
