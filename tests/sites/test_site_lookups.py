"""Site look-ups that do not grow with the number of sites (docs/site-lookups.md): each path
reads the same rows, builds the same `Site` objects and answers the same with 30 more sites
as without them, and a page URL built with a request finds its sites without testing every
site's root path."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import post_init
from django.test import RequestFactory
from wagtail.models import GroupApprovalTask, Page, Site, TaskState

from api.models import WebhookEndpoint
from api.webhooks.events import record_events
from editorial.review import reviewable_task_states
from home.models import HomePage
from news.models import NewsPage
from news.services import latest_news
from procedures.models import ProcedurePage
from search.indexing import searchable_pages, searchable_rows
from sites.models import AgencyGroup
from sites.provisioning import provision_agency_site
from sites.queries import sites_for_user
from sites.roots import IndexedRootPaths, SiteRoots

EXTRA_SITES = 30


@dataclass
class Reads:
    queries: int = 0
    rows: int = 0  # rows of the SELECTs
    sites: int = 0  # Site objects built


@contextmanager
def reads() -> Iterator[Reads]:
    counted = Reads()

    def count(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        counted.queries += 1
        if sql.lstrip().upper().startswith("SELECT"):
            counted.rows += max(context["cursor"].rowcount, 0)
        return result

    def built(sender, **kwargs):
        counted.sites += 1

    post_init.connect(built, sender=Site)
    try:
        with connection.execute_wrapper(count):
            yield counted
    finally:
        post_init.disconnect(built, sender=Site)


def add_sites(count: int = EXTRA_SITES) -> None:
    """Sites with a home page each, nothing else: what every site costs a look-up."""
    root = Page.get_first_root_node()
    for number in range(count):
        home = root.add_child(instance=HomePage(title=f"Extra {number}", slug=f"extra-{number}"))
        Site.objects.create(hostname=f"extra{number}.bacninh.localhost", root_page=home)


def same_with_more_sites(call: Callable[[], object], *measures: str) -> object:
    """`call`'s answer and reads (the given `Reads` fields), asserted equal after
    EXTRA_SITES more sites exist. Each is measured on a second call: the first fills the
    caches (content types, Wagtail's site root paths, which a new site clears)."""
    call()
    with reads() as before:
        answer = call()
    add_sites()
    call()
    with reads() as after:
        again = call()
    assert again == answer
    for measure in measures:
        assert getattr(after, measure) == getattr(before, measure), measure
    return answer


@pytest.fixture
def agency(db):
    """A provisioned agency site with an editor and a live news item."""
    result = provision_agency_site(
        name="Sở Xây dựng", slug="sxd", hostname="sxd.bacninh.localhost", is_default=True
    )
    editor = get_user_model().objects.create_user(username="sxd-editor", password="pw")
    editor.groups.add(result.groups[AgencyGroup.Role.EDITOR.value])
    news_index = result.site.root_page.get_children().get(slug="tin-tuc")
    news = news_index.add_child(instance=NewsPage(title="Tin mới", slug="tin-moi"))
    return result.site, editor, news


def test_sites_for_user_reads_only_the_user_s_sites(agency):
    site, editor, _news = agency
    found = same_with_more_sites(
        lambda: sorted(sites_for_user(editor).values_list("pk", flat=True)), "queries", "rows"
    )
    assert found == [site.pk]


def test_news_source_sites_read_only_the_pages_sites(agency):
    site, _editor, news = agency

    def sources():
        return [(page.pk, page.source_site.pk) for page in latest_news([site])]

    assert same_with_more_sites(sources, "queries", "rows", "sites") == [(news.pk, site.pk)]


def test_procedure_code_check_reads_only_the_pages_site(agency):
    site, _editor, _news = agency
    procedure = ProcedurePage(title="Cấp phép xây dựng", slug="cap-phep", code="1.000001")
    procedure._validation_parent = site.root_page.get_children().get(slug="thu-tuc-hanh-chinh")

    def check():
        return procedure._site_root_path(), procedure._code_taken_on_site()

    assert same_with_more_sites(check, "queries", "rows") == (site.root_page.path, False)


def test_webhook_events_build_only_the_changed_pages_sites(agency):
    site, _editor, news = agency
    WebhookEndpoint.objects.create(site=site, url="https://example.test/hook", secret="s" * 32)

    def events():
        deliveries = record_events([("page.published", news)])
        return [(delivery.payload["site"]["id"], delivery.event_type) for delivery in deliveries]

    assert same_with_more_sites(events, "queries", "sites") == [(site.pk, "page.published")]


def test_search_batches_build_only_the_pages_sites(agency):
    site, _editor, news = agency
    pages = Page.objects.descendant_of(site.root_page, inclusive=True)
    ids = list(pages.values_list("pk", flat=True))

    def batch():
        rows = searchable_rows(ids)
        pages = searchable_pages(rows)
        return [(pk, row_site.pk) for pk, _model, row_site in rows], [p.pk for p in pages]

    rows, pages = same_with_more_sites(batch, "queries", "sites")
    assert (news.pk, site.pk) in rows and news.pk in pages


def test_site_roots_pick_the_nearest_root(agency):
    site, _editor, news = agency
    section = news.get_parent()
    nested = Site.objects.create(hostname="nested.bacninh.localhost", root_page=section)
    roots = SiteRoots.above([news.path, site.root_page.path])
    assert roots.site_of(news.path) == nested
    assert roots.site_of(site.root_page.path) == site
    assert roots.site_of(Page.get_first_root_node().path) is None


class NoScan(IndexedRootPaths):
    """Fails if anything tests every site's root path instead of looking a page's up."""

    def __iter__(self):
        if getattr(self, "sealed", False):
            raise AssertionError("every site's root path was tested")
        return super().__iter__()


def test_page_urls_find_their_sites_along_the_url_path(agency):
    site, _editor, news = agency
    add_sites()
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    root_paths = NoScan(Site.get_site_root_paths())
    root_paths.sealed = True
    request._wagtail_cached_site_root_paths = root_paths
    # (Wagtail's get_url still counts the sites for a relative or full URL: docs/site-lookups.md)
    assert news.get_url_parts(request) == (site.pk, site.root_url, "/tin-tuc/tin-moi/")


def test_indexed_root_paths_keep_wagtail_s_answer_and_order(agency):
    site, _editor, news = agency
    add_sites(3)
    Site.objects.create(hostname="alias.bacninh.localhost", root_page=site.root_page)
    Site.objects.create(hostname="nested.bacninh.localhost", root_page=news.get_parent())
    every = Site.get_site_root_paths()
    indexed = IndexedRootPaths(every)
    for page in Page.objects.all():
        wagtail = tuple(path for path in every if page.url_path.startswith(path.root_path))
        assert indexed.relevant(page.url_path) == wagtail


def test_review_queue_is_one_filter_whatever_the_tasks(agency):
    _site, editor, news = agency
    chief = get_user_model().objects.create_user(username="sxd-chief", password="pw")
    workflow = news.get_workflow()
    chief.groups.add(*workflow.workflow_tasks.first().task.specific.groups.all())
    news.save_revision(user=editor)
    workflow.start(news, editor)
    superuser = get_user_model().objects.create_superuser(username="root", password="pw")

    def queues():
        return {
            user.username: sorted(reviewable_task_states(user).values_list("pk", flat=True))
            for user in (superuser, chief, editor)
        }

    def sql_size():
        return len(str(reviewable_task_states(superuser).query))

    size = sql_size()
    for number in range(EXTRA_SITES):
        GroupApprovalTask.objects.create(name=f"Duyệt bài {number}")
    assert sql_size() == size
    wagtail = {
        user.username: sorted(TaskState.objects.reviewable_by(user).values_list("pk", flat=True))
        for user in (superuser, chief, editor)
    }
    assert queues() == wagtail
    assert len(wagtail["root"]) == len(wagtail["sxd-chief"]) == 1


def test_public_pages_of_every_site_are_a_filter_that_does_not_name_each_site(agency):
    """`filter_pages` without a site: the pages below some site's root, by excluding what is
    above and beside the roots, so its SQL stays the same with more sites."""
    from sites.visibility import Visibility

    site, _editor, news = agency
    root = Page.get_first_root_node()
    # Beside the sites' homes: a home no site uses, with a page below it.
    orphan = root.add_child(instance=HomePage(title="Trang cũ", slug="trang-cu"))
    below_orphan = orphan.add_child(instance=HomePage(title="Trang con", slug="trang-con"))
    # A site whose root lies under a page of no site: its pages count, their parent not.
    nested = orphan.add_child(instance=HomePage(title="Trang lồng", slug="trang-long"))
    Site.objects.create(hostname="long.localhost", root_page=nested)
    inside = nested.add_child(instance=HomePage(title="Trang trong", slug="trang-trong"))

    def public() -> tuple[set[int], str]:
        queryset = Visibility.anonymous().filter_pages(Page.objects.all())
        return set(queryset.values_list("pk", flat=True)), str(queryset.query)

    def by_rule() -> set[int]:
        visibility = Visibility.anonymous()
        return {page.pk for page in Page.objects.all() if visibility.page(page)}

    found, sql = public()
    assert found == by_rule()
    assert {site.root_page_id, news.pk, nested.pk, inside.pk} <= found
    assert not {root.pk, orphan.pk, below_orphan.pk} & found

    add_sites()
    more, more_sql = public()
    assert more == by_rule() and len(more) == len(found) + EXTRA_SITES
    assert more_sql == sql  # the same filter: nothing per site
