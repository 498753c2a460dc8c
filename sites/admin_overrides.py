"""Wagtail admin views that name other agencies' objects, confined to the user's own.

These views offer no hook to filter what they show, so `sites.admin_urls` serves these
subclasses at Wagtail's own paths (included before Wagtail's admin URLs): every `reverse()` of
Wagtail's URL names keeps working and reaches them. `tests/security/test_permission_probes.py`
fails if a Wagtail upgrade moves a path and the stock view answers again.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.admin.views import chooser, workflows
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.models import Page, Workflow, WorkflowState
from wagtail.permissions import policy_registry

from .queries import chooser_pages_q, sites_for_user, tasks_for_user, workflows_for_user
from .user_admin import manageable_groups


def can_see_in_chooser(visible: Q, page: Page) -> bool:
    """Whether the page chooser may show `page` (its title), given `chooser_pages_q(user)`."""
    return page.is_root() or Page.objects.filter(visible, pk=page.pk).exists()


class LiveTitles:
    """Another agency's pages are shown by their published title: the title of a draft not
    yet published is that agency's business. The user's own pages keep their draft title."""

    def __init__(self, user) -> None:
        self.own_paths = (
            None
            if user.is_superuser
            else tuple(sites_for_user(user).values_list("root_page__path", flat=True))
        )

    def apply(self, page: Page | None) -> Page | None:
        if page is None:
            return None
        foreign = self.own_paths is not None and not page.path.startswith(self.own_paths)
        if foreign and page.live:
            page.draft_title = page.title  # in memory only: what the admin displays
        return page


class LiveTitlePageTitleColumn(chooser.PageTitleColumn):
    """`parent`: the page whose children are listed; each row's link names its parent,
    which is then not read again for every row."""

    def __init__(self, *args, titles: LiveTitles, parent: Page | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.titles, self.parent = titles, parent

    def get_cell_context_data(self, instance, parent_context):
        parent = self.parent
        if parent is not None and instance.path[: -Page.steplen] == parent.path:
            instance._cached_parent_obj = parent  # what treebeard's get_parent keeps
        return super().get_cell_context_data(self.titles.apply(instance), parent_context)


def live_title_columns(columns, user, parent: Page | None = None) -> list:
    titles = LiveTitles(user)
    return [
        LiveTitlePageTitleColumn(
            column.name,
            label=column.label,
            is_multiple_choice=column.is_multiple_choice,
            titles=titles,
            parent=parent,
        )
        if isinstance(column, chooser.PageTitleColumn)
        else column
        for column in columns
    ]


class ConfinedBrowseView(chooser.BrowseView):
    """Browsing a parent the user may not see (another agency's draft, named in the URL or
    picked as the common ancestor of a page type) shows the chooser's root instead: a link
    stored in a page may still open the chooser at such a parent. Other agencies' pages
    show their live title (`LiveTitles`)."""

    @property
    def columns(self):
        return live_title_columns(super().columns, self.request.user, self.parent_page)

    def get_object_list(self):
        # BrowseView.get() calls this right after choosing the parent, before using it.
        if not can_see_in_chooser(chooser_pages_q(self.request.user), self.parent_page):
            self.parent_page = Page.get_first_root_node().specific
        # The status column asks each row for its schedule and workflow: read with the rows,
        # as the explorer does, not a query per row.
        return super().get_object_list().annotate_approved_schedule().prefetch_workflow_states()


class ConfinedParentPageColumn(chooser.ParentPageColumn):
    def __init__(self, *args, visible: Q, titles: LiveTitles, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible, self.titles = visible, titles

    def get_value(self, instance):
        parent = super().get_value(instance)
        return self.titles.apply(parent) if can_see_in_chooser(self.visible, parent) else None


class ConfinedSearchView(chooser.SearchView):
    """Search results (already confined by `construct_page_chooser_queryset`) leave the parent
    column empty for a parent the user may not see."""

    @property
    def columns(self):
        user = self.request.user
        visible, titles = chooser_pages_q(user), LiveTitles(user)
        return [
            ConfinedParentPageColumn(
                column.name, label=column.label, visible=visible, titles=titles
            )
            if isinstance(column, chooser.ParentPageColumn)
            else column
            for column in live_title_columns(super().columns, user)
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
        pages = Page.objects.filter(chooser_pages_q(request.user), pk__in=ids).specific()
        if len(pages) != len(ids):
            raise Http404
        titles = LiveTitles(request.user)
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": titles.apply(page).get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ]
        return self.render_chosen_response(result)


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


def may_see(user, model, objects: list) -> set:
    """Pks of `objects` the user may be shown in an admin listing: pages they may explore,
    other objects their model's permission policy lets them act on."""
    pks = [obj.pk for obj in objects]
    if user.is_superuser or not pks:
        return set(pks)
    policy = policy_registry.get_by_type(Page if issubclass(model, Page) else model)
    if issubclass(model, Page):
        seen = policy.explorable_instances(user)
    else:
        seen = policy.instances_user_has_any_permission_for(
            user, ["add", "change", "delete", "choose", "view"]
        )
    return set(seen.filter(pk__in=pks).values_list("pk", flat=True))


class ConfinedBulkActionMixin:
    """A bulk action reaches only objects the user may see (`may_see`): the others are
    neither acted on nor named. Wagtail's user actions check only the model permission, so
    without this a site admin could deactivate, delete or regroup another agency's people;
    the role they assign is one of their own agency's groups."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        refused = extra.get("items_with_no_access", [])
        seen = may_see(self.request.user, self.model, [*objects, *refused])
        extra["items_with_no_access"] = [obj for obj in refused if obj.pk in seen]
        return [obj for obj in objects if obj.pk in seen], extra

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        role = form.fields.get("role")
        if role is not None and role.queryset.model is Group:
            role.queryset = manageable_groups(self.request.user)
        return form


def bulk_action(request: HttpRequest, app_label: str, model_name: str, action: str):
    """Wagtail's bulk action dispatcher, each action confined (ConfinedBulkActionMixin)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    confined = type(f"Confined{action_class.__name__}", (ConfinedBulkActionMixin, action_class), {})
    return confined(request, model).dispatch(request)
