"""The explorer's cells kept in the process (editorial.rows) are exactly what Wagtail draws, for
every state a page can be in and every role, and a change shows on the next request: each row is
compared with the same request drawn without the memo."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, PageViewRestriction
from wagtail.users.models import UserProfile

from editorial import rows
from news.models import NewsPage
from sites.page_permissions import LeafAwarePagePermissionTester

from .test_admin_at_scale import news_section

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2025, 3, 1, 8, 30, tzinfo=datetime.UTC)  # "… ago" stays put


@pytest.fixture(autouse=True)
def empty_memo():
    rows.MEMO.clear()
    yield
    rows.MEMO.clear()


@pytest.fixture(autouse=True)
def stopped_clock(monkeypatch):
    """The clock of "… ago" stopped at the test's start: rows compared are drawn a moment
    apart, and the sections made with the module's agencies may pass a minute in between."""
    from django.utils.timesince import timesince
    from wagtail.admin.templatetags import wagtailadmin_tags

    now = timezone.now()
    monkeypatch.setattr(wagtailadmin_tags, "timesince", lambda value: timesince(value, now=now))


def explorer_rows(client, parent: Page, **params) -> dict[int, str]:
    """The listing's rows by page id, as served."""
    response = client.get(reverse("wagtailadmin_explore", args=(parent.pk,)), params)
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        int(row.select_one("[data-object-id]")["data-object-id"]): str(row)
        for row in soup.select("table.listing tbody tr")
    }


def wagtails_rows(client, parent: Page, **params) -> dict[int, str]:
    with override_settings(EDITORIAL_ROW_MEMO=False):
        return explorer_rows(client, parent, **params)


def assert_rows_are_wagtails(client, parent: Page, **params) -> dict[int, str]:
    """The rows drawn into the memo and then read from it are Wagtail's own."""
    expected = wagtails_rows(client, parent, **params)
    assert explorer_rows(client, parent, **params) == expected
    kept = len(rows.MEMO)
    assert explorer_rows(client, parent, **params) == expected
    assert len(rows.MEMO) == kept  # the second request drew nothing
    return expected


def add_news(agency, slug: str, title: str) -> NewsPage:
    section = news_section(agency)
    page = section.add_child(
        instance=NewsPage(title=title, slug=slug, live=False, owner=agency.users["editor"])
    )
    page.save_revision(user=agency.users["editor"])
    return page


