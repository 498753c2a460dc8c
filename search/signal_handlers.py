"""Every change that can alter what the public sees of a page -> one sync task per affected
page, written in the transaction that makes the change.

The task queue is in the same database: the change and its syncs commit or roll back
together, so no crash between a commit and a queueing can lose a sync (no `on_commit` gap).
Publishing still never waits for Elasticsearch: the worker does the writing.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.documents import get_document_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from sites.models import Agency
from sites.signals import pages_bulk_published, sites_bulk_provisioned
from sites.visibility import deleted_with_a_page

from .adapters import DEPENDENT_PAGES, citing_pages
from .files import documents_in_collection, documents_of_agency, documents_used_by
from .params import forget_request_sites
from .tasks import enqueue_document_sync, enqueue_sync


def _subtree(root_id: int | None) -> list[int]:
    """Ids of the page `root_id` and every page below it."""
    path = Page.objects.filter(pk=root_id).values_list("path", flat=True).first()
    if path is None:
        return []
    return list(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))


def _sync_pages(page_ids: list[int], documents: list[int] | None = None) -> None:
    """The pages, and the documents they use (their `used_on` and whether they are public
    follow the pages), with `documents` known to have been used before the change."""
    enqueue_sync(page_ids)
    enqueue_document_sync([*(documents or []), *documents_used_by(page_ids)])


def on_page_published(sender, instance: Page, **kwargs) -> None:
    pages = [instance.pk, *citing_pages(instance)]
    _sync_pages(pages, getattr(instance, "_search_documents", None))


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    pages = [instance.pk, *citing_pages(instance)]
    _sync_pages(pages, getattr(instance, "_search_documents", None))


def on_page_moved(sender, instance: Page, **kwargs) -> None:
    # The whole subtree may have changed site and URL.
    _sync_pages(_subtree(instance.pk))


def on_pages_bulk_published(sender, pages, **kwargs) -> None:
    # New pages of new sites: nothing cites them, no document is used by them yet.
    enqueue_sync(page.pk for page in pages)


def on_sites_bulk_provisioned(sender, **kwargs) -> None:
    forget_request_sites()
    transaction.on_commit(forget_request_sites)


def on_page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and type(instance) is Page:
        enqueue_sync([instance.pk])


def on_page_deleting(sender, instance, **kwargs) -> None:
    """Before the reference index forgets the page: the documents it used."""
    if isinstance(instance, Page) and type(instance) is Page:
        enqueue_document_sync(documents_used_by([instance.pk]))


def _documents_referenced(page: Page) -> set[int]:
    document_type = ContentType.objects.get_for_model(get_document_model()).pk
    return {
        int(object_id)
        for content_type, object_id, *_paths in ReferenceIndex._extract_references_from_object(page)
        if content_type == document_type and str(object_id).isdigit()
    }


# What Wagtail writes on a page row without changing its content (save_revision, locks).
BOOKKEEPING_FIELDS = frozenset(
    {"latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
     "locked", "locked_at", "locked_by", "live_revision", "url_path"}
)  # fmt: skip


def _content_saved(instance, kwargs: dict) -> bool:
    """A page row saved with its content, not only Wagtail's bookkeeping (each draft save
    and autosave writes that)."""
    if not isinstance(instance, Page) or kwargs.get("raw"):
        return False
    update_fields = kwargs.get("update_fields")
    return not update_fields or bool(set(update_fields) - BOOKKEEPING_FIELDS)


def remember_page_documents(sender, instance, **kwargs) -> None:
    """Before a page is saved: the documents its saved content uses (the reference index
    is updated after the save)."""
    if instance.pk and _content_saved(instance, kwargs):
        instance._search_documents = documents_used_by([instance.pk])


def on_page_saved(sender, instance, **kwargs) -> None:
    """A page saved with other documents than before (a draft that starts using a file,
    a published page that stops): those documents, whose users changed."""
    if not _content_saved(instance, kwargs):
        return
    before = set(getattr(instance, "_search_documents", None) or [])
    enqueue_document_sync(sorted(before ^ _documents_referenced(instance)))


def on_view_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    """Privacy added, changed or lifted: the page and everything below it."""
    if not kwargs.get("raw") and not deleted_with_a_page(kwargs.get("origin")):
        _sync_pages(_subtree(instance.page_id))


def on_document_changed(sender, instance, **kwargs) -> None:
    """Uploaded, given a new file or title, moved to another collection, deleted."""
    if not kwargs.get("raw"):
        enqueue_document_sync([instance.pk])


def on_collection_restriction_changed(
    sender, instance: CollectionViewRestriction, **kwargs
) -> None:
    """A collection made private or public again: every document in it and below it."""
    if not kwargs.get("raw"):
        enqueue_document_sync(documents_in_collection(instance.collection_id))


def remember_site_root(sender, instance: Site, **kwargs) -> None:
    previous = Site.objects.filter(pk=instance.pk).values_list("root_page_id", flat=True)
    instance._search_previous_root = previous.first() if instance.pk else None


def on_site_changed(sender, instance: Site, **kwargs) -> None:
    """Hostname, name, port or root changed (or the site is gone): its pages' site fields
    and URLs; a site moved to another root leaves its old tree unreachable."""
    forget_request_sites()
    if kwargs.get("raw"):
        return
    roots = {instance.root_page_id, getattr(instance, "_search_previous_root", None)}
    _sync_pages([pk for root in roots if root for pk in _subtree(root)])


def remember_agency_site(sender, instance: Agency, **kwargs) -> None:
    previous = Agency.objects.filter(pk=instance.pk).values_list("site_id", flat=True)
    instance._search_previous_site = previous.first() if instance.pk else None


def on_agency_changed(sender, instance: Agency, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    site_ids = {instance.site_id, getattr(instance, "_search_previous_site", None)}
    roots = Site.objects.filter(pk__in=[pk for pk in site_ids if pk])
    roots = roots.values_list("root_page_id", flat=True)
    enqueue_sync([pk for root in roots for pk in _subtree(root)])
    # Its documents carry its name and slug (search.files owners).
    enqueue_document_sync(documents_of_agency(instance.pk))


def on_dependency_changed(sender, instance: Model, **kwargs) -> None:
    """A snippet whose name or slug documents carry (sector, news category) was saved or is
    about to be deleted (its pages are looked up before the delete unlinks them)."""
    if not kwargs.get("raw"):
        enqueue_sync(DEPENDENT_PAGES[sender](instance))


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    pages_bulk_published.connect(on_pages_bulk_published, dispatch_uid="search_bulk_published")
    sites_bulk_provisioned.connect(on_sites_bulk_provisioned, dispatch_uid="search_bulk_sites")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search_page_deleted")
    pre_delete.connect(on_page_deleting, sender=Page, dispatch_uid="search_page_deleting")
    # Every page type saves under its own class: no sender, the handlers check for pages.
    pre_save.connect(remember_page_documents, dispatch_uid="search_page_documents")
    post_save.connect(on_page_saved, dispatch_uid="search_page_saved")
    document = get_document_model()
    pre_save.connect(remember_site_root, sender=Site, dispatch_uid="search_site_root")
    pre_save.connect(remember_agency_site, sender=Agency, dispatch_uid="search_agency_site")
    for signal in (post_save, post_delete):
        uid = f"search_{id(signal)}"
        signal.connect(on_site_changed, sender=Site, dispatch_uid=f"{uid}_site")
        signal.connect(on_agency_changed, sender=Agency, dispatch_uid=f"{uid}_agency")
        signal.connect(
            on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}_pvr"
        )
        signal.connect(on_document_changed, sender=document, dispatch_uid=f"{uid}_document")
        signal.connect(
            on_collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"{uid}_cvr",
        )
    for model in DEPENDENT_PAGES:
        label = model._meta.label_lower
        post_save.connect(on_dependency_changed, sender=model, dispatch_uid=f"search_{label}_s")
        pre_delete.connect(on_dependency_changed, sender=model, dispatch_uid=f"search_{label}_d")
