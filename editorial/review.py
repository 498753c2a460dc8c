"""The chief editor's two decisions on a page in review: approve (and, at the workflow's last
step, publish) or request changes with a comment. Used by the dashboard's review queue and by
the editor's footer menu (wagtail_hooks)."""

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page, Task, TaskState, WorkflowTask

APPROVE = "approve"
REQUEST_CHANGES = "reject"


class RequestChangesForm(forms.Form):
    """Wagtail's comment, required: a request for changes says which."""

    comment = forms.CharField(
        label=_("Cần sửa gì"),
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Người gửi bài sẽ thấy góp ý này trong trang và trong email thông báo."),
    )


def decisions(actions: list[tuple[str, str, bool]], final: bool) -> list[tuple[str, str, bool]]:
    """(action, label, asks for a comment) of the decisions a reviewer may take, given the
    task's workflow actions for them (`Task.get_actions`): Wagtail's approve without a
    comment and its request for changes, nothing else."""
    names = {name for name, _label, _modal in actions}
    result = []
    if APPROVE in names:
        result.append((APPROVE, str(_("Duyệt và xuất bản") if final else _("Duyệt")), False))
    if REQUEST_CHANGES in names:
        result.append((REQUEST_CHANGES, str(_("Yêu cầu sửa")), True))
    return result


def last_tasks(workflow_ids: set[int]) -> dict[int, int]:
    """The last active task of each workflow: approving it publishes."""
    last = {}
    for workflow_id, task_id in (
        WorkflowTask.objects.filter(workflow_id__in=workflow_ids, task__active=True)
        .order_by("workflow_id", "sort_order")
        .values_list("workflow_id", "task_id")
    ):
        last[workflow_id] = task_id
    return last


def outcome_message(page: Page, action: str) -> str:
    """What the decision did, said as done (Đã duyệt và xuất bản "…")."""
    page = Page.objects.get(pk=page.pk)
    title = page.get_admin_display_title()
    if action == REQUEST_CHANGES:
        return _('Đã yêu cầu sửa "%(title)s". Người gửi sẽ thấy góp ý của bạn.') % {"title": title}
    state = page.current_workflow_state
    if state is not None and state.current_task_state is not None:
        return _('Đã duyệt "%(title)s"; bài chuyển sang bước "%(next)s".') % {
            "title": title,
            "next": state.current_task_state.task.name,
        }
    if page.live and not page.has_unpublished_changes:
        return _('Đã duyệt và xuất bản "%(title)s".') % {"title": title}
    return _('Đã duyệt "%(title)s".') % {"title": title}


def remember_group_approval_checks(user: AbstractBaseUser) -> None:
    """Whether `user` is in each group approval task's groups, for every task in one query,
    kept where Wagtail keeps its per-task answers (`GroupApprovalTask._user_in_groups`): the
    dashboard's review queue otherwise asks every agency's task in turn, one query each."""
    if not user.is_authenticated:
        return
    member = GroupApprovalTask.groups.through.objects.filter(
        groupapprovaltask_id=OuterRef("pk"), group__in=user.groups.all()
    )
    checks = getattr(user, "_group_approval_task_checks", None) or {}
    for pk, is_member in GroupApprovalTask.objects.annotate(member=Exists(member)).values_list(
        "pk", "member"
    ):
        checks.setdefault(pk, is_member)
    user._group_approval_task_checks = checks


def reviewable_task_states(user: AbstractBaseUser) -> QuerySet[TaskState]:
    """Wagtail's `TaskState.objects.reviewable_by(user)`, the group approval tasks' share in
    one filter: Wagtail ORs one queryset per active task (every site has its own), cloning
    the growing filter each time, some 7 s for a superuser at 1,000 sites. Tasks of other
    types still answer for themselves."""
    exact_type = ContentType.objects.get_for_model(GroupApprovalTask)
    # Exactly Wagtail's type: a subclass may moderate by rules of its own.
    group_tasks = GroupApprovalTask.objects.filter(active=True, content_type=exact_type)
    if not user.is_superuser:
        group_tasks = group_tasks.filter(groups__in=user.groups.all())
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, task__in=group_tasks.values("pk")
    )
    for task in Task.objects.filter(active=True).exclude(content_type=exact_type).specific():
        states = states | task.get_task_states_user_can_moderate(user=user)
    return states


def specific_tasks(ids: set[int]) -> dict[int, Task]:
    """The tasks of `ids` as their specific types, by id, in one query (a task's `specific`
    is otherwise a query per row of a listing)."""
    return {task.pk: task for task in Task.objects.filter(pk__in=ids).specific()} if ids else {}
