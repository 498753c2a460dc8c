"""Wagtail admin views confined to the user's agency (sites.admin_api, sites.admin_overrides,
the users list's group filter): the own agency's objects still
show, another agency's don't, and superusers still see everything."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import resolve, reverse
from django.utils import timezone
from wagtail.models import Page

from news.models import NewsPage
from sites import admin_overrides


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root-test", password="x")


def _refused(response) -> bool:
    """Wagtail's admin answers a refusal with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def _json_titles(response) -> set[str]:
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


@pytest.mark.parametrize("endpoint,attr", [("images", "image"), ("documents", "document")])
@pytest.mark.parametrize("role", ["editor", "chief", "admin"])
def test_admin_api_lists_only_the_own_collections_media(client, agencies, endpoint, attr, role):
    own, other = getattr(agencies["own"], attr), getattr(agencies["other"], attr)
    client.force_login(agencies["own"].users[role])

    titles = _json_titles(client.get(reverse(f"wagtailadmin_api:{endpoint}:listing")))
    assert own.title in titles
    assert other.title not in titles
    detail = f"wagtailadmin_api:{endpoint}:detail"
    assert client.get(reverse(detail, args=[own.pk])).status_code == 200
    assert client.get(reverse(detail, args=[other.pk])).status_code == 404


@pytest.mark.parametrize("endpoint,attr", [("images", "image"), ("documents", "document")])
def test_admin_api_lists_all_media_to_superusers(client, agencies, superuser, endpoint, attr):
    client.force_login(superuser)
    titles = _json_titles(client.get(reverse(f"wagtailadmin_api:{endpoint}:listing")))
    assert {getattr(agencies[scope], attr).title for scope in ("own", "other")} <= titles


def _browse(client, page: Page) -> dict:
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
    assert response.status_code == 200
    return response.json()


def test_page_chooser_shows_its_root_instead_of_another_agencys_draft(client, agencies):
    other_draft = agencies["other"].draft
    client.force_login(agencies["own"].users["editor"])

    answer = _browse(client, other_draft)
    assert answer["parent_page_id"] == Page.get_first_root_node().pk
    assert other_draft.title not in answer["html"]
    # The site trees and other sites' published pages still browse as usual.
    assert _browse(client, agencies["own"].draft)["parent_page_id"] == agencies["own"].draft.pk
    other_live = agencies["other"].page
    answer = _browse(client, other_live)
    assert answer["parent_page_id"] == other_live.pk
    assert other_live.title in answer["html"]


def test_page_chooser_browses_any_page_for_superusers(client, agencies, superuser):
    client.force_login(superuser)
    draft = agencies["other"].draft
    answer = _browse(client, draft)
    assert answer["parent_page_id"] == draft.pk
    assert draft.title in answer["html"]


def test_page_chooser_search_hides_a_parent_the_user_may_not_see(client, agencies):
    other = agencies["other"]
    # A published page under another agency's unpublished one.
    child = NewsPage(title="Tin con công khai Zeta", slug="tin-con", published_at=timezone.now())
    other.draft.add_child(instance=child)
    child.save_revision().publish()
    client.force_login(agencies["own"].users["editor"])

    html = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Zeta"}).content.decode()
    assert child.title in html
    assert other.draft.title not in html


def test_page_chooser_returns_only_pages_it_offers(client, agencies):
    client.force_login(agencies["own"].users["editor"])
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    own, other = agencies["own"], agencies["other"]
    assert client.get(url, {"id": [own.draft.pk, other.page.pk]}).status_code == 200
    assert client.get(url, {"id": [own.draft.pk, other.draft.pk]}).status_code == 404
    assert client.get(url, {"id": "x"}).status_code == 404
    assert client.get(url, {"id": str(2**63)}).status_code == 404


@pytest.mark.parametrize("role", ["editor", "chief", "admin"])
def test_page_types_usage_report_is_for_superusers_only(client, agencies, superuser, role):
    urls = [reverse(f"wagtailadmin_reports:page_types_usage{s}") for s in ("", "_results")]
    client.force_login(agencies["own"].users[role])
    assert all(_refused(client.get(url)) for url in urls)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert urls[0] not in dashboard

    client.force_login(superuser)
    assert all(client.get(url).status_code == 200 for url in urls)
    assert urls[0] in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("report", ["workflow", "workflow_tasks"])
def test_workflow_reports_filter_only_by_the_own_workflows(client, agencies, superuser, report):
    own, other = (agencies[scope].result.workflow for scope in ("own", "other"))
    url = reverse(f"wagtailadmin_reports:{report}")
    client.force_login(agencies["own"].users["chief"])
    html = client.get(url).content.decode()
    assert own.name in html
    assert other.name not in html

    client.force_login(superuser)
    html = client.get(url).content.decode()
    assert own.name in html and other.name in html


