"""Look-ups shared by the content apps: which site a slug names, which sites a user works on."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from wagtail.models import (
    GroupPagePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

from .roots import ancestor_paths


class UnknownSiteError(LookupError):
    """No site matches the given slug or hostname."""


def site_for_slug(value: str) -> Site:
    """The site of the agency with this slug, the site with this hostname, or (all digits)
    the site with this id."""
    if value.isascii() and value.isdigit():
        # Beyond a bigint nothing can match (and PostgreSQL would refuse the number).
        site = Site.objects.filter(pk=int(value)).first() if len(value) < 19 else None
        if site is None:
            raise UnknownSiteError(value)
        return site
    site = Site.objects.filter(agency__slug=value).first()
    if site is None:
        site = Site.objects.filter(hostname=value).first()
    if site is None:
        raise UnknownSiteError(value)
    return site


def sites_for_user(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Site]:
    """The sites whose page tree the user holds any permission on (superusers: all)."""
    if not user.is_active or user.is_anonymous:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    permitted_paths = GroupPagePermission.objects.filter(group__user=user).values_list(
        "page__path", flat=True
    )
    return Site.objects.filter(_roots_near_q(list(permitted_paths)))


def _roots_near_q(paths: list[str]) -> Q:
    """Sites whose root is at, above or below one of the tree `paths`: a permission on the
    site's root or above covers the site, one on a section below counts too. Indexed
    look-ups of the roots' paths (every admin screen asks this), not a read of every site."""
    paths = sorted(set(paths))
    above = sorted({prefix for path in paths for prefix in ancestor_paths(path)})
    near = Q(root_page__path__in=above)
    for path in paths:
        near |= Q(root_page__path__startswith=path)
    return near


def permitted(
    queryset: QuerySet, user: AbstractBaseUser | AnonymousUser, actions: list[str]
) -> QuerySet:
    """`queryset` narrowed to the objects its model's permission policy lets `user` do any
    of `actions` on."""
    policy = policy_registry.get_by_type(queryset.model)
    return queryset.filter(
        pk__in=policy.instances_user_has_any_permission_for(user, actions).values("pk")
    )


def chooser_pages_q(user: AbstractBaseUser | AnonymousUser) -> Q:
    """The pages `user` may see (and link to) in choosers: any on their own sites, elsewhere
    only published, public ones (superusers: all)."""
    if user.is_superuser:
        return Q()
    own = Q(pk__in=[])
    for site in sites_for_user(user).select_related("root_page"):
        own |= Q(path__startswith=site.root_page.path)
    return own | (Q(live=True) & ~Page.objects.all().private_q())


def workflows_for_user(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Workflow]:
    """The workflows that govern the user's pages: those assigned within their sites or
    above them (superusers: all). Workflow names carry the agency's name."""
    if user.is_superuser:
        return Workflow.objects.all()
    assigned = Q(pk__in=[])
    for site in sites_for_user(user).select_related("root_page"):
        root = site.root_page
        assigned |= Q(page__path__startswith=root.path) | Q(page__in=root.get_ancestors())
    return Workflow.objects.filter(pk__in=WorkflowPage.objects.filter(assigned).values("workflow"))


def tasks_for_user(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Task]:
    """The tasks of `workflows_for_user`."""
    if user.is_superuser:
        return Task.objects.all()
    return Task.objects.filter(
        pk__in=WorkflowTask.objects.filter(workflow__in=workflows_for_user(user)).values("task")
    )
