"""Every change of what the public may see reaches the index without a republish: page
privacy (the page and its subtree), site and agency changes, renames of the snippets that
documents carry; and the sync tasks are written in the transaction that makes the change."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import StandardPage
from news.models import NewsCategory
from sites.models import Agency
from tests.search.conftest import add, drain, publish

from .test_sync import indexed

SECRET_WORD = "zqmatdam"  # a word of its summary and body, found nowhere else


@pytest.fixture
def private_news(world, sync):
    """The world's news article with a word of its own (summary and body), published and
    indexed."""
    news = world.news
    news.summary = f"Phiên họp {SECRET_WORD} của Ban Chỉ đạo."
    news.body = json.dumps([{"type": "paragraph", "value": f"<p>Phiên {SECRET_WORD} kín</p>"}])
    with sync():
        publish(news)
    return news


def _search_ids(api, **params) -> list[int]:
    return [item["id"] for item in api(**params)["items"]]


def _suggested(api, q: str) -> list[str]:
    return [item["title"] for item in api("suggest/", q=q)["items"]]


def _anonymous_sees_nothing(client, api, page) -> None:
    assert indexed(page.pk) is None
    assert page.pk not in _search_ids(api, q=SECRET_WORD)
    assert page.title not in _suggested(api, page.title[:12])
    html = client.get("/tim-kiem/", {"q": SECRET_WORD}, HTTP_HOST="bacninh.localhost")
    assert page.title not in html.content.decode()


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_privacy_set_in_the_admin_removes_the_page_from_search(
    client, world, private_news, sync, api, kind
):
    assert private_news.pk in _search_ids(api, q=SECRET_WORD)
    admin = get_user_model().objects.create_superuser("root-privacy", password="x")
    data = {"restriction_type": kind, "password": "mat-khau-1"}
    if kind == "groups":
        data["groups"] = [Group.objects.create(name="Nội bộ").pk]
    client.force_login(admin)
    with sync():
        response = client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[private_news.pk]), data
        )
    assert response.status_code == 200, response.content[:300]
    assert PageViewRestriction.objects.filter(page=private_news).exists()
    client.logout()
    _anonymous_sees_nothing(client, api, private_news)


def test_privacy_of_a_section_removes_its_subtree_and_lifting_it_brings_it_back(
    client, world, private_news, sync, api
):
    section = private_news.get_parent()
    with sync():
        restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    _anonymous_sees_nothing(client, api, private_news)
    with sync():
        restriction.delete()
    assert indexed(private_news.pk)["title"] == private_news.title
    assert private_news.pk in _search_ids(api, q=SECRET_WORD)


def test_a_collection_restriction_changes_no_document(world, sync):
    before = indexed(world.news.pk)
    with sync():
        collection = Collection.get_first_root_node().add_child(name="Nội bộ")
        CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert indexed(world.news.pk) == before


def test_a_sector_rename_reaches_its_procedures(world, sync, api):
    page = world.procedures["MAU.0001"]
    with sync():
        world.sector.name = "Hộ tịch và chứng thực"
        world.sector.save()
    document = indexed(page.pk)
    assert document["sector_name"] == "Hộ tịch và chứng thực"
    assert "Hộ tịch và chứng thực" in document["keywords"]
    assert page.pk in _search_ids(api, q="chứng thực")


def test_a_category_rename_reaches_its_news(world, sync):
    category = NewsCategory.objects.create(site=world.agency, name="Hội nghị", slug="hoi-nghi")
    world.news.categories.add(category)
    with sync():
        publish(world.news)
    with sync():
        category.name, category.slug = "Hội thảo", "hoi-thao"
        category.save()
    document = indexed(world.news.pk)
    assert document["categories"] == ["hoi-thao"]
    assert "Hội thảo" in document["keywords"]
    with sync():
        category.delete()
    assert "categories" not in indexed(world.news.pk)


def test_an_agency_slug_change_reaches_its_documents(world, sync):
    agency = Agency.objects.get(slug="stttt")
    with sync():
        agency.slug = "skhcn"
        agency.save()
    assert indexed(world.news.pk)["site_slug"] == "skhcn"


def test_a_hostname_change_reaches_its_documents(world, sync):
    with sync():
        world.agency.hostname = "khcn.bacninh.localhost"
        world.agency.save()
    document = indexed(world.news.pk)
    assert document["site_hostname"] == "khcn.bacninh.localhost"
    assert document["url"].startswith("http://khcn.bacninh.localhost/")


def test_a_site_moved_to_another_root_syncs_both_trees(world, sync):
    old_root = world.agency.root_page
    new_root = add(world.portal.root_page, StandardPage(title="Trang riêng", slug="rieng"))
    with sync():
        world.agency.root_page = new_root
        world.agency.save()
    # The old tree is no longer on any site: its pages leave the index.
    assert indexed(world.news.pk) is None
    assert old_root.get_descendants().live().exists()


def test_sync_tasks_are_written_in_the_changing_transaction(world, search_index):
    page = world.pages["cửa"]
    tasks = DBTaskResult.objects.filter(backend_name="search", status="READY")
    drain()
    with transaction.atomic():
        PageViewRestriction.objects.create(page=page, restriction_type="login")
        # Before the commit, in the same transaction: no on_commit gap.
        assert tasks.filter(args_kwargs__args=[page.pk]).exists()
        transaction.set_rollback(True)
    assert not tasks.filter(args_kwargs__args=[page.pk]).exists()
    assert not PageViewRestriction.objects.filter(page=page).exists()
