"""Webhooks: signed events to a real local receiver, retries with exponential backoff."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from api.models import WebhookDelivery, WebhookEndpoint
from api.webhooks.delivery import backoff
from api.webhooks.signing import is_valid
from api.webhooks.tasks import deliver_webhook

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server on 127.0.0.1 answering with the queued status codes (then 200)."""

    def __init__(self):
        self.requests: list = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.headers, body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()


@pytest.fixture
def endpoint(world, receiver):
    return WebhookEndpoint.objects.create(site=world.agency, url=receiver.url, secret="bi-mat")


def test_publish_records_a_delivery_and_queues_a_task(
    world, endpoint, django_capture_on_commit_callbacks
):
    page = world["news_b"].specific_class.objects.get(pk=world["news_b"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.event_type == "page.published"
    assert delivery.payload["page"]["id"] == page.pk
    assert delivery.payload["site"]["hostname"] == world.agency.hostname
    assert DBTaskResult.objects.filter(args_kwargs__args=[delivery.pk]).exists()


def test_delivery_is_signed(world, endpoint, receiver, django_capture_on_commit_callbacks):
    page = world["news_b"].specific_class.objects.get(pk=world["news_b"].pk)
    with django_capture_on_commit_callbacks(execute=False):
        page.save_revision().publish()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert deliver_webhook.call(delivery.pk) == "delivered"
    headers, body = receiver.requests[0]
    assert is_valid("bi-mat", body, headers["X-CMS-Signature"])
    assert not is_valid("sai", body, headers["X-CMS-Signature"])
    event = json.loads(body)
    assert set(event) == {"id", "type", "site", "page", "timestamp"}
    assert event["page"]["url"].startswith("http://sxd.bacninh.localhost")


@override_settings(
    API_WEBHOOKS={"RETRY_BASE": 10, "RETRY_MAX": 25, "MAX_ATTEMPTS": 4, "TIMEOUT": 2}
)
def test_failures_retry_with_exponential_backoff_then_give_up(
    world, endpoint, receiver, django_capture_on_commit_callbacks
):
    page = world["news_b"].specific_class.objects.get(pk=world["news_b"].pk)
    with django_capture_on_commit_callbacks(execute=False):
        page.unpublish()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    receiver.statuses = [500, 503, 500, 500]
    delays = []
    for expected in ["retrying", "retrying", "retrying", "failed"]:
        before = DBTaskResult.objects.count()
        assert deliver_webhook.call(delivery.pk) == expected
        delivery.refresh_from_db()
        if expected == "retrying":
            queued = DBTaskResult.objects.order_by("-enqueued_at").first()
            assert DBTaskResult.objects.count() == before + 1
            assert queued.run_after == delivery.next_attempt_at
            delays.append(round((delivery.next_attempt_at - timezone.now()).total_seconds()))
    assert delays == [10, 20, 25]
    assert delivery.attempts == 4 and delivery.last_status_code == 500
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [10, 20, 25]


def test_unreachable_receiver_never_breaks_publishing(world, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.create(site=world.agency, url="http://127.0.0.1:9/khong-co")
    page = world["news_b"].specific_class.objects.get(pk=world["news_b"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        revision = page.save_revision()
        revision.publish()
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk
    delivery = WebhookDelivery.objects.get()
    assert deliver_webhook.call(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert delivery.last_error
