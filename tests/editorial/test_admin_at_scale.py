"""The admin screens an agency's editors open all day run as many queries for a section of 25
pages (a whole screen of the explorer and of the page chooser) as for one of 5 (no query per
row), on real PostgreSQL; and the shortcuts that make it
so answer exactly what Wagtail answers.

The latency of these screens at portal scale is measured by `make bench` (docs/performance.md),
never here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PagePermissionTester

from news.models import NewsPage
from sites.page_permissions import LeafAwarePagePermissionTester

pytestmark = pytest.mark.django_db


def news_section(agency) -> Page:
    return agency.site.root_page.get_children().get(slug="tin-tuc").specific


def add_news(agency, count: int, in_review: int = 0) -> list[NewsPage]:
    """`count` news items written by the editor (a revision each), the first `in_review` of
    them sent for review (those are returned)."""
    section, editor = news_section(agency), agency.users["editor"]
    start = section.get_children().count()
    sent = []
    for number in range(start, start + count):
        page = section.add_child(
            instance=NewsPage(title=f"Tin số {number}", slug=f"tin-so-{number}", owner=editor)
        )
        page.save_revision(user=editor)
        if number - start < in_review:
            agency.result.workflow.start(page, editor)
            sent.append(page)
        section.refresh_from_db()
    return sent


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request fills the process's caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def counts(client, agencies, role: str, url_of) -> tuple[int, int, int]:
    """Queries of the screen with 5 news items (1 in review), then 25 (5 in review): (few,
    many, news items with many)."""
    own = agencies["own"]
    client.force_login(own.users[role])
    add_news(own, 5, in_review=1)
    few = queries_for(client, url_of(own))
    add_news(own, 19, in_review=4)  # with the fixture's draft: 25, one screen
    return few, queries_for(client, url_of(own)), news_section(own).get_children().count()


@pytest.mark.parametrize("role", ["editor", "chief"])
def test_the_news_explorer_runs_no_query_per_row(client, agencies, role):
    few, many, rows = counts(
        client,
        agencies,
        role,
        lambda own: reverse("wagtailadmin_explore", args=(news_section(own).pk,)),
    )
    assert rows == 25
    assert many == few, (few, many)


def test_the_explorer_reads_parents_only_for_a_search(client, agencies):
    """Listing a section never reads its rows' parents (they are the section); a search of the
    whole tree still names, under each result found elsewhere, the section it is in."""
    own = agencies["own"]
    client.force_login(own.users["editor"])
    add_news(own, 2)
    section = news_section(own)
    listing = reverse("wagtailadmin_explore", args=(section.pk,))
    client.get(listing)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(listing).status_code == 200
    # Wagtail's annotate_parent_page: the pages whose path is one of the rows' parents'.
    parents = [q["sql"] for q in queries if 'WHERE "wagtailcore_page"."path" IN (' in q["sql"]]
    assert parents == []

    home = own.site.root_page
    found = client.get(
        reverse("wagtailadmin_explore", args=(home.pk,)), {"q": "Tin số", "search_all": "1"}
    )
    assert found.status_code == 200
    section_link = reverse("wagtailadmin_explore", args=(section.pk,))
    assert f'href="{section_link}"' in found.content.decode()


@pytest.mark.parametrize("role", ["editor", "chief"])
def test_the_page_chooser_runs_no_query_per_row(client, agencies, role):
    few, many, _rows = counts(
        client,
        agencies,
        role,
        lambda own: reverse("wagtailadmin_choose_page_child", args=(news_section(own).pk,)),
    )
    assert many == few, (few, many)


@pytest.mark.parametrize("role", ["editor", "chief"])
def test_the_dashboard_and_review_queue_run_no_query_per_row(client, agencies, role):
    few, many, _rows = counts(client, agencies, role, lambda own: reverse("wagtailadmin_home"))
    assert many == few, (few, many)


def test_the_review_queue_lists_every_page_waiting_for_the_chief(client, agencies):
    own, other = agencies["own"], agencies["other"]
    waiting = add_news(own, 4, in_review=3)
    elsewhere = add_news(other, 2, in_review=2)  # another agency's queue
    client.force_login(own.users["chief"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for page in waiting:
        task_state = page.current_workflow_task_state
        for action in ("approve", "reject"):
            url = reverse("editorial_review_decision", args=(page.pk, action, task_state.pk))
            assert url in html, (page.title, action)
    assert html.count('data-workflow-action-url="/admin/review/') == 2 * len(waiting)
    for page in elsewhere:
        assert f"/admin/review/{page.pk}/" not in html


def test_the_dashboard_does_not_ask_every_agencys_task(client, agencies):
    """Wagtail asks each agency's approval task in turn whether the user is among its
    reviewers: a query per agency, at 50 agencies the dashboard's largest cost."""
    from sites.provisioning import provision_agency_site

    own = agencies["own"]
    client.force_login(own.users["chief"])
    before = queries_for(client, reverse("wagtailadmin_home"))
    for number in range(5):
        provision_agency_site(
            name=f"Phường Thử {number}", slug=f"phuong-thu-{number}",
            hostname=f"phuong-thu-{number}.bacninh.localhost", kind="commune_ward",
        )  # fmt: skip
    assert queries_for(client, reverse("wagtailadmin_home")) == before


def test_the_image_chooser_runs_no_query_per_image(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["editor"])
    url = reverse("wagtailimages_chooser:choose")

    def add_images(count: int) -> None:
        for number in range(count):
            get_image_model().objects.create(
                title=f"Ảnh {number}", file=get_test_image_file(), collection=own.result.collection,
                uploaded_by_user=own.users["chief"],
            )  # fmt: skip

    add_images(2)
    few = queries_for(client, url)
    add_images(10)
    assert queries_for(client, url) == few


@pytest.mark.parametrize("role", ["editor", "chief", "admin"])
def test_leaf_pages_may_be_deleted_exactly_when_wagtail_says(agencies, role):
    """The leaf shortcut of LeafAwarePagePermissionTester against Wagtail's own tester, for
    live and draft pages, owned by the user or not, on the user's site and another's."""
    own, other = agencies["own"], agencies["other"]
    user = own.users[role]
    pages = []
    for agency in (own, other):
        section = news_section(agency)
        for live in (True, False):
            for owner in (user, agency.users["chief"]):
                pages.append(
                    section.add_child(
                        instance=NewsPage(
                            title="Tin lá", slug=f"tin-la-{len(pages)}", live=live, owner=owner
                        )
                    )
                )
    pages.append(news_section(own))  # a page with children: Wagtail's own answer
    for page in pages:
        page = Page.objects.get(pk=page.pk).specific
        for ignore_bulk in (False, True):
            ours = LeafAwarePagePermissionTester(user, page).can_delete(ignore_bulk)
            wagtails = PagePermissionTester(user, page).can_delete(ignore_bulk)
            assert ours == wagtails, (page.title, page.live, page.owner_id, ignore_bulk)
        assert (
            page.permissions_for_user(user).can_move()
            == PagePermissionTester(user, page).can_move()
        )
