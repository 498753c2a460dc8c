"""The admin is Vietnamese whatever the browser asks for; only an editor's own choice in their
account changes it. Its JavaScript strings come from the same catalogue."""

import json

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_an_english_browser_gets_the_vietnamese_admin(client, agencies):
    login = client.get(reverse("wagtailadmin_login"), **ENGLISH_BROWSER)
    assert "Đăng nhập" in login.content.decode()
    client.force_login(agencies["own"].users["editor"])
    dashboard = client.get(reverse("wagtailadmin_home"), **ENGLISH_BROWSER).content.decode()
    assert '<html lang="vi"' in dashboard and "Bảng điều khiển" in dashboard


def test_an_editor_who_chose_english_gets_it(client, agencies):
    editor = agencies["own"].users["editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in dashboard and "Dashboard" in dashboard
    # Only Vietnamese and English are offered.
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'value="vi"' in account and 'value="fr"' not in account


def test_the_admins_javascript_speaks_vietnamese(client, agencies):
    client.force_login(agencies["own"].users["editor"])
    catalog = client.get(reverse("wagtailadmin_javascript_catalog"), **ENGLISH_BROWSER)
    text = catalog.content.decode()  # non-ASCII as JSON escapes
    for vietnamese in ("Đang tự động lưu…", "Thêm góp ý"):
        assert json.dumps(vietnamese)[1:-1] in text


def test_the_login_screen_has_no_english_left(client):
    """What anyone sees first, logged out and with an English browser: Wagtail's login form
    leaves its password field unlabelled, and Django then shows the field's name."""
    from .test_admin_in_vietnamese import untranslated

    login = client.get(reverse("wagtailadmin_login"), **ENGLISH_BROWSER).content.decode()
    assert untranslated(login) == set()
    assert "Mật khẩu" in login


def test_a_wrong_password_is_said_in_a_sentence(client, agencies):
    editor = agencies["own"].users["editor"]
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": editor.username, "password": "not-the-password"},
        **ENGLISH_BROWSER,
    )
    assert "Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại." in response.content.decode()
