"""Every admin URL refuses a POST without a CSRF token, even from a logged-in superuser:
generated from the URL resolver, so a new admin view (or a `csrf_exempt` one) is checked
without anyone listing it."""

import itertools
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from .test_permission_probes import Route, _walk

pytestmark = pytest.mark.django_db

CANDIDATE_VALUES = ["1", "x", str(uuid.uuid4()), "a/b"]


def admin_url(route: Route) -> str | None:
    """The route reversed with placeholder arguments of whatever type its converters take."""
    for values in itertools.product(CANDIDATE_VALUES, repeat=len(route.kwargs)):
        try:
            return reverse(route.name, kwargs=dict(zip(route.kwargs, values, strict=True)))
        except NoReverseMatch:
            continue
    return None


def admin_routes() -> list[Route]:
    routes = {r for r in _walk(get_resolver().url_patterns) if r.template.startswith("admin/")}
    return sorted(routes, key=lambda route: (route.name, route.template))


def test_every_admin_post_without_a_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
    accepted, probed = [], 0
    for route in admin_routes():
        url = admin_url(route)
        if url is None:
            continue
        probed += 1
        response = client.post(url, {"title": "x"})
        if response.status_code != 403 or b"CSRF" not in response.content:
            accepted.append(f"{route.name} ({response.status_code})")
    assert probed == len(admin_routes()) > 250  # every admin URL reversed
    assert not accepted, f"POST without a CSRF token was not refused: {accepted}"
