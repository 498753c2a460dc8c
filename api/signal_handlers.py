"""Content changes → new ETags, CDN purge and webhook events."""

from corsheaders.signals import check_request_enabled
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from news.models import NewsCategory, PortalFeature
from procedures.models import Sector
from sites.models import Agency, SiteSettings

from . import invalidation
from .cors import cors_allowed, forget_origins
from .models import FrontendConfig, PortalFrontendSettings
from .webhooks.events import record_event

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


def register() -> None:
    check_request_enabled.connect(cors_allowed, dispatch_uid="api-cors")
    for model in (FrontendConfig, PortalFrontendSettings):
        uid = f"api-cors-{model._meta.model_name}"
        post_save.connect(on_cors_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_cors_changed, sender=model, dispatch_uid=f"{uid}-delete")
    page_published.connect(on_published, dispatch_uid="api-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="api-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="api-moved")
    post_delete.connect(on_page_deleted, dispatch_uid="api-page-deleted")
    for model in [*DEPENDENT_MODELS, get_image_model(), get_document_model()]:
        uid = f"api-changed-{model._meta.label_lower}"
        post_save.connect(on_dependency_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_dependency_changed, sender=model, dispatch_uid=f"{uid}-delete")
