"""Builds the events of page changes and records one delivery per active endpoint.

An event tells receivers only what the public may see (sites.visibility): a page that is
not public after the change is announced as `page.unpublished` (gone from public view) with
its id and type only, never its title or URL; a deleted page is named only if it was public.
"""

import uuid
from collections.abc import Iterable

from django.utils import timezone
from wagtail.models import Page, Site

from sites.roots import SiteRoots
from sites.visibility import Visibility
from workers.queueing import enqueue_many

from ..models import WebhookDelivery, WebhookEndpoint

EVENT_TYPES = ("page.published", "page.unpublished", "page.deleted", "page.moved")
DELETED = "page.deleted"
# Set by a pre_delete handler: whether the page was public just before its delete (its own
# view restriction is deleted before it).
WAS_PUBLIC = "_webhook_was_public"


def event_payload(event_type: str, page: Page, site: Site, public: bool = True) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "type": event_type,
        "site": {"id": site.pk, "hostname": site.hostname},
        "page": {
            "id": page.pk,
            "type": f"{page._meta.app_label}.{type(page).__name__}",
            "title": page.title if public else None,
            "url": page.get_full_url() if public else None,
        },
        "timestamp": timezone.now().isoformat(),
    }


def _public_event(event_type: str, page: Page, visibility: Visibility) -> tuple[str, bool]:
    if event_type == DELETED:
        return event_type, getattr(page, WAS_PUBLIC, False)
    public = visibility.page(page)
    if not public and event_type != "page.unpublished":
        return "page.unpublished", False
    return event_type, public


def record_events(changes: Iterable[tuple[str, Page]]) -> list[WebhookDelivery]:
    """One pending delivery per active endpoint of each page's site, and its delivery task,
    written in the caller's transaction (so a crash after the commit loses none)."""
    from .tasks import deliver_webhook

    changes = list(changes)
    # Not page.get_site(): its per-request site cache can be stale while sites are created.
    # Only the sites above the changed pages are read, not every site.
    roots = SiteRoots.above(page.path for _event_type, page in changes)
    endpoints: dict[int, list[WebhookEndpoint]] = {}
    for endpoint in WebhookEndpoint.objects.filter(is_active=True):
        endpoints.setdefault(endpoint.site_id, []).append(endpoint)
    if not endpoints:
        return []
    visibility = Visibility.anonymous()
    deliveries = []
    for event_type, page in changes:
        site = roots.site_of(page.path)
        if site is None or site.pk not in endpoints:
            continue
        event_type, public = _public_event(event_type, page, visibility)
        for endpoint in endpoints[site.pk]:
            payload = event_payload(event_type, page, site, public)
            deliveries.append(
                WebhookDelivery(
                    endpoint=endpoint,
                    event_id=payload["id"],
                    event_type=event_type,
                    payload=payload,
                )
            )
    WebhookDelivery.objects.bulk_create(deliveries)
    enqueue_many(deliver_webhook, [(delivery.pk,) for delivery in deliveries])
    return deliveries


def record_event(event_type: str, page: Page) -> list[WebhookDelivery]:
    return record_events([(event_type, page)])
