from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_load_demo_creates_the_portal_and_an_agency_site_once(client):
    call_command("load_demo", port=8000, stdout=StringIO())
    pages_after_first = Page.objects.count()
    call_command("load_demo", port=8000, stdout=StringIO())

    assert Page.objects.count() == pages_after_first
    hostnames = set(Site.objects.values_list("hostname", flat=True))
    assert hostnames == {"bacninh.localhost", "stttt.bacninh.localhost"}
    portal = Site.objects.get(hostname="bacninh.localhost")
    assert portal.is_default_site
    assert portal.root_page.title == "Cổng thông tin điện tử tỉnh Bắc Ninh"
    assert HomePage.objects.live().count() == 2
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password("demo")

    response = client.get("/", headers={"host": "stttt.bacninh.localhost:8000"})
    assert "<h1>Sở Thông tin và Truyền thông</h1>" in response.content.decode()


@pytest.mark.django_db
def test_load_demo_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="DEBUG=True"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="admin").exists()
