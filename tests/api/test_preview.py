"""Headless preview: the admin button, and the token's lifecycle on /api/v2/preview/."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import override_settings

from api.models import FrontendConfig
from api.preview import SALT, make_token

from .world import SECRET

pytestmark = pytest.mark.django_db


def preview(client, token, **params):
    return client.get("/api/v2/preview/", {"token": token, **params})


def test_draft_of_a_never_published_page_in_detail_shape(world, client):
    response = preview(client, make_token(world["draft"]))
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == f"Nháp {SECRET}"
    assert body["meta"]["type"] == "news.NewsPage"
    assert {"summary", "body", "published_at", "categories"} <= set(body)
    assert response["Cache-Control"] == "private, no-store"


def test_draft_changes_of_a_live_page(world, client):
    body = preview(client, make_token(world["news_b"])).json()
    assert body["title"] == f"Sửa đổi {SECRET}"


def test_token_is_bound_to_its_page(world, client):
    token = make_token(world["draft"])
    response = preview(client, token, id=world["news_a"].pk)
    assert response.status_code == 403
    assert preview(client, token, id=world["draft"].pk).status_code == 200


def test_forged_or_foreign_tokens_are_refused(world, client):
    forged = signing.dumps({"page": world["draft"].pk}, salt="another-salt")
    assert preview(client, forged).status_code == 403
    assert preview(client, make_token(world["draft"]) + "x").status_code == 403
    assert preview(client, "").status_code == 403


def test_token_expires(world, client):
    token = make_token(world["draft"])
    with override_settings(API_PREVIEW_MAX_AGE=-1):
        response = preview(client, token)
    assert response.status_code == 403
    assert "hết hạn" in response.json()["message"]


def test_signed_with_the_preview_salt(world):
    token = make_token(world["draft"])
    assert signing.loads(token, salt=SALT) == {"page": world["draft"].pk}


def test_admin_button_opens_the_sites_frontend_with_a_token(world, client):
    FrontendConfig.objects.create(site=world.agency, frontend_url="https://sxd.example.vn/xem")
    admin = get_user_model().objects.create_superuser("quan-tri", "qt@example.test", "pw")
    client.force_login(admin)
    page = world["draft"]
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert f"/admin/api-preview/{page.pk}/" in edit.content.decode()
    response = client.get(f"/admin/api-preview/{page.pk}/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://sxd.example.vn/xem"
    query = parse_qs(location.query)
    assert query["content_type"] == ["news.NewsPage"]
    client.logout()
    assert preview(client, query["token"][0]).json()["id"] == page.pk


def test_admin_button_needs_edit_permission(world, client):
    user = get_user_model().objects.create_user("khach", "k@example.test", "pw")
    client.force_login(user)
    response = client.get(f"/admin/api-preview/{world['draft'].pk}/")
    assert response.status_code in (302, 403)
    assert "sxd.example.vn" not in response.get("Location", "")
