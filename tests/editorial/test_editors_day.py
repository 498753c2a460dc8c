"""The editors' day in the admin: the dashboard's tasks open the right editor under the user's
own site, the chief decides in one click from the review queue or the editor, messages say
what happened, uploads land in the agency's collections, and a new procedure has no
submission method ticked in advance."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Collection, Page

from news.models import NewsPage
from tests.sites.conftest import form_data

pytestmark = pytest.mark.django_db

TASKS = {
    "Viết tin mới": ("news", "newspage", "tin-tuc"),
    "Thêm thủ tục": ("procedures", "procedurepage", "thu-tuc-hanh-chinh"),
    "Đăng văn bản": ("legaldocs", "legaldocumentpage", "van-ban"),
}


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def messages_of(response) -> list[str]:
    """The messages' text, as the editor reads it (Wagtail renders them as HTML)."""
    return [
        " ".join(BeautifulSoup(str(m.message), "html.parser").get_text(" ").split())
        for m in response.context["messages"]
    ]


def in_review(agency) -> NewsPage:
    """The agency's draft news item, written and submitted by its editor."""
    draft = NewsPage.objects.get(pk=agency.draft.pk)
    draft.save_revision(user=agency.users["editor"])
    agency.result.workflow.start(draft, agency.users["editor"])
    return draft


@pytest.mark.parametrize("role", ["editor", "chief", "admin"])
def test_the_dashboard_tasks_open_the_editor_under_the_users_own_site(client, agencies, role):
    own = agencies["own"]
    client.force_login(own.users[role])
    panel = soup_of(client.get(reverse("wagtailadmin_home"))).select_one(
        "ul.editorial-quick-actions"
    )
    assert panel is not None
    links = {" ".join(a.get_text().split()): a["href"] for a in panel.select("a.button")}
    assert set(links) == set(TASKS)
    home = own.site.root_page
    for label, (app, model, section_slug) in TASKS.items():
        section = home.get_children().get(slug=section_slug)
        assert links[label] == reverse("wagtailadmin_pages:add", args=(app, model, section.pk))
        form = soup_of(client.get(links[label])).select_one("form[method=post]")
        assert form is not None, label


def test_a_user_of_no_agency_gets_no_tasks(client, agencies, django_user_model):
    from django.contrib.auth.models import Permission

    visitor = django_user_model.objects.create_user("visitor", password="x")
    visitor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(visitor)
    assert "Viết tin mới" not in client.get(reverse("wagtailadmin_home")).content.decode()


def decision_buttons(soup: BeautifulSoup) -> dict[str, object]:
    queue = soup.select_one(".editorial-review-queue")
    assert queue is not None, "no review queue"
    return {
        " ".join(b.get_text().split()): b for b in queue.select("button[data-workflow-action-url]")
    }


def test_the_chief_approves_and_publishes_from_the_review_queue_in_one_click(client, agencies):
    own = agencies["own"]
    draft = in_review(own)
    client.force_login(own.users["chief"])
    buttons = decision_buttons(soup_of(client.get(reverse("wagtailadmin_home"))))
    assert set(buttons) == {"Duyệt và xuất bản", "Yêu cầu sửa"}
    assert buttons["Yêu cầu sửa"].has_attr("data-launch-modal")
    assert not buttons["Duyệt và xuất bản"].has_attr("data-launch-modal")

    url = buttons["Duyệt và xuất bản"]["data-workflow-action-url"]
    response = client.post(url, {"next": reverse("wagtailadmin_home")}, follow=True)
    draft.refresh_from_db()
    assert draft.live and not draft.workflow_in_progress
    assert f'Đã duyệt và xuất bản "{draft.title}".' in messages_of(response)


def test_requesting_changes_needs_a_comment_that_reaches_the_writer(client, agencies):
    own = agencies["own"]
    draft = in_review(own)
    client.force_login(own.users["chief"])
    buttons = decision_buttons(soup_of(client.get(reverse("wagtailadmin_home"))))
    url = buttons["Yêu cầu sửa"]["data-workflow-action-url"]
    modal = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert "Cần sửa gì" in json.loads(modal.content)["html"]

    ajax = {"x-requested-with": "XMLHttpRequest"}
    refused = client.post(url, {"comment": "  "}, headers=ajax)
    assert json.loads(refused.content)["step"] == "action"  # the form again, with its error
    draft.refresh_from_db()
    assert draft.workflow_in_progress

    done = client.post(url, {"comment": "Sửa lại số liệu ở đoạn 2."}, headers=ajax)
    assert json.loads(done.content)["step"] == "success"
    state = draft.workflow_states.get()
    assert state.status == "needs_changes"
    assert state.current_task_state.comment == "Sửa lại số liệu ở đoạn 2."
    follow = client.get(reverse("wagtailadmin_home"))
    assert f'Đã yêu cầu sửa "{draft.title}". Người gửi sẽ thấy góp ý của bạn.' in messages_of(
        follow
    )
    # The writer reads it where they fix the page.
    client.force_login(own.users["editor"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,)))
    assert any("Sửa lại số liệu ở đoạn 2." in m for m in messages_of(edit))


