"""Who sees the search status panel: superusers and the portal's site admins."""

from sites.models import Agency, AgencyGroup


def can_view_status(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(
        agency_role__role=AgencyGroup.Role.SITE_ADMIN,
        agency_role__agency__kind=Agency.Kind.PORTAL,
    ).exists()
