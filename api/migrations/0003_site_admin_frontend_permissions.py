"""Existing site-admin groups get what provisioning now grants them (api.wagtail_hooks):
their site's front-end configuration, and on the portal the portal-wide CORS list."""

from django.db import migrations

ACTIONS = {"frontendconfig": ["add", "change"], "portalfrontendsettings": ["change"]}
NAMES = {"frontendconfig": "cấu hình front-end", "portalfrontendsettings": "front-end toàn cổng"}


def permission(apps, model: str, action: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="api", model=model)
    found, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {NAMES[model]}"},
    )
    return found


def grant(apps, schema_editor):
    AgencyGroup = apps.get_model("agency_sites", "AgencyGroup")
    for agency_group in AgencyGroup.objects.filter(role="admin").select_related("agency", "group"):
        models = ["frontendconfig"]
        if agency_group.agency.kind == "portal":
            models.append("portalfrontendsettings")
        for model in models:
            for action in ACTIONS[model]:
                agency_group.group.permissions.add(permission(apps, model, action))


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0002_portal_frontend_settings"),
        ("agency_sites", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
