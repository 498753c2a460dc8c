"""The chief editor's two decisions on a page in review: approve (and, at the workflow's last
step, publish) or request changes with a comment. Used by the dashboard's review queue and by
the editor's footer menu (wagtail_hooks)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState

APPROVE = "approve"
REQUEST_CHANGES = "reject"


class RequestChangesForm(forms.Form):
    """Wagtail's comment, required: a request for changes says which."""

    comment = forms.CharField(
        label=_("Cần sửa gì"),
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Người gửi bài sẽ thấy góp ý này trong trang và trong email thông báo."),
    )


def decisions(task_state: TaskState, user) -> list[tuple[str, str, bool]]:
    """(action, label, asks for a comment) of the decisions `user` may take on the task:
    Wagtail's approve without a comment and its request for changes, nothing else."""
    actions = task_state.task.specific.get_actions(task_state.revision.content_object, user)
    names = {name for name, _label, _modal in actions}
    result = []
    if APPROVE in names:
        final = task_state.workflow_state.is_at_final_task
        result.append((APPROVE, str(_("Duyệt và xuất bản") if final else _("Duyệt")), False))
    if REQUEST_CHANGES in names:
        result.append((REQUEST_CHANGES, str(_("Yêu cầu sửa")), True))
    return result


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
