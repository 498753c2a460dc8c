"""Pages that autosave created and their editor never saved: listed on the editor's dashboard,
deleted after a while (`manage.py cleanup_autosaved_drafts`, nightly in deploy/systemd).

Wagtail's autosave creates the page in the tree as soon as a new page's form has a title, so a
page the editor abandoned stays behind as a draft. A page counts as saved by its editor once a
full submission (save, submit, publish) reaches it."""

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from .models import AutosavedDraft

# Older than this, an autosaved draft nobody saved is taken as abandoned.
ABANDONED_AFTER = timedelta(days=7)


def is_autosave(request: HttpRequest) -> bool:
    """Wagtail's autosave posts the form asking for JSON (EditView.expects_json_response)."""
    return request.method == "POST" and not request.accepts("text/html")


def record_page_save(request: HttpRequest, page: Page) -> None:
    """`after_create_page`/`after_edit_page`: remember a page autosave created; forget it once
    its editor saves it themselves."""
    if is_autosave(request):
        match = request.resolver_match
        if match is not None and match.view_name == "wagtailadmin_pages:add":
            AutosavedDraft.objects.get_or_create(page=page, defaults={"user": request.user})
        return
    AutosavedDraft.objects.filter(page=page).delete()


def unsaved_drafts(user: AbstractBaseUser | None = None) -> QuerySet[Page]:
    """Pages autosave created that nobody saved, published or sent for review since (the
    user's own when given), most recently touched first."""
    in_review = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),  # object_id is text
    )
    pages = Page.objects.filter(
        autosaved_draft__isnull=False, live=False, first_published_at__isnull=True
    ).exclude(Exists(in_review))
    if user is not None:
        pages = pages.filter(autosaved_draft__user=user)
    return pages.order_by("-latest_revision_created_at")


def abandoned_drafts(now=None) -> QuerySet[Page]:
    """Unsaved autosaved drafts untouched for `ABANDONED_AFTER`, without child pages."""
    cutoff = (now or timezone.now()) - ABANDONED_AFTER
    return unsaved_drafts().filter(latest_revision_created_at__lt=cutoff, numchild=0)
