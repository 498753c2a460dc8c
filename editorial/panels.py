"""Dashboard panels: the tasks an editor starts from, and the chief editor's review queue."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page

from .drafts import ABANDONED_AFTER, unsaved_drafts
from .review import decisions, last_tasks
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
    instead of a menu of every workflow action."""

    template_name = "editorial/panels/review_queue.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = [state for state in context["states"] if isinstance(state["obj"], Page)]
        # One query for every row: which step of each workflow is its last.
        last = last_tasks({state["task_state"].workflow_state.workflow_id for state in states})
        for state in states:
            task_state = state["task_state"]
            final = last.get(task_state.workflow_state.workflow_id) == task_state.task_id
            state["decisions"] = [
                {
                    "label": label,
                    "modal": modal,
                    "url": reverse(
                        "editorial_review_decision",
                        args=(state["obj"].pk, action, task_state.pk),
                    ),
                }
                for action, label, modal in decisions(state["actions"], final)
            ]
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
