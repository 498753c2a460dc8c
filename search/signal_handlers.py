"""Page, site and agency changes -> one sync task per affected page, after commit.

Publishing never waits for Elasticsearch: the handler only queues a database task once the
transaction has committed (so a rolled-back publish queues nothing).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from sites.models import Agency

from .params import forget_request_sites
from .tasks import enqueue_sync


def _sync_on_commit(page_ids: list[int]) -> None:
    if page_ids:
        transaction.on_commit(lambda: enqueue_sync(page_ids))


def _with_descendants(page: Page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def on_page_published(sender, instance: Page, **kwargs) -> None:
    _sync_on_commit([instance.pk])


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    _sync_on_commit([instance.pk])


def on_page_moved(sender, instance: Page, **kwargs) -> None:
    # The whole subtree may have changed site and URL.
    _sync_on_commit(_with_descendants(instance))


def on_page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and type(instance) is Page:
        _sync_on_commit([instance.pk])


def on_site_changed(sender, instance: Site, **kwargs) -> None:
    forget_request_sites()
    root = Page.objects.filter(pk=instance.root_page_id).first()
    if root is not None:
        _sync_on_commit(_with_descendants(root))


def on_agency_changed(sender, instance: Agency, **kwargs) -> None:
    if instance.site_id:
        site = Site.objects.filter(pk=instance.site_id).first()
        if site is not None:
            on_site_changed(Site, site)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(on_site_changed, sender=Site, dispatch_uid=f"search_site_{id(signal)}")
        signal.connect(on_agency_changed, sender=Agency, dispatch_uid=f"search_agency_{id(signal)}")
