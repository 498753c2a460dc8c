"""A webhook's signing secret is shown once, on creation, and never again in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from api.models import WebhookEndpoint
from tests.sites.conftest import form_data, make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
    agency = make_agency("sxd", "Sở Xây dựng")
    return WebhookEndpoint.objects.create(site=agency.site, url="https://hook.example.test/")


def test_the_creation_form_offers_a_random_secret(client, endpoint):
    body = client.get(reverse("webhookendpoint:add")).content.decode()
    assert 'name="secret"' in body


def test_no_later_admin_page_shows_the_secret(client, endpoint):
    for name in ["edit", "history", "usage"]:
        body = client.get(reverse(f"webhookendpoint:{name}", args=[endpoint.pk])).content
        assert endpoint.secret.encode() not in body, name
    listing = client.get(reverse("webhookendpoint:index")).content
    assert endpoint.secret.encode() not in listing


def test_saving_the_edit_form_keeps_the_secret_unless_a_new_one_is_given(client, endpoint):
    url = reverse("webhookendpoint:edit", args=[endpoint.pk])
    data = form_data(client.get(url).content.decode())
    old = endpoint.secret
    data["url"] = ["https://hook2.example.test/"]
    assert client.post(url, data).status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret == old and endpoint.url == "https://hook2.example.test/"
    data["new_secret"] = ["n" * 40]
    assert client.post(url, data).status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret == "n" * 40
