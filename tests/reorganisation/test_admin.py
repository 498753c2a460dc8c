"""The superuser's admin screen: the plan's dry run, then the apply; nobody else gets in."""

import json

from django.contrib.auth import get_user_model
from django.test import Client

from sites.models import Agency, Reorganisation
from tests.reorganisation.test_merge import counts

URL = "/admin/sites/reorganise/"


def logged_in(username: str, **fields) -> Client:
    user, _ = get_user_model().objects.get_or_create(username=username, defaults=fields)
    client = Client()
    client.force_login(user)
    return client


def test_preview_shows_the_plan_and_apply_applies_it(demo_world, plan_data):
    client = logged_in("root", is_superuser=True, is_staff=True)
    before = counts()
    preview = client.post(
        URL, {"plan": json.dumps(plan_data), "action": "preview"}, HTTP_HOST="bacninh.localhost"
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "hợp nhất stttt vào skhcn" in html and "Áp dụng kế hoạch" in html
    assert counts() == before
    applied = client.post(
        URL, {"plan": json.dumps(plan_data), "action": "apply"}, HTTP_HOST="bacninh.localhost"
    )
    assert applied.status_code == 302
    assert Agency.objects.get(slug="stttt").status == Agency.Status.MERGED
    assert Reorganisation.objects.get().applied_by.username == "root"


def test_errors_and_conflicts_are_shown_and_nothing_applies(demo_world, plan_data):
    client = logged_in("root", is_superuser=True, is_staff=True)
    invalid = client.post(
        URL,
        {"plan": '{"operations": [{"type": "merge"}]}', "action": "apply"},
        HTTP_HOST="bacninh.localhost",
    )
    assert "operations[1], sources" in invalid.content.decode()
    del plan_data["operations"][2]["procedure_conflicts"]
    before = counts()
    blocked = client.post(
        URL, {"plan": json.dumps(plan_data), "action": "apply"}, HTTP_HOST="bacninh.localhost"
    )
    html = blocked.content.decode()
    assert blocked.status_code == 200 and "CHƯA QUYẾT ĐỊNH" in html
    assert "Áp dụng kế hoạch" not in html
    assert counts() == before


def test_only_superusers_get_the_screen(demo_world):
    client = Client()
    client.force_login(get_user_model().objects.get(username="stc-admin"))
    response = client.get(URL, HTTP_HOST="bacninh.localhost")
    assert response.status_code == 302 and "login" in response["Location"]
