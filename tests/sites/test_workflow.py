"""The "Duyệt bài" workflow: editors submit, chief editors approve or reject."""

from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from .conftest import form_data


def submit_edit(client, page, action: str, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url).content.decode(), "form#page-edit-form")
    data.update({key: [value] for key, value in changes.items()})
    data[action] = [action]
    return client.post(url, data)


def test_site_root_has_its_own_approval_workflow(agencies):
    own = agencies["own"]
    page = own.page
    workflow = page.get_workflow()
    assert workflow == own.result.workflow
    task = workflow.tasks.get().specific
    assert set(task.groups.all()) == {own.result.groups["chief"], own.result.groups["admin"]}


def test_editor_cannot_publish_but_submits_for_approval(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["editor"])

    submit_edit(client, own.page, "action-publish", title="Tiêu đề sửa bởi biên tập viên")
    page = Page.objects.get(pk=own.page.pk)
    assert page.title == "Giới thiệu"

    submit_edit(client, own.page, "action-submit", title="Tiêu đề chờ duyệt")
    page = Page.objects.get(pk=own.page.pk)
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == own.users["editor"]
    assert page.title == "Giới thiệu"  # the live version is untouched until approved


def _submit_and_act(client, agencies, action: str, comment: str = ""):
    own = agencies["own"]
    client.force_login(own.users["editor"])
    submit_edit(client, own.page, "action-submit", title="Tin đã được duyệt")
    task_state = TaskState.objects.get(workflow_state__object_id=str(own.page.pk))

    client.force_login(own.users["chief"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tin đã được duyệt" in dashboard  # awaiting the chief editor's review

    url = reverse("wagtailadmin_pages:workflow_action", args=[own.page.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment} if comment else {})
    assert response.status_code in {200, 302}
    return Page.objects.get(pk=own.page.pk), TaskState.objects.get(pk=task_state.pk)


def test_chief_editor_approval_publishes(client, agencies):
    page, task_state = _submit_and_act(client, agencies, "approve")
    assert task_state.status == TaskState.STATUS_APPROVED
    assert page.live and page.title == "Tin đã được duyệt"


def test_rejection_returns_the_page_with_a_comment(client, agencies):
    page, task_state = _submit_and_act(client, agencies, "reject", comment="Cần bổ sung nguồn tin.")
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Cần bổ sung nguồn tin."
    assert page.title == "Giới thiệu"
    assert task_state.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_chief_editor_of_another_site_cannot_approve(client, agencies):
    own, other = agencies["own"], agencies["other"]
    client.force_login(own.users["editor"])
    submit_edit(client, own.page, "action-submit", title="Không được duyệt chéo")
    task_state = TaskState.objects.get(workflow_state__object_id=str(own.page.pk))

    client.force_login(other.users["chief"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[own.page.pk, "approve", task_state.pk]
    )
    client.post(url)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert Page.objects.get(pk=own.page.pk).title == "Giới thiệu"
