"""Content changes → new ETags, CDN purge and webhook events; changes of what the public
may see (page privacy, a site's address) count as page changes for each page they touch."""

from corsheaders.signals import check_request_enabled
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from news.models import NewsCategory, PortalFeature
from participation.signals import comment_moderated
from procedures.models import Sector
from sites.models import Agency, SiteSettings
from sites.signals import pages_bulk_published, sites_bulk_provisioned
from sites.visibility import Visibility, deleted_with_a_page

from . import invalidation
from .cors import cors_allowed, forget_origins
from .models import FrontendConfig, PortalFrontendSettings
from .webhooks.events import WAS_PUBLIC, record_event, record_events

# Models whose changes alter some API response besides the pages themselves.
DEPENDENT_MODELS = [
    Site,
    SiteSettings,
    Agency,
    Redirect,
    NewsCategory,
    PortalFeature,
    Sector,
    PageViewRestriction,
    CollectionViewRestriction,
    FrontendConfig,
]


def on_published(sender, instance, **kwargs) -> None:
    invalidation.page_changed(instance)
    record_event("page.published", instance)


def on_unpublished(sender, instance, **kwargs) -> None:
    invalidation.page_changed(instance)
    record_event("page.unpublished", instance)


def on_moved(sender, instance, url_path_before="", **kwargs) -> None:
    invalidation.page_changed(instance, old_url_path=url_path_before)
    record_event("page.moved", instance)


def on_pages_bulk_published(sender, pages, **kwargs) -> None:
    record_events([("page.published", page) for page in pages])


def on_sites_bulk_provisioned(sender, pages, **kwargs) -> None:
    invalidation.sites_provisioned(pages)


def remember_publicness(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and type(instance) is instance.specific_class:
        setattr(instance, WAS_PUBLIC, Visibility.anonymous().page(instance))


def on_page_deleted(sender, instance, **kwargs) -> None:
    # Multi-table pages send post_delete for each table; react to the specific one only.
    if isinstance(instance, Page) and type(instance) is instance.specific_class:
        invalidation.page_changed(instance)
        record_event("page.deleted", instance)


def on_dependency_changed(sender, **kwargs) -> None:
    invalidation.content_changed()


def on_cors_changed(sender, **kwargs) -> None:
    # Now for this process, and after the commit so that no request re-reads the old lists.
    forget_origins()
    transaction.on_commit(forget_origins)


def _live_subtree(root_id: int | None) -> list[Page]:
    path = Page.objects.filter(pk=root_id).values_list("path", flat=True).first()
    if path is None:
        return []
    return list(Page.objects.filter(path__startswith=path, live=True).specific().order_by("path"))


def _pages_changed(pages: list[Page], event_for) -> None:
    invalidation.pages_changed(pages)
    record_events([(event_for(page), page) for page in pages])


def on_view_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    """Privacy added, changed or lifted: each live page of the subtree is announced as
    published or unpublished, as the public now sees it."""
    if kwargs.get("raw") or deleted_with_a_page(kwargs.get("origin")):
        return
    visibility = Visibility.anonymous()
    _pages_changed(
        _live_subtree(instance.page_id),
        lambda page: "page.published" if visibility.page(page) else "page.unpublished",
    )


def remember_site_address(sender, instance: Site, **kwargs) -> None:
    previous = Site.objects.filter(pk=instance.pk).values_list("hostname", "port", "root_page_id")
    instance._api_previous_address = previous.first() if instance.pk else None


def on_site_address_changed(sender, instance: Site, created=False, raw=False, **kwargs) -> None:
    """A new hostname, port or root moves every page of the site to new URLs."""
    previous = getattr(instance, "_api_previous_address", None)
    if raw or created or previous is None:
        return
    if previous == (instance.hostname, instance.port, instance.root_page_id):
        return
    _pages_changed(_live_subtree(instance.root_page_id), lambda page: "page.moved")


def on_comment_moderated(sender, instance, **kwargs) -> None:
    """The consultation page shows its approved comments."""
    invalidation.page_changed(instance.consultation)


def register() -> None:
    comment_moderated.connect(on_comment_moderated, dispatch_uid="api-comment-moderated")
    check_request_enabled.connect(cors_allowed, dispatch_uid="api-cors")
    for model in (FrontendConfig, PortalFrontendSettings):
        uid = f"api-cors-{model._meta.model_name}"
        post_save.connect(on_cors_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_cors_changed, sender=model, dispatch_uid=f"{uid}-delete")
    page_published.connect(on_published, dispatch_uid="api-published")
    pages_bulk_published.connect(on_pages_bulk_published, dispatch_uid="api-bulk-published")
    sites_bulk_provisioned.connect(on_sites_bulk_provisioned, dispatch_uid="api-bulk-sites")
    page_unpublished.connect(on_unpublished, dispatch_uid="api-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="api-moved")
    pre_delete.connect(remember_publicness, dispatch_uid="api-page-publicness")
    post_delete.connect(on_page_deleted, dispatch_uid="api-page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"api-page-privacy-{id(signal)}",
        )
    pre_save.connect(remember_site_address, sender=Site, dispatch_uid="api-site-address")
    post_save.connect(on_site_address_changed, sender=Site, dispatch_uid="api-site-moved")
    for model in [*DEPENDENT_MODELS, get_image_model(), get_document_model()]:
        uid = f"api-changed-{model._meta.label_lower}"
        post_save.connect(on_dependency_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_dependency_changed, sender=model, dispatch_uid=f"{uid}-delete")
