"""What happens to the source agencies' editorial teams: join the target's groups or retire."""

from django.contrib.auth import get_user_model

from ..models import Agency, AgencyGroup
from .spec import RETIRE, MergeSpec


def plan_people(source: Agency, target: Agency | None, operation: MergeSpec) -> list[dict]:
    entries = []
    links = AgencyGroup.objects.filter(agency=source).select_related("group").order_by("role")
    for link in links:
        for user in link.group.user_set.order_by("username"):
            action = operation.users.get(user.username, operation.people[link.role])
            entries.append(
                {
                    "username": user.username,
                    "agency": source.slug,
                    "from_role": link.role,
                    "action": RETIRE if action == RETIRE else "join",
                    "to_role": None if action == RETIRE else action,
                }
            )
    return entries


def plan_retirement(source: Agency) -> list[dict]:
    """Everyone of the agency's groups retired (a closed agency's team)."""
    links = AgencyGroup.objects.filter(agency=source).select_related("group").order_by("role")
    return [
        {
            "username": user.username,
            "agency": source.slug,
            "from_role": link.role,
            "action": RETIRE,
            "to_role": None,
        }
        for link in links
        for user in link.group.user_set.order_by("username")
    ]


def apply_people(entries: list[dict], target: Agency | None) -> list[str]:
    """Moves the people; returns the usernames deactivated (retired and left with no group:
    an account with no group would keep nothing but a login)."""
    User = get_user_model()
    retired = set()
    for entry in entries:
        user = User.objects.get(username=entry["username"])
        source = AgencyGroup.objects.get(agency__slug=entry["agency"], role=entry["from_role"])
        user.groups.remove(source.group)
        if entry["action"] == RETIRE:
            retired.add(user.pk)
        else:
            user.groups.add(AgencyGroup.objects.get(agency=target, role=entry["to_role"]).group)
    deactivated = []
    for user in User.objects.filter(pk__in=retired, is_superuser=False).order_by("username"):
        if not user.groups.exists() and user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            deactivated.append(user.username)
    return deactivated
