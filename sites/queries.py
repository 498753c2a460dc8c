"""Look-ups shared by the content apps: which site a slug names, which sites a user works on."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from wagtail.models import GroupPagePermission, Site


class UnknownSiteError(LookupError):
    """No site matches the given slug or hostname."""


def site_for_slug(value: str) -> Site:
    """The site of the agency with this slug, or the site with this hostname."""
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
    paths = list(permitted_paths)
    # A permission on the site's root or above covers the site; one on a section below counts too.
    site_ids = [
        site.pk
        for site in Site.objects.select_related("root_page")
        if any(
            site.root_page.path.startswith(p) or p.startswith(site.root_page.path) for p in paths
        )
    ]
    return Site.objects.filter(pk__in=site_ids)