def test_another_agencys_chief_cannot_decide(client, agencies):
    own, other = agencies["own"], agencies["other"]
    draft = in_review(own)
    task_state = draft.current_workflow_task_state
    client.force_login(other.users["chief"])
    url = reverse("editorial_review_decision", args=(draft.pk, "approve", task_state.pk))
    response = client.post(url)
    assert response.status_code in {302, 403, 404}
    draft.refresh_from_db()
    assert not draft.live and draft.workflow_in_progress
    assert "Duyệt và xuất bản" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_only_the_two_decisions_in_the_review_queue(client, agencies):
    own = agencies["own"]
    draft = in_review(own)
    client.force_login(own.users["chief"])
    task_state = draft.current_workflow_task_state
    for action in ("approve-with-comment", "cancel", "publish"):
        url = reverse("editorial_review_decision", args=(draft.pk, action, task_state.pk))
        response = client.post(url, follow=True)
        assert "Bạn không có quyền truy cập khu vực này." in messages_of(response)
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live


def footer_actions(soup: BeautifulSoup) -> list[str]:
    footer = soup.select_one("footer")
    assert footer is not None
    return [" ".join(b.get_text().split()) for b in footer.select("button, a.button")]


def test_the_chiefs_editor_menu_has_the_two_decisions_and_save(client, agencies):
    own = agencies["own"]
    draft = in_review(own)
    client.force_login(own.users["chief"])
    soup = soup_of(client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,))))
    actions = [a for a in footer_actions(soup) if a]
    assert actions[0] == "Duyệt và xuất bản"
    assert "Yêu cầu sửa" in actions
    assert not {"Xuất bản", "Hủy quy trình", "Duyệt kèm góp ý và xuất bản"} & set(actions)
    assert soup.select_one('footer [name="action-publish"]') is None


def test_approving_in_the_editor_says_it_was_published(client, agencies):
    own = agencies["own"]
    draft = in_review(own)
    client.force_login(own.users["chief"])
    edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    data = form_data(client.get(edit_url).content.decode(), "form[data-edit-form]")
    data |= {"action-workflow-action": ["true"], "workflow-action-name": ["approve"]}
    response = client.post(edit_url, data, follow=True)
    draft.refresh_from_db()
    assert draft.live
    said = messages_of(response)
    assert f'Đã duyệt và xuất bản "{draft.title}".' in said
    assert not any("Đã lưu trang" in message for message in said)


def test_the_editor_submits_and_is_told_so(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["editor"])
    edit_url = reverse("wagtailadmin_pages:edit", args=(own.draft.pk,))
    data = form_data(client.get(edit_url).content.decode(), "form[data-edit-form]")
    data["action-submit"] = ["1"]
    response = client.post(edit_url, data, follow=True)
    said = messages_of(response)
    assert any(m.startswith(f'Đã gửi duyệt trang "{own.draft.title}".') for m in said), said


def selected_collection(soup: BeautifulSoup, name: str) -> str | None:
    option = soup.select_one(f'select[name="{name}"] option[selected]')
    return option["value"] if option else None


@pytest.mark.parametrize(
    ("add_url", "multiple_url", "collection_name"),
    [
        ("wagtailimages:add", "wagtailimages:add_multiple", "Hình ảnh"),
        ("wagtaildocs:add", "wagtaildocs:add_multiple", "Tài liệu"),
    ],
)
def test_uploads_go_to_the_agencys_media_collection(
    client, agencies, add_url, multiple_url, collection_name
):
    own = agencies["own"]
    # Reloaded: adding the other agency's collection before it (by name) moved its tree path.
    agency_collection = Collection.objects.get(pk=own.result.collection.pk)
    expected = agency_collection.get_children().get(name=collection_name)
    client.force_login(own.users["editor"])
    multiple = soup_of(client.get(reverse(multiple_url)))
    assert selected_collection(multiple, "collection") == str(expected.pk)
    single = soup_of(client.get(reverse(add_url)))
    assert selected_collection(single, "collection") == str(expected.pk)
    # A link naming a collection keeps it.
    chosen = soup_of(client.get(reverse(multiple_url), {"collection_id": agency_collection.pk}))
    assert selected_collection(chosen, "collection") == str(agency_collection.pk)