def test_task_chooser_is_for_workflow_editors_only(client, agencies, superuser):
    task = agencies["other"].result.workflow.tasks.first()
    urls = [
        reverse("wagtailadmin_workflows:task_chooser"),
        reverse("wagtailadmin_workflows:task_chooser_results"),
        reverse("wagtailadmin_workflows:task_chosen", args=[task.pk]),
    ]
    client.force_login(agencies["own"].users["admin"])
    assert all(_refused(client.get(url)) for url in urls)

    client.force_login(superuser)
    responses = [client.get(url) for url in urls]
    assert [response.status_code for response in responses] == [200, 200, 200]
    assert task.name in responses[1].content.decode()


def test_users_group_filter_offers_only_the_own_agencys_groups(client, agencies, superuser):
    groups = {scope: agencies[scope].result.groups["editor"] for scope in ("own", "other")}
    url = reverse("wagtailusers_users:index")
    client.force_login(agencies["own"].users["admin"])
    html = client.get(url).content.decode()
    assert groups["own"].name in html
    assert groups["other"].name not in html

    client.force_login(superuser)
    html = client.get(url).content.decode()
    assert groups["own"].name in html and groups["other"].name in html


@pytest.mark.parametrize(
    "name,args,view",
    [
        ("wagtailadmin_choose_page", [], admin_overrides.ConfinedBrowseView),
        ("wagtailadmin_choose_page_child", [1], admin_overrides.ConfinedBrowseView),
        ("wagtailadmin_choose_page_search", [], admin_overrides.ConfinedSearchView),
        (
            "wagtailadmin_choose_page_chosen_multiple",
            [],
            admin_overrides.ConfinedChosenMultipleView,
        ),
        ("wagtailadmin_reports:workflow", [], admin_overrides.ConfinedWorkflowView),
        ("wagtailadmin_reports:workflow_tasks", [], admin_overrides.ConfinedWorkflowTasksView),
        (
            "wagtailadmin_reports:page_types_usage",
            [],
            admin_overrides.SuperuserPageTypesUsageReportView,
        ),
        ("wagtailadmin_workflows:task_chooser", [], admin_overrides.TaskChooserView),
        ("wagtailadmin_workflows:task_chooser_create", [], admin_overrides.TaskChooserCreateView),
    ],
)
def test_wagtails_url_names_reach_the_confined_views(name, args, view):
    """If a Wagtail upgrade moves one of these paths, its stock view would answer again."""
    assert resolve(reverse(name, args=args)).func.view_class is view


def test_task_chosen_reaches_the_confined_view():
    match = resolve(reverse("wagtailadmin_workflows:task_chosen", args=[1]))
    assert match.func.__wrapped__ is admin_overrides.task_chosen


def test_site_history_and_page_filters_keep_the_own_agencys_people(client, agencies, superuser):
    """The confined site history and owner / edited-by filters still show the agency's own
    entries and people, and superusers everyone's."""
    from wagtail.log_actions import log

    from news.models import NewsCategory

    own, other = agencies["own"], agencies["other"]
    for agency, name in ((own, "Mục của Sở Xây dựng"), (other, "Mục của Sở Tư pháp")):
        category = NewsCategory.objects.create(site=agency.site, name=name, slug="muc")
        log(instance=category, action="wagtail.create", user=agency.users["admin"])
        agency.users["admin"].first_name = f"Người {agency.site.hostname}"
        agency.users["admin"].save()
        agency.draft.owner = agency.users["admin"]
        agency.draft.save(update_fields=["owner"])
    history = reverse("wagtailadmin_reports:site_history")
    explore = reverse("wagtailadmin_explore", args=[own.site.root_page_id])

    client.force_login(own.users["admin"])
    text = client.get(history).content.decode()
    assert "Mục của Sở Xây dựng" in text and "Mục của Sở Tư pháp" not in text
    assert f"Người {own.site.hostname}" in text and f"Người {other.site.hostname}" not in text
    explorer = client.get(explore).content.decode()
    assert f"Người {own.site.hostname}" in explorer  # the owner filter
    assert f"Người {other.site.hostname}" not in explorer
    sites = set(re.findall(r'name="site" value="(\d+)"', explorer))
    assert sites == {str(own.site.pk)}

    client.force_login(superuser)
    text = client.get(history).content.decode()
    assert "Mục của Sở Xây dựng" in text and "Mục của Sở Tư pháp" in text
    explorer = client.get(explore).content.decode()
    sites = set(re.findall(r'name="site" value="(\d+)"', explorer))
    assert {str(own.site.pk), str(other.site.pk)} <= sites
