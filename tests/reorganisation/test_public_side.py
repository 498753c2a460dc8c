"""What citizens and front-ends see after a merge: the API resolves old paths, search finds
the moved pages under their new site only (through the normal sync path, on the real
Elasticsearch), webhooks announce the moves and the API's content version moves on."""

import pytest
from django.test import Client

from api.models import ContentVersion, WebhookDelivery, WebhookEndpoint
from sites.reorganisation.apply import apply_plan
from sites.reorganisation.spec import parse_plan
from tests.reorganisation.conftest import get
from tests.search.conftest import drain, search_index, session_index_prefix  # noqa: F401

OLD_ARTICLE_PATH = "/tin-tuc/thong-bao/"


def apply(plan_data, capture) -> None:
    with capture(execute=True):
        apply_plan(parse_plan(plan_data))


def test_find_and_redirects_resolve_old_paths(
    demo_world, plan_data, django_capture_on_commit_callbacks
):
    client = Client()
    page = demo_world.renamed
    before = get(
        client, "/api/v2/pages/find/", "skhdt.bacninh.localhost", html_path=OLD_ARTICLE_PATH
    )
    assert before.status_code == 302
    apply(plan_data, django_capture_on_commit_callbacks)

    found = get(
        client,
        "/api/v2/pages/find/",
        "skhdt.bacninh.localhost",
        html_path=OLD_ARTICLE_PATH,
        fields="title",
    )
    assert found.status_code == 301
    assert "fields=title" in found["Location"]
    detail = get(client, found["Location"])
    assert detail.status_code == 200 and detail.json()["id"] == page.pk
    assert (
        detail.json()["meta"]["html_url"] == "http://stc.bacninh.localhost/tin-tuc/thong-bao-skhdt/"
    )

    listed = get(
        client, "/api/v2/redirects/", "skhdt.bacninh.localhost", old_path=OLD_ARTICLE_PATH
    ).json()
    assert listed["meta"]["total_count"] == 1
    assert listed["items"][0]["target_page"]["id"] == page.pk
    assert listed["items"][0]["status_code"] == 301
    # A path that never existed stays a 404, on the old host too.
    missing = get(client, "/api/v2/pages/find/", "skhdt.bacninh.localhost", html_path="/khong-co/")
    assert missing.status_code == 404


def search(client: Client, q: str, site: str) -> list[int]:
    response = client.get("/api/v2/search/", {"q": q, "site": site}, HTTP_HOST="bacninh.localhost")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.usefixtures("search_index")
def test_search_finds_moved_content_under_the_new_site_only(
    demo_world, plan_data, django_capture_on_commit_callbacks
):
    client = Client()
    drain()
    article = demo_world.article
    query = "Ban Chỉ đạo Công nghệ thông tin"
    assert article.pk in search(client, query, "stttt")
    apply(plan_data, django_capture_on_commit_callbacks)
    drain()
    assert article.pk in search(client, query, "skhcn")
    assert search(client, query, "stttt") == []
    renamed = demo_world.renamed.pk
    assert renamed in search(client, "thong bao tuyen dung", "stc")
    assert search(client, "thong bao tuyen dung", "skhdt") == []


def test_webhooks_announce_the_moves_and_caches_move_on(
    demo_world, plan_data, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpoint.objects.create(
        site=demo_world.sites["stc"], url="https://frontend.example.test/hook"
    )
    version = ContentVersion.current().version
    apply(plan_data, django_capture_on_commit_callbacks)
    moved = WebhookDelivery.objects.filter(endpoint=endpoint, event_type="page.moved")
    page_ids = {delivery.payload["page"]["id"] for delivery in moved}
    assert {demo_world.renamed.pk, demo_world.about.pk} <= page_ids
    payload = moved.get(payload__page__id=demo_world.renamed.pk).payload
    assert payload["page"]["url"] == "http://stc.bacninh.localhost/tin-tuc/thong-bao-skhdt/"
    assert ContentVersion.current().version > version
