"""Dashboard panels: the tasks an editor starts from, and the chief editor's review queue."""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page

from .drafts import ABANDONED_AFTER, unsaved_drafts
from .review import decisions, last_tasks, reviewable_task_states, specific_tasks
from .services import quick_actions


class QuickActionsPanel(Component):
    """'Viết tin mới', 'Thêm thủ tục', 'Đăng văn bản': one click to the right editor, under
    the user's own site."""

    name = "editorial_quick_actions"
    template_name = "editorial/panels/quick_actions.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["sites"] = quick_actions(parent_context["request"].user)
        return context


class ReviewQueuePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's 'Awaiting your review', with the two decisions on each page as buttons
    instead of a menu of every workflow action. Its rows are read as Wagtail reads them,
    without the progress of each row's workflow (a query per row) the queue does not show;
    each row's task comes from one query for all of them."""

    template_name = "editorial/panels/review_queue.html"
    order = 60

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = Component.get_context_data(self, parent_context)
        context.update(request=request, csrf_token=parent_context["csrf_token"], states=[])
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context
        task_states = list(
            reviewable_task_states(request.user)
            .select_related("revision", "revision__user", "workflow_state")
            .prefetch_related("revision__content_object")
            .order_by("-started_at")
        )
        tasks = specific_tasks({ts.task_id for ts in task_states})
        last = last_tasks({ts.workflow_state.workflow_id for ts in task_states})
        for task_state in task_states:
            obj = task_state.revision.content_object
            if not isinstance(obj, Page):  # the queue is the agency's pages'
                continue
            task = tasks[task_state.task_id]
            final = last.get(task_state.workflow_state.workflow_id) == task.pk
            context["states"].append(
                {
                    "obj": obj,
                    "revision": task_state.revision,
                    "live_revision_id": obj.live_revision_id,
                    "task_state": task_state,
                    "workflow_preview_url_name": "wagtailadmin_pages:workflow_preview"
                    if obj.is_previewable()
                    else None,
                    "revisions_compare_url_name": "wagtailadmin_pages:revisions_compare",
                    "decisions": [
                        {
                            "label": label,
                            "modal": modal,
                            "url": reverse(
                                "editorial_review_decision", args=(obj.pk, action, task_state.pk)
                            ),
                        }
                        for action, label, modal in decisions(
                            task.get_actions(obj, request.user), final
                        )
                    ],
                }
            )
        return context


class UnsavedDraftsPanel(Component):
    """The user's pages that autosave created and they never saved: to finish or delete
    before the nightly clean-up removes them."""

    name = "editorial_unsaved_drafts"
    template_name = "editorial/panels/unsaved_drafts.html"
    order = 70
    limit = 10

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["pages"] = list(unsaved_drafts(parent_context["request"].user)[: self.limit])
        context["days"] = ABANDONED_AFTER.days
        return context
