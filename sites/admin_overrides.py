"""Wagtail admin views that name other agencies' objects, confined to the user's own.

These views offer no hook to filter what they show, so `sites.admin_urls` serves these
subclasses at Wagtail's own paths (included before Wagtail's admin URLs): every `reverse()` of
Wagtail's URL names keeps working and reaches them. `tests/security/test_permission_probes.py`
fails if a Wagtail upgrade moves a path and the stock view answers again.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.views import chooser, workflows
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.models import Page, Workflow, WorkflowState
from wagtail.permissions import policy_registry

from .queries import chooser_pages_q, tasks_for_user, workflows_for_user


def can_see_in_chooser(visible: Q, page: Page) -> bool:
    """Whether the page chooser may show `page` (its title), given `chooser_pages_q(user)`."""
    return page.is_root() or Page.objects.filter(visible, pk=page.pk).exists()


class ConfinedBrowseView(chooser.BrowseView):
    """Browsing a parent the user may not see (another agency's draft, named in the URL or
    picked as the common ancestor of a page type) shows the chooser's root instead: a link
    stored in a page may still open the chooser at such a parent."""

    def get_object_list(self):
        # BrowseView.get() calls this right after choosing the parent, before using it.
        if not can_see_in_chooser(chooser_pages_q(self.request.user), self.parent_page):
            self.parent_page = Page.get_first_root_node().specific
        return super().get_object_list()


class ConfinedParentPageColumn(chooser.ParentPageColumn):
    def __init__(self, *args, visible: Q, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible = visible

    def get_value(self, instance):
        parent = super().get_value(instance)
        return parent if can_see_in_chooser(self.visible, parent) else None


class ConfinedSearchView(chooser.SearchView):
    """Search results (already confined by `construct_page_chooser_queryset`) leave the parent
    column empty for a parent the user may not see."""

    @property
    def columns(self):
        visible = chooser_pages_q(self.request.user)
        return [
            ConfinedParentPageColumn(column.name, label=column.label, visible=visible)
            if isinstance(column, chooser.ParentPageColumn)
            else column
            for column in super().columns
        ]


class ConfinedChosenMultipleView(chooser.ChosenMultipleView):
    """Returns the titles of the chosen pages: only of pages the chooser offered."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            ids = {int(pk) for pk in request.GET.getlist("id")}
        except ValueError as error:
            raise Http404 from error
        if not all(0 < pk < 2**31 for pk in ids):  # beyond the id column: no such page
            raise Http404
        if Page.objects.filter(chooser_pages_q(request.user), pk__in=ids).count() != len(ids):
            raise Http404
        return super().get(request)


class SuperuserPageTypesUsageReportView(PageTypesUsageReportView):
    """The report names the last edited page of each type across every site."""

    def user_has_any_permission(self, permissions) -> bool:
        return self.request.user.is_superuser and super().user_has_any_permission(permissions)


def _requesters_of(workflows):
    User = get_user_model()
    return User._default_manager.filter(
        pk__in=WorkflowState.objects.filter(workflow__in=workflows).values("requested_by")
    ).order_by(User.USERNAME_FIELD)


class ConfinedWorkflowReportFilterSet(WorkflowReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        workflows = workflows_for_user(self.request.user)
        self.filters["workflow"].queryset = workflows
        self.filters["requested_by"].queryset = _requesters_of(workflows)


class ConfinedWorkflowTasksReportFilterSet(WorkflowTasksReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["workflow"].queryset = workflows_for_user(self.request.user)
        self.filters["task"].queryset = tasks_for_user(self.request.user)


class ConfinedWorkflowView(WorkflowView):
    filterset_class = ConfinedWorkflowReportFilterSet


class ConfinedWorkflowTasksView(WorkflowTasksView):
    filterset_class = ConfinedWorkflowTasksReportFilterSet


def can_edit_workflows(user) -> bool:
    return policy_registry.get_by_type(Workflow).user_has_any_permission(user, ["add", "change"])


class _WorkflowEditorsOnlyMixin:
    """The task chooser serves the workflow editor only; it lists every agency's tasks."""

    def dispatch(self, request, *args, **kwargs):
        if not can_edit_workflows(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TaskChooserView(_WorkflowEditorsOnlyMixin, workflows.TaskChooserView):
    pass


class TaskChooserResultsView(_WorkflowEditorsOnlyMixin, workflows.TaskChooserResultsView):
    pass


class TaskChooserCreateView(_WorkflowEditorsOnlyMixin, workflows.TaskChooserCreateView):
    pass


def task_chosen(request: HttpRequest, task_id: int) -> HttpResponse:
    if not can_edit_workflows(request.user):
        raise PermissionDenied
    return workflows.task_chosen(request, task_id)
