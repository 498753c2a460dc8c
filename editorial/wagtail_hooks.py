from django.contrib import messages
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.action_menu import (
    PublishMenuItem,
    SaveDraftMenuItem,
    SubmitForModerationMenuItem,
    WorkflowMenuItem,
)
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, WorkflowState

from .drafts import record_page_save
from .explorer import EditorialPageViewSet
from .panels import QuickActionsPanel, ReviewQueuePanel, UnsavedDraftsPanel
from .review import APPROVE, REQUEST_CHANGES, outcome_message, remember_group_approval_checks
from .views import ReviewDecisionView


@hooks.register("register_admin_urls")
def register_review_decision_url():
    return [
        path(
            "review/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
            ReviewDecisionView.as_view(),
            name="editorial_review_decision",
        )
    ]


@hooks.register("register_admin_viewset")
def register_explorer():
    return EditorialPageViewSet()


@hooks.register("construct_homepage_panels")
def task_first_dashboard(request: HttpRequest, panels: list) -> None:
    remember_group_approval_checks(request.user)
    panels[:] = [
        ReviewQueuePanel() if isinstance(panel, WorkflowObjectsToModeratePanel) else panel
        for panel in panels
    ]
    panels.extend([QuickActionsPanel(), UnsavedDraftsPanel()])


@hooks.register("insert_editor_js")
def save_after_autosave() -> str:
    return format_html('<script src="{}"></script>', static("editorial/js/save-after-autosave.js"))


hooks.register("after_create_page", record_page_save)
hooks.register("after_edit_page", record_page_save)


@hooks.register("construct_page_action_menu")
def reviewers_two_decisions(menu_items: list, request: HttpRequest, context: dict) -> None:
    """A reviewer of the page's current step gets "Duyệt và xuất bản" (or "Duyệt" before the
    last step) as the main button and "Yêu cầu sửa" (with a comment) and "Lưu bản nháp"
    below it; publishing past the workflow, cancelling it or approving with a comment are
    gone from the menu while the page waits for their decision."""
    workflow_items = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    approve = next((i for i in workflow_items if i.name == APPROVE and not i.launch_modal), None)
    request_changes = next((i for i in workflow_items if i.name == REQUEST_CHANGES), None)
    if approve is None or request_changes is None:
        return
    save_draft = [item for item in menu_items if isinstance(item, SaveDraftMenuItem)]
    menu_items[:] = [approve, request_changes, *save_draft]


@hooks.register("construct_page_action_menu")
def writers_submit_first(menu_items: list, request: HttpRequest, context: dict) -> None:
    """An editor who cannot publish ends their work by sending it for review: "Gửi duyệt" is
    the main button, "Lưu bản nháp" (and autosave) keep the work meanwhile."""
    if any(isinstance(item, PublishMenuItem) for item in menu_items):
        return
    submit = next((i for i in menu_items if isinstance(i, SubmitForModerationMenuItem)), None)
    if submit is not None:
        menu_items.remove(submit)
        menu_items.insert(0, submit)


@hooks.register("after_edit_page")
def say_what_the_decision_did(request: HttpRequest, page: Page) -> None:
    """After a workflow action in the editor Wagtail says "Page … has been updated"; say what
    the decision did instead."""
    action = request.POST.get("workflow-action-name")
    if not request.POST.get("action-workflow-action") or action not in {APPROVE, REQUEST_CHANGES}:
        return None
    updated = _("Page '%(page_title)s' has been updated.") % {
        "page_title": page.get_admin_display_title()
    }
    rendered = admin_messages.render(updated, None)
    storage = messages.get_messages(request)
    # Wagtail queued its message a moment ago in this request; it is not shown yet.
    storage._queued_messages = [m for m in storage._queued_messages if m.message != rendered]
    admin_messages.success(request, outcome_message(page, action))
    return None


@hooks.register("before_edit_page")
def show_the_requested_changes(request: HttpRequest, page: Page) -> None:
    """The writer of a page sent back for changes reads the reviewer's comment where they
    fix it (Wagtail keeps it in the workflow history only)."""
    if request.method != "GET":
        return None
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    if task_state is None or not task_state.comment:
        return None
    reviewer = task_state.finished_by
    admin_messages.warning(
        request,
        _('%(reviewer)s yêu cầu sửa: "%(comment)s"')
        % {
            "reviewer": reviewer.get_full_name() or reviewer.get_username()
            if reviewer
            else _("Người duyệt"),
            "comment": task_state.comment,
        },
    )
    return None
