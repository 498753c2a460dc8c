"""Applying a reorganisation plan: all of it in one transaction, or nothing."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.move_page import MovePageAction
from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction, Site

from ..models import Agency, Reorganisation
from ..provisioning import provision_agency_site
from .operations import OPERATIONS
from .people import apply_people
from .plan import MergePlan, build_plan, plan_merge
from .redirects import create_redirect, retire_hostname
from .resources import agency_collection, apply_media, apply_snippets
from .spec import MergeSpec, NewAgency, PlanSpec


class ConflictError(Exception):
    """The plan has conflicts awaiting a decision; nothing was written."""

    def __init__(self, plans: list) -> None:
        self.plans = plans
        conflicts = [c for plan in plans for c in plan.blocking]
        super().__init__(
            _("%(count)s xung đột mã thủ tục chưa có quyết định; không có gì được thay đổi.")
            % {"count": len(conflicts)}
        )


@dataclass
class ApplyResult:
    reorganisation: Reorganisation | None
    plans: list = field(default_factory=list)
    already_applied: bool = False


@transaction.atomic
def apply_plan(spec: PlanSpec, user=None) -> ApplyResult:
    """Apply `spec`; a plan applied before (same digest) changes nothing."""
    previous = Reorganisation.objects.select_for_update().filter(digest=spec.digest).first()
    if previous is not None:
        return ApplyResult(reorganisation=previous, already_applied=True)
    dry_run = build_plan(spec)
    if any(plan.blocking for plan in dry_run):
        raise ConflictError(dry_run)
    if all(plan.is_empty for plan in dry_run):
        # Done before under another name, or by hand: nothing to record either.
        return ApplyResult(reorganisation=None, plans=dry_run, already_applied=True)
    record = Reorganisation.objects.create(
        name=spec.name, digest=spec.digest, spec=spec.raw, applied_by=user
    )
    plans = [
        OPERATIONS[operation.type].apply(operation, record, user) for operation in spec.operations
    ]
    record.result = {"operations": [plan.as_dict() for plan in plans]}
    record.save(update_fields=["result"])
    return ApplyResult(reorganisation=record, plans=plans)


def ensure_target(slug: str, new: NewAgency | None, first_source: str) -> Agency:
    """The receiving agency, provisioned when the plan creates it."""
    target = Agency.objects.filter(slug=slug).first()
    if target is not None:
        return target
    first = Agency.objects.select_related("site").get(slug=first_source)
    return provision_agency_site(
        name=new.name,
        slug=new.slug,
        hostname=new.hostname,
        port=new.port or first.site.port,
        kind=new.kind,
        short_name=new.short_name,
        parent=first.parent,
    ).agency


def move_and_redirect(plan: MergePlan, target: Agency, user) -> None:
    """The plan's page moves, then a redirect for each old address."""
    target_root = target.site.root_page
    for move in plan.moves:
        _move(Page.objects.get(pk=move.page).specific, move, target_root, user)
    hostnames = {r.hostname for r in plan.redirects}
    sites = {s.hostname: s for s in Site.objects.filter(hostname__in=hostnames)}
    pages = Page.objects.in_bulk([r.page for r in plan.redirects])
    for redirect in plan.redirects:
        create_redirect(sites[redirect.hostname], redirect.old_path, pages[redirect.page])


def apply_merge(operation: MergeSpec, record: Reorganisation, user) -> MergePlan:
    target = ensure_target(operation.target, operation.new_target, operation.sources[0])
    # Planned again now that the target exists: every redirect has its page.
    plan = plan_merge(operation)
    if plan.blocking:
        raise ConflictError([plan])
    sources = {a.slug: a for a in Agency.objects.filter(slug__in=plan.sources)}
    move_and_redirect(plan, target, user)
    for media in plan.media:
        if media["to_collection"] is None:
            media["to_collection"] = agency_collection(target).pk
    apply_media(plan.media)
    apply_snippets(plan.snippets, target.site)
    deactivated = apply_people(plan.people, target)
    for page in Page.objects.filter(pk__in=plan.unpublish).order_by("-depth").specific():
        page.unpublish(user=user)
    for slug in plan.sources if not plan.is_empty else ():
        source = sources[slug]
        if slug in plan.agencies:
            source.status = Agency.Status.MERGED
            source.successor = target
            source.save()
        if source.site.hostname in plan.retire_hostnames:
            retire_hostname(source.site.hostname, target.site, record)
        log(
            instance=source,
            action="agency_sites.merge",
            user=user,
            data={
                "reorganisation": record.pk,
                "target": target.slug,
                "plan": plan.as_dict(),
                "deactivated": deactivated,
            },
        )
    return plan


def _move(page: Page, move, target_root: Page, user) -> None:
    if move.new_slug != page.slug:
        _rename(page, move.new_slug)
    parent = target_root
    if move.parent:
        parent = target_root.get_children().get(slug=move.parent)
    page = Page.objects.get(pk=page.pk)
    MovePageAction(page, parent, pos="last-child", user=user).execute(skip_permission_checks=True)
    if move.restriction is not None:
        _carry_restriction(page, PageViewRestriction.objects.get(pk=move.restriction))


def _carry_restriction(page: Page, restriction: PageViewRestriction) -> None:
    copy = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction.restriction_type, password=restriction.password
    )
    copy.groups.set(restriction.groups.all())


def _rename(page: Page, slug: str) -> None:
    """A new slug for the live page and its latest revision (so the next publish keeps it)."""
    page.slug = slug
    page.save(clean=False)
    revision = page.latest_revision
    if revision is not None:
        revision.content["slug"] = slug
        revision.save(update_fields=["content"])