def procedure_add_url(agency) -> str:
    section = agency.site.root_page.get_children().get(slug="thu-tuc-hanh-chinh")
    return reverse("wagtailadmin_pages:add", args=("procedures", "procedurepage", section.pk))


def test_a_new_procedure_has_no_submission_method_ticked(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["chief"])
    soup = soup_of(client.get(procedure_add_url(own)))
    for name in ("submit_in_person", "submit_online", "submit_postal"):
        box = soup.select_one(f'input[name="{name}"]')
        assert box is not None and not box.has_attr("checked"), name


def test_publishing_a_procedure_needs_a_submission_method(client, agencies):
    from procedures.models import Sector

    own = agencies["own"]
    sector = Sector.objects.create(name="Xây dựng", code="XD", slug="xay-dung")
    client.force_login(own.users["chief"])
    url = procedure_add_url(own)
    data = form_data(client.get(url).content.decode(), "form[method=post]")
    data |= {
        "title": ["Cấp giấy phép xây dựng"],
        "slug": ["cap-giay-phep-xay-dung"],
        "code": ["1.009994"],
        "sector": [str(sector.pk)],
        "level_province": ["on"],
        "implementing_agency": ["Sở Xây dựng"],
    }
    refused = client.post(url, {**data, "action-publish": ["1"]})
    assert refused.status_code == 200
    assert (
        "Chọn ít nhất một cách thức nộp hồ sơ."
        in refused.context["form"].errors["submit_in_person"]
    )
    saved = client.post(url, data)  # a draft may leave it for later
    assert saved.status_code == 302
    page = Page.objects.get(slug="cap-giay-phep-xay-dung").specific
    assert not page.live and not page.submit_in_person


@pytest.mark.parametrize(
    ("section_slug", "label", "empty"),
    [("tin-tuc", "Viết tin mới", False), ("van-ban", "Đăng văn bản", True)],
)
def test_the_explorer_says_what_its_add_button_adds(client, agencies, section_slug, label, empty):
    own = agencies["own"]
    section = own.site.root_page.get_children().get(slug=section_slug)
    client.force_login(own.users["editor"])
    soup = soup_of(client.get(reverse("wagtailadmin_explore", args=(section.pk,))))
    header_buttons = [" ".join(a.get_text().split()) for a in soup.select("a.w-header-button")]
    assert label in header_buttons
    empty_state = soup.select_one(".editorial-empty-state")
    assert (empty_state is not None) is empty
    if empty:
        assert f'Chưa có trang nào trong "{section.title}".' in empty_state.get_text()
        assert empty_state.select_one("a.button").get_text(strip=True) == label


def test_an_editor_who_cannot_publish_gets_send_for_review_as_the_main_button(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["editor"])
    soup = soup_of(client.get(reverse("wagtailadmin_pages:edit", args=(own.draft.pk,))))
    actions = [a for a in footer_actions(soup) if a]
    assert actions[0].startswith("Gửi duyệt"), actions
    assert "Lưu bản nháp" in actions
    client.force_login(own.users["admin"])  # who can publish keeps Wagtail's order
    soup = soup_of(client.get(reverse("wagtailadmin_pages:edit", args=(own.draft.pk,))))
    assert next(a for a in footer_actions(soup) if a) == "Lưu bản nháp"


def test_the_review_queue_adds_no_query_per_row(agencies, rf):
    """Its decisions come from what Wagtail's panel already loaded, plus one query for all
    the workflows' last steps."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

    from editorial.panels import ReviewQueuePanel

    own = agencies["own"]
    section = own.site.root_page.get_children().get(slug="tin-tuc")
    for number in range(6):
        page = section.add_child(instance=NewsPage(title=f"Tin {number}", slug=f"tin-{number}"))
        page.save_revision(user=own.users["editor"])
        own.result.workflow.start(page, own.users["editor"])
    request = rf.get("/admin/")
    request.user = own.users["chief"]
    parent_context = {"request": request, "csrf_token": "x"}
    counts = []
    for panel in (WorkflowObjectsToModeratePanel(), ReviewQueuePanel()):
        with CaptureQueriesContext(connection) as queries:
            context = panel.get_context_data(parent_context)
        counts.append(len(queries))
    assert len(context["states"]) == 6
    assert all(state["decisions"] for state in context["states"])
    assert counts[1] - counts[0] <= 1, counts
