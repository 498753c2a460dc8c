from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Site

from .models import Agency
from .reorganisation import redirects


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


def forget_retired_hostnames(sender, instance: Site, **kwargs) -> None:
    """A successor site's address may have changed: the catch-all reads it again."""
    transaction.on_commit(redirects.forget_retired_hostnames)


def register_signal_handlers() -> None:
    post_save.connect(sync_agency_names, sender=Agency, dispatch_uid="sites_sync_agency_names")
    post_save.connect(forget_retired_hostnames, sender=Site, dispatch_uid="sites_retired_hosts")
