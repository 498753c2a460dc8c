"""Two editors on one page: a form loaded before someone else saved must not publish over
that newer version.

Wagtail shows who else is editing (editing sessions) and refuses a conflicting *autosave*,
but a full form submission from a stale editor is saved and published as is, silently
replacing the other editor's changes. `stale_edit` recognises such a submission with
Wagtail's own markers (the revision the form was loaded from, or the editor's own autosave
revision); `guard_stale_edit` then keeps the work as a new draft revision without publishing
or submitting it, and tells the editor.
"""

from django.contrib import messages
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

# POST keys that publish, submit or move a workflow on (EditView.action_name_and_method).
PUBLISHING_ACTIONS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
)


def stale_edit(request: HttpRequest, page: Page) -> Revision | None:
    """The newer revision, when this edit form was loaded before someone else saved; else
    None. Wagtail's EditView.is_out_of_date, applied to every submission, except that the
    editor's own autosaves do not count."""
    newer = _newer_revision(request, page)
    if newer is None or newer.user_id != request.user.pk:
        return newer
    # The newer revision is this editor's own autosave (Wagtail saves the form every half
    # second and a full submission does not always carry the autosave's id): stale only if
    # someone else saved after the form was loaded.
    loaded_at = parse_datetime(request.POST.get("loaded_revision_created_at", ""))
    if loaded_at is None:
        return None
    return (
        page.revisions.filter(created_at__gt=loaded_at)
        .exclude(user=request.user)
        .order_by("-created_at")
        .first()
    )


def _newer_revision(request: HttpRequest, page: Page) -> Revision | None:
    latest = page.latest_revision
    if latest is None:
        return None
    own_autosave = request.POST.get("overwrite_revision_id")
    if own_autosave:
        return latest if own_autosave != str(latest.pk) else None
    loaded = request.POST.get("loaded_revision_id")
    if not loaded:
        return None
    if loaded != str(latest.pk):
        return latest
    loaded_at = request.POST.get("loaded_revision_created_at", "")
    return latest if loaded_at != latest.created_at.isoformat() else None


def guard_stale_edit(request: HttpRequest, page: Page) -> None:
    """`before_edit_page` hook: a stale full submission is saved as a draft only."""
    # Autosaves (JSON) are already refused by Wagtail when out of date.
    if request.method != "POST" or not request.accepts("text/html"):
        return
    newer = stale_edit(request, page)
    if newer is None:
        return
    data = request.POST.copy()
    for key in (*PUBLISHING_ACTIONS, "overwrite_revision_id"):
        data.pop(key, None)
    request.POST = data
    messages.warning(
        request,
        _(
            "%(user)s đã lưu phiên bản mới của trang này lúc %(time)s, sau khi bạn mở trang "
            "để sửa. Nội dung của bạn đã được lưu thành bản nháp mới nhưng CHƯA được xuất "
            "bản hay gửi duyệt, để không ghi đè thay đổi của người kia. Hãy so sánh hai phiên "
            "bản trong Lịch sử sửa đổi rồi xuất bản bản đúng."
        )
        % {
            "user": newer.user.get_full_name() or newer.user.get_username()
            if newer.user
            else _("Người khác"),
            "time": formats.date_format(timezone.localtime(newer.created_at), "H:i d/m/Y"),
        },
    )