def reload(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


def news_in_every_state(agency) -> dict[str, Page]:
    """A news item in each state the explorer shows differently."""
    editor, chief = agency.users["editor"], agency.users["chief"]
    pages = {"draft without revision": reload(agency.draft)}
    pages["draft"] = add_news(agency, "ban-nhap", "Bản nháp")
    pages["live"] = add_news(agency, "da-dang", "Đã đăng")
    pages["live"].get_latest_revision().publish()
    changed = add_news(agency, "dang-va-sua", "Đăng rồi sửa")
    changed.get_latest_revision().publish()
    changed = reload(changed)
    changed.title = "Đăng rồi sửa (bản mới)"
    changed.save_revision(user=editor)
    pages["live with changes"] = changed
    for slug, by in (("khoa-boi-truong-ban", chief), ("khoa-boi-bien-tap", editor)):
        locked = add_news(agency, slug, f"Khoá bởi {by.username}")
        locked.locked, locked.locked_by, locked.locked_at = True, by, timezone.now()
        locked.save()
        pages[f"locked by {by.username}"] = locked
    pages["in review"] = add_news(agency, "cho-duyet", "Chờ duyệt")
    agency.result.workflow.start(pages["in review"], editor)
    scheduled = add_news(agency, "hen-gio", "Hẹn giờ")
    scheduled.save_revision(
        user=chief, approved_go_live_at=timezone.now() + datetime.timedelta(days=1)
    )
    pages["scheduled"] = scheduled
    private = add_news(agency, "noi-bo", "Nội bộ")
    private.get_latest_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    pages["private"] = private
    for hours, page in enumerate(pages.values()):
        Page.objects.filter(pk=page.pk).update(
            latest_revision_created_at=LONG_AGO + datetime.timedelta(hours=hours)
        )
    return pages


def test_the_memo_is_on_for_this_wagtail_and_its_templates():
    """The cells' keys were written against these templates: after an upgrade of Wagtail or
    an override of one of them, the memo is off until the keys are reviewed again."""
    assert rows.templates_digest() == rows.REVIEWED_DIGEST
    assert rows.reviewed()


@pytest.mark.parametrize("role", ["editor", "chief", "admin"])
def test_rows_from_the_memo_are_wagtails_in_every_state(client, agencies, role):
    own = agencies["own"]
    pages = news_in_every_state(own)
    client.force_login(own.users[role])
    drawn = assert_rows_are_wagtails(client, news_section(own))
    assert {page.pk for page in pages.values()} <= set(drawn)
    # The site's home: sections with and without children (folder, explore or add links).
    assert len(assert_rows_are_wagtails(client, own.site.root_page)) >= 4
    # A search of the whole site names each result's section.
    found = assert_rows_are_wagtails(client, own.site.root_page, q="Đăng", search_all="1")
    assert pages["live"].pk in found


def test_rows_at_the_root_for_a_superuser(client, agencies, django_user_model):
    """Site roots, with the sites menu link only a user who manages sites gets."""
    superuser = django_user_model.objects.create_superuser("root-h20", password="x")
    client.force_login(superuser)
    drawn = assert_rows_are_wagtails(client, Page.get_first_root_node())
    assert agencies["own"].site.root_page_id in drawn
    assert reverse("wagtailsites:index") in drawn[agencies["own"].site.root_page_id]


def test_each_user_gets_the_rows_drawn_for_their_own_rights(client, agencies):
    """Rows kept for the chief are not the editor's: the editor may neither publish nor
    unpublish, and their rows say so."""
    own = agencies["own"]
    pages = news_in_every_state(own)
    section = news_section(own)
    client.force_login(own.users["chief"])
    chiefs = assert_rows_are_wagtails(client, section)
    client.force_login(own.users["editor"])
    editors = assert_rows_are_wagtails(client, section)
    assert editors[pages["live"].pk] != chiefs[pages["live"].pk]


def test_another_agencys_editor_never_sees_these_rows(client, agencies):
    own, other = agencies["own"], agencies["other"]
    pages = news_in_every_state(own)
    for role in ("editor", "chief"):
        client.force_login(own.users[role])
        explorer_rows(client, news_section(own))
    assert len(rows.MEMO) > 0
    client.force_login(other.users["editor"])
    response = client.get(reverse("wagtailadmin_explore", args=(news_section(own).pk,)))
    assert response.status_code == 302  # to their own site's pages
    found = assert_rows_are_wagtails(client, other.site.root_page, q="Đăng", search_all="1")
    assert not {page.pk for page in pages.values()} & set(found)
    assert other.draft.pk in assert_rows_are_wagtails(client, news_section(other))


def test_rows_follow_the_users_language_and_time_zone(client, agencies):
    own = agencies["own"]
    news_in_every_state(own)
    chief = own.users["chief"]
    client.force_login(chief)
    vietnamese = assert_rows_are_wagtails(client, news_section(own))
    profile = UserProfile.get_for_user(chief)
    profile.preferred_language = "en"
    profile.save()
    english = assert_rows_are_wagtails(client, news_section(own))
    assert english != vietnamese
    profile.current_time_zone = "Europe/Paris"
    profile.save()
    assert assert_rows_are_wagtails(client, news_section(own)) != english


# What an editor or a chief does while others have the explorer open: (who looks, the change).
def edit(agency, pages):
    page = reload(pages["live"])
    page.title = "Đã đăng (sửa tiêu đề)"
    page.save_revision(user=agency.users["editor"])
    return "editor", page


def publish(agency, pages):
    page = reload(pages["draft"])
    page.get_latest_revision().publish(user=agency.users["chief"])
    return "editor", page


def unpublish(agency, pages):
    page = reload(pages["live"])
    page.unpublish(user=agency.users["chief"])
    return "chief", page


def lock(agency, pages):
    page = reload(pages["draft"])
    page.locked, page.locked_by, page.locked_at = True, agency.users["chief"], timezone.now()
    page.save()
    return "editor", page


def unlock(agency, pages):
    page = reload(pages["locked by " + agency.users["chief"].username])
    page.locked, page.locked_by, page.locked_at = False, None, None
    page.save()
    return "editor", page


def send_for_review(agency, pages):
    page = reload(pages["draft"])
    agency.result.workflow.start(page, agency.users["editor"])
    return "chief", page


def approve(agency, pages):
    page = reload(pages["in review"])
    page.current_workflow_task_state.approve(user=agency.users["chief"])
    return "editor", page


def restrict(agency, pages):
    page = reload(pages["live"])
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return "editor", page


def take_publishing_from_the_chiefs(agency, pages):
    GroupPagePermission.objects.filter(
        group=agency.result.groups["chief"], permission__codename="publish_page"
    ).delete()
    return "chief", reload(pages["live"])


def make_the_editor_a_chief(agency, pages):
    agency.users["editor"].groups.add(agency.result.groups["chief"])
    return "editor", reload(pages["live"])


def save_a_draft_of_a_live_page(agency, pages):
    """Only "view draft" appears in its title cell (its title stays)."""
    page = reload(pages["live"])
    page.save_revision(user=agency.users["editor"])
    return "editor", page


def let_the_editor_manage_sites(agency, pages):
    """Not shown in a section's rows (only at a site root); the rows stay Wagtail's."""
    agency.users["editor"].user_permissions.add(Permission.objects.get(codename="add_site"))
    return "editor", None


CHANGES = [
    edit,
    save_a_draft_of_a_live_page,
    publish,
    unpublish,
    lock,
    unlock,
    send_for_review,
    approve,
    restrict,
    take_publishing_from_the_chiefs,
    make_the_editor_a_chief,
    let_the_editor_manage_sites,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_change_shows_on_the_next_request(client, agencies, change):
    """With the rows of the editor and the chief kept, a change: the next request of each is
    Wagtail's, and the row it touches did change for the one who looks."""
    own = agencies["own"]
    pages = news_in_every_state(own)
    section = news_section(own)
    before, after = {}, {}
    for role in ("editor", "chief"):
        client.force_login(own.users[role])
        before[role] = assert_rows_are_wagtails(client, section)
    viewer, changed = change(own, pages)
    for role in ("editor", "chief"):
        client.force_login(own.users[role])
        after[role] = assert_rows_are_wagtails(client, section)
    if changed is None:
        assert after == before
    else:
        assert after[viewer][changed.pk] != before[viewer][changed.pk]


# What the items of Wagtail's "more" menu ask (wagtail.admin.wagtail_hooks, is_shown).
BUTTON_QUESTIONS = [
    "can_edit",
    "can_add_subpage",
    "can_move",
    "can_copy",
    "can_delete",
    "can_unpublish",
    "can_view_revisions",
    "can_reorder_children",
]


@pytest.mark.parametrize("question", BUTTON_QUESTIONS)
def test_each_answer_the_buttons_ask_shows(client, agencies, monkeypatch, question):
    """Each question Wagtail's buttons ask of the permission tester, its answer turned round:
    the rows are Wagtail's, not the ones kept before."""
    own = agencies["own"]
    news_in_every_state(own)
    section = news_section(own)
    client.force_login(own.users["chief"])
    before = assert_rows_are_wagtails(client, section)
    answer = getattr(LeafAwarePagePermissionTester, question)
    monkeypatch.setattr(
        LeafAwarePagePermissionTester,
        question,
        lambda tester, *args, **kwargs: not answer(tester, *args, **kwargs),
    )
    assert assert_rows_are_wagtails(client, section) != before


@pytest.mark.parametrize("role", ["chief", "admin"])
def test_a_move_shows_in_both_sections_and_the_new_parent(client, agencies, role):
    """A live news item moved under "Giới thiệu": gone from the news, listed under its new
    parent with its new address, and its new parent now has children (folder, explore)."""
    own = agencies["own"]
    pages = news_in_every_state(own)
    home, about = own.site.root_page, reload(own.page)
    client.force_login(own.users[role])
    for parent in (news_section(own), home, about):
        assert_rows_are_wagtails(client, parent)
    home_before = explorer_rows(client, home)
    reload(pages["live"]).move(about, pos="last-child")
    assert pages["live"].pk not in assert_rows_are_wagtails(client, news_section(own))
    home_after = assert_rows_are_wagtails(client, home)
    assert home_after[about.pk] != home_before[about.pk]
    assert pages["live"].pk in assert_rows_are_wagtails(client, reload(about))


def test_a_sections_new_address_shows_in_its_rows_links(client, agencies):
    """The section's slug changes: every live item's "view live" link follows."""
    own = agencies["own"]
    pages = news_in_every_state(own)
    section = news_section(own)
    client.force_login(own.users["chief"])
    before = assert_rows_are_wagtails(client, section)
    section.slug = "tin-tuc-moi"
    section.save_revision(user=own.users["chief"]).publish()
    after = assert_rows_are_wagtails(client, section)
    assert "/tin-tuc-moi/" in after[pages["live"].pk]
    assert after[pages["live"].pk] != before[pages["live"].pk]


def test_a_search_names_the_section_a_draft_was_moved_to(client, agencies):
    """A draft listed in the news, then moved (its address is not shown: nothing else of its
    row changes): listed in its new section, and found from the news with a link there."""
    own = agencies["own"]
    pages = news_in_every_state(own)
    section, about = news_section(own), reload(own.page)
    client.force_login(own.users["editor"])
    listed = assert_rows_are_wagtails(client, section)
    reload(pages["draft"]).move(about, pos="last-child")
    # Listed under its new section, its buttons come back there (their `next`).
    moved = assert_rows_are_wagtails(client, about)[pages["draft"].pk]
    assert moved != listed[pages["draft"].pk]
    found = assert_rows_are_wagtails(client, section, q="Bản nháp", search_all="1")
    assert found[pages["draft"].pk] != listed[pages["draft"].pk]
    assert reverse("wagtailadmin_explore", args=(about.pk,)) in found[pages["draft"].pk]
    about.title = "Giới thiệu chung"
    about.save_revision(user=own.users["chief"])
    renamed = assert_rows_are_wagtails(client, section, q="Bản nháp", search_all="1")
    assert "Giới thiệu chung" in renamed[pages["draft"].pk]


def test_the_add_link_follows_the_right_to_add(client, agencies):
    """A leaf section's "+" (add a child page) goes when the editors may no longer add."""
    own = agencies["own"]
    about = reload(own.page)
    client.force_login(own.users["editor"])
    before = assert_rows_are_wagtails(client, own.site.root_page)
    assert reverse("wagtailadmin_pages:add_subpage", args=(about.pk,)) in before[about.pk]
    GroupPagePermission.objects.filter(
        group=own.result.groups["editor"], permission__codename="add_page"
    ).delete()
    after = assert_rows_are_wagtails(client, own.site.root_page)
    assert reverse("wagtailadmin_pages:add_subpage", args=(about.pk,)) not in after[about.pk]


def test_a_site_roots_link_to_the_sites_follows_the_right_to_manage_them(client, agencies):
    own = agencies["own"]
    home = own.site.root_page
    client.force_login(own.users["editor"])
    search = {"q": home.title, "search_all": "1"}
    before = assert_rows_are_wagtails(client, news_section(own), **search)
    assert reverse("wagtailsites:index") not in before[home.pk]
    own.users["editor"].user_permissions.add(Permission.objects.get(codename="add_site"))
    after = assert_rows_are_wagtails(client, news_section(own), **search)
    assert reverse("wagtailsites:index") in after[home.pk]


def test_the_date_follows_the_clock(client, agencies, monkeypatch):
    """ "… ago" is drawn from the time of the request: a day later, the row says so."""
    from wagtail.admin.templatetags import wagtailadmin_tags

    own = agencies["own"]
    news_in_every_state(own)
    elapsed = {"text": "1 năm"}
    monkeypatch.setattr(wagtailadmin_tags, "timesince", lambda value: elapsed["text"])
    client.force_login(own.users["editor"])
    before = assert_rows_are_wagtails(client, news_section(own))
    elapsed["text"] = "2 năm"
    after = assert_rows_are_wagtails(client, news_section(own))
    assert all(after[pk] != before[pk] for pk in after if "1 năm" in before[pk])
    assert any("2 năm" in row for row in after.values())


def test_a_renamed_section_shows_in_the_sites_rows(client, agencies):
    """Its title, and the "explore" and "add" links that name it."""
    own = agencies["own"]
    home = own.site.root_page
    client.force_login(own.users["editor"])
    before = assert_rows_are_wagtails(client, home)
    for section in (news_section(own), reload(own.page)):  # with children, and a leaf
        section.title = f"{section.title} (mới)"
        section.save_revision(user=own.users["editor"])
    after = assert_rows_are_wagtails(client, home)
    assert after[own.page.pk] != before[own.page.pk]
