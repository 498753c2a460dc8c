"""What each editorial role may do on its own site. The single source for provisioning and
for docs/permissions.md."""

from wagtail import hooks

from .models import AgencyGroup

Role = AgencyGroup.Role

# Wagtail page permissions, granted on the site's root page (and so on its whole tree).
PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: ["add_page", "change_page"],
    Role.CHIEF_EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.SITE_ADMIN: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}

# Image and document permissions, granted on the site's own collection.
_MEDIA_EDITOR = ["add", "choose"]
_MEDIA_MANAGER = ["add", "change", "choose", "delete"]
COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    role: [
        f"{app}.{action}_{model}"
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in actions
    ]
    for role, actions in (
        (Role.EDITOR, _MEDIA_EDITOR),
        (Role.CHIEF_EDITOR, _MEDIA_MANAGER),
        (Role.SITE_ADMIN, _MEDIA_MANAGER),
    )
}

# Model permissions ("app_label.codename"). Site-scoped snippets are confined to the
# user's sites by their permission policy; users by sites.user_admin.
MODEL_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: ["wagtailadmin.access_admin"],
    Role.CHIEF_EDITOR: ["wagtailadmin.access_admin"],
    Role.SITE_ADMIN: [
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
    ],
}

# Permissions granted for the site only (Wagtail GroupSitePermission).
SITE_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: [],
    Role.CHIEF_EDITOR: [],
    Role.SITE_ADMIN: [
        "agency_sites.change_sitesettings",
        "participation.change_participationsettings",
    ],
}

# Roles whose members approve in the site's "Duyệt bài" workflow.
APPROVER_ROLES = [Role.CHIEF_EDITOR, Role.SITE_ADMIN]


def model_permissions_for(role: str, agency_kind: str) -> list[str]:
    """The role's model permissions, plus those content apps add through the
    `register_site_role_permissions` hook: `fn(role, agency_kind) -> list["app.codename"]`.

    The hook keeps `sites` from importing the content apps.
    """
    permissions = list(MODEL_PERMISSIONS[role])
    for hook in hooks.get_hooks("register_site_role_permissions"):
        permissions.extend(hook(role, agency_kind))
    return permissions
