"""django-axes on the admin login: wrong passwords are refused in Vietnamese, and after
AXES_FAILURE_LIMIT of them one username from one address is locked out for a while."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-1"
ATTACKER = "203.0.113.50"
OFFICE = "198.51.100.20"


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("bientap", password=PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def login(client, password: str, ip: str = ATTACKER, username: str = "bientap"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_a_wrong_password_is_refused_in_vietnamese(client, editor):
    response = login(client, "sai")
    assert response.status_code == 200
    assert "tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode().lower()


def test_the_limit_locks_the_username_from_that_address(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "sai").status_code == 200
    assert login(client, "sai").status_code == 429  # the limit-th failure locks
    locked = login(client, PASSWORD)  # even the right password, now
    assert locked.status_code == 429
    assert "Tạm khoá đăng nhập" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The editor in their office is not locked out by the attacker.
    assert login(client, PASSWORD, ip=OFFICE).status_code == 302


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "sai")
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "sai")
    assert login(client, PASSWORD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, editor):
    with override_settings(AXES_COOLOFF_TIME=timedelta(minutes=10)):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(client, "sai")
        assert login(client, PASSWORD).status_code == 429
        # The attempts grow old instead of the test sleeping through a short cool-off, which
        # a slow machine could spend before the lockout was even checked.
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=11))
        assert login(client, PASSWORD).status_code == 302


def test_unknown_usernames_are_throttled_too(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "sai", username="khong-co")
    assert login(client, "sai", username="khong-co").status_code == 429
