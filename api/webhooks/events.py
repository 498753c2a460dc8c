"""Builds the events of a page change and records one delivery per active endpoint."""

import uuid

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from ..models import WebhookDelivery, WebhookEndpoint
from ..scoping import site_of_path

EVENT_TYPES = ("page.published", "page.unpublished", "page.deleted", "page.moved")


def event_payload(event_type: str, page: Page, site: Site) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "type": event_type,
        "site": {"id": site.pk, "hostname": site.hostname},
        "page": {
            "id": page.pk,
            "type": f"{page._meta.app_label}.{type(page).__name__}",
            "title": page.title,
            "url": page.get_full_url(),
        },
        "timestamp": timezone.now().isoformat(),
    }


def record_event(event_type: str, page: Page) -> list[WebhookDelivery]:
    """One pending delivery per active endpoint of the page's site; queued after commit."""
    from .tasks import deliver_webhook

    # Not page.get_site(): its per-request site cache can be stale while sites are created.
    site = site_of_path(page.path, list(Site.objects.select_related("root_page")))
    if site is None:
        return []
    deliveries = []
    for endpoint in WebhookEndpoint.objects.filter(site=site, is_active=True):
        payload = event_payload(event_type, page, site)
        deliveries.append(
            WebhookDelivery.objects.create(
                endpoint=endpoint,
                event_id=payload["id"],
                event_type=event_type,
                payload=payload,
            )
        )
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(pk))
    return deliveries
