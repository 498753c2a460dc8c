"""Webhook events show receivers only what the public may see, and every change of
visibility (privacy of a page and its subtree) sends one; deliveries are queued in the
transaction of the change."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from api.models import WebhookDelivery, WebhookEndpoint

from .world import SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(world):
    return WebhookEndpoint.objects.create(
        site=world.agency, url="http://127.0.0.1:9/hook", secret="bi-mat"
    )


def _events(endpoint) -> list[tuple[str, int, dict]]:
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint).order_by("created_at", "pk")
    return [(d.event_type, d.payload["page"]["id"], d.payload["page"]) for d in deliveries]


def test_publishing_a_restricted_page_names_nothing(world, endpoint):
    page = world["login_child"]
    page.title = f"Sửa {SECRET}"
    page.save_revision().publish()
    [(event, page_id, data)] = _events(endpoint)
    assert (event, page_id) == ("page.unpublished", page.pk)
    assert data["title"] is None and data["url"] is None


def test_deleting_a_draft_names_nothing(world, endpoint):
    draft = world["draft"]
    draft.delete()
    [(event, page_id, data)] = _events(endpoint)
    assert (event, page_id) == ("page.deleted", draft.pk)
    assert SECRET not in str(data)


def test_privacy_on_and_off_reaches_the_receivers_for_the_subtree(world, endpoint):
    about, leaders = world["about"], world["leaders"]
    restriction = PageViewRestriction.objects.create(page=about, restriction_type="login")
    assert [(e, pk) for e, pk, _ in _events(endpoint)] == [
        ("page.unpublished", about.pk),
        ("page.unpublished", leaders.pk),
    ]
    WebhookDelivery.objects.all().delete()
    restriction.delete()
    events = _events(endpoint)
    assert [(e, pk) for e, pk, _ in events] == [
        ("page.published", about.pk),
        ("page.published", leaders.pk),
    ]
    assert events[0][2]["title"] == "Giới thiệu"


def test_deliveries_are_queued_in_the_changing_transaction(world, endpoint):
    page = world["news_b"].specific_class.objects.get(pk=world["news_b"].pk)
    with transaction.atomic():
        page.save_revision().publish()
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        assert DBTaskResult.objects.filter(args_kwargs__args=[delivery.pk]).exists()
        transaction.set_rollback(True)
    assert not WebhookDelivery.objects.exists()
