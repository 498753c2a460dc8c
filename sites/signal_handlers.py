from django.db.models.signals import post_save

from .models import Agency


def sync_agency_names(sender, instance: Agency, **kwargs) -> None:
    """A renamed agency renames its site and groups, so people see the current name."""
    if kwargs.get("raw"):
        return
    if instance.site_id and instance.site.site_name != instance.name:
        instance.site.site_name = instance.name
        instance.site.save(update_fields=["site_name"])
    for link in instance.groups.select_related("group"):
        name = f"{instance.name} – {link.get_role_display()}"
        if link.group.name != name:
            link.group.name = name
            link.group.save(update_fields=["name"])


def register_signal_handlers() -> None:
    post_save.connect(sync_agency_names, sender=Agency, dispatch_uid="sites_sync_agency_names")
