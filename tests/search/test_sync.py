"""Publishing, unpublishing, deleting and moving pages reach the index through the durable
sync task (django-tasks-db, run by its worker), and an outage loses nothing."""

from django_tasks_db.models import DBTaskResult

from home.models import StandardPage
from search.client import get_client
from search.documents import alias_name
from tests.search.conftest import drain, run_worker


def indexed(page_id: int) -> dict | None:
    response = get_client().options(ignore_status=404).get(index=alias_name(), id=str(page_id))
    return response.body["_source"] if response.body.get("found") else None


def test_publish_makes_a_page_searchable(world, api):
    doc = indexed(world.procedures["MAU.0001"].pk)
    assert doc["title"] == "Đăng ký khai sinh"
    assert doc["title_folded"] == "dang ky khai sinh"
    assert doc["codes"] == ["MAU.0001"]
    assert doc["site_slug"] == "stttt" and doc["type"] == "procedure"
    assert api(q="Đăng ký khai sinh")["items"][0]["id"] == world.procedures["MAU.0001"].pk


def test_a_draft_is_not_indexed_until_published(world, sync, api):
    page = world.procedures["MAU.0002"]
    with sync():
        page.title = "Đăng ký kết hôn lưu động"
        page.save_revision()
    assert indexed(page.pk)["title"] == "Đăng ký kết hôn"
    with sync():
        page.get_latest_revision().publish()
    assert indexed(page.pk)["title"] == "Đăng ký kết hôn lưu động"


def test_unpublish_removes_the_document(world, sync, api):
    page = world.procedures["MAU.0001"]
    with sync():
        page.unpublish()
    assert indexed(page.pk) is None
    assert page.pk not in [item["id"] for item in api(q="dang ky khai sinh")["items"]]


def test_a_login_restriction_removes_the_document(world, sync, api):
    from wagtail.models import PageViewRestriction

    page = world.procedures["MAU.0002"]
    with sync():
        PageViewRestriction.objects.create(page=page, restriction_type="login")
        page.save_revision().publish()
    assert indexed(page.pk) is None
    found = [item["title"] for item in api(q="đăng ký kết hôn")["items"]]
    assert "Đăng ký kết hôn" not in found


def test_delete_removes_the_document(world, sync):
    page_id = world.news.pk
    with sync():
        world.news.delete()
    assert indexed(page_id) is None


def test_deleting_a_section_removes_its_pages(world, sync):
    page_ids = [p.pk for p in world.procedures.values() if p.get_site() == world.agency]
    with sync():
        world.procedures["MAU.0001"].get_parent().delete()
    assert all(indexed(pk) is None for pk in page_ids)


def test_move_between_sites_updates_the_site(world, sync, api):
    page = world.pages["cửa"]
    assert indexed(page.pk)["site_hostname"] == "bacninh.localhost"
    with sync():
        page.move(world.agency.root_page, pos="last-child")
    doc = indexed(page.pk)
    assert doc["site_hostname"] == "stttt.bacninh.localhost"
    assert doc["site_slug"] == "stttt"
    assert doc["url"].startswith("http://stttt.bacninh.localhost")
    assert page.pk in [i["id"] for i in api(q="cửa hàng", site="stttt")["items"]]


def test_site_rename_reaches_the_documents(world, sync):
    with sync():
        world.agency.site_name = "Sở Khoa học và Công nghệ"
        world.agency.save()
    assert indexed(world.procedures["MAU.0001"].pk)["site_name"] == "Sở Khoa học và Công nghệ"


def test_an_older_version_never_overwrites_a_newer_one(world):
    page = world.procedures["MAU.0001"]
    es = get_client()
    version = es.get(index=alias_name(), id=str(page.pk))["_version"]
    stale = {**indexed(page.pk), "title": "Cũ"}
    response = es.options(ignore_status=409).index(
        index=alias_name(),
        id=str(page.pk),
        document=stale,
        version=version - 1,
        version_type="external_gte",
    )
    assert response.meta.status == 409
    assert indexed(page.pk)["title"] == "Đăng ký khai sinh"


def test_sync_is_idempotent(world, sync):
    page = world.procedures["MAU.0001"]
    with sync():
        from search.tasks import enqueue_sync

        enqueue_sync([page.pk, page.pk])
    assert indexed(page.pk)["title"] == "Đăng ký khai sinh"


def test_outage_publishing_succeeds_and_the_index_converges(
    world, api, elasticsearch_down, django_capture_on_commit_callbacks
):
    page = world.pages["của"]
    tasks = DBTaskResult.objects.filter(backend_name="search")

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Quy định về của hàng hóa nhập khẩu"
        publish = page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and page.title == "Quy định về của hàng hóa nhập khẩu", publish
    assert run_worker(max_tasks=3) == 3

    failed = tasks.filter(status="FAILED")
    assert failed.count() >= 3
    assert "ConnectionError" in failed.first().exception_class_path
    assert tasks.filter(status="READY").count() == 1  # the next retry, still visible

    during = api(q="của hàng hóa nhập khẩu")
    assert during["meta"]["engine"] == "database"
    assert page.pk in [item["id"] for item in during["items"]]

    elasticsearch_down()  # the cluster is back
    drain()
    assert tasks.filter(status="READY").count() == 0
    assert indexed(page.pk)["title"] == "Quy định về của hàng hóa nhập khẩu"
    after = api(q="cua hang hoa nhap khau")
    assert after["meta"]["engine"] == "elasticsearch"
    assert after["items"][0]["id"] == page.pk


def test_publishing_needs_no_worker(world):
    page = StandardPage(title="Giới thiệu chung", slug="gioi-thieu")
    world.portal.root_page.add_child(instance=page)
    page.save_revision().publish()
    # Queued with the publish itself (in its transaction), written by the worker later.
    assert DBTaskResult.objects.filter(status="READY", args_kwargs__args=[page.pk]).exists()
    assert indexed(page.pk) is None
