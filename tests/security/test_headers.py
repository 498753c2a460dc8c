"""Security headers: the Content Security Policy (strict outside the admin), framing,
nosniff; HSTS is production's (cms/settings/production.py)."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/api/docs/", "/api/v2/pages/", "/admin/login/"])
def test_every_response_has_a_policy(client, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


def test_scripts_outside_the_admin_come_from_this_origin_only(client):
    assert directives(client.get("/api/docs/"))["script-src"] == ["'self'"]


def test_the_admin_may_run_wagtails_inline_scripts(client):
    admin = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(admin)
    policy = directives(client.get("/admin/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert "https:" not in policy["script-src"]
    assert policy["connect-src"] == ["'self'"]


def test_the_admin_names_no_third_party_for_avatars(client):
    admin = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(admin)
    assert "gravatar" not in client.get("/admin/").content.decode()
