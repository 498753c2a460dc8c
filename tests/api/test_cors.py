"""CORS for headless front-ends: each site's admins keep their own allow-list (never another
site's), a portal-wide list reads every site, and browsers can revalidate with ETags."""

import pytest
from django.contrib.auth import get_user_model

from api.models import FrontendConfig, PortalFrontendSettings
from sites.provisioning import provision_agency_site

from .world import AGENCY_HOST, PORTAL_HOST

pytestmark = pytest.mark.django_db

SXD_ORIGIN = "https://sxd.example.vn"
PORTAL_ORIGIN = "https://bacninh.example.vn"


def site_admin(world, slug: str):
    site = world.agency if slug == "sxd" else world.portal
    agency = site.agency
    result = provision_agency_site(
        name=agency.name, slug=slug, hostname=site.hostname, port=80, kind=agency.kind
    )
    user = get_user_model().objects.create_user(f"{slug}-quan-tri", password="pw")
    user.groups.add(result.groups["admin"])
    return user


def fetch(client, path="/api/v2/pages/", host=AGENCY_HOST, origin=SXD_ORIGIN, **headers):
    return client.get(path, headers={"host": host, "origin": origin, **headers})


def allowed(response, origin=SXD_ORIGIN) -> bool:
    return response.get("Access-Control-Allow-Origin") == origin


def test_a_site_admin_configures_their_own_site_in_the_admin(world, client):
    client.force_login(site_admin(world, "sxd"))
    form = client.get("/admin/frontendconfig/new/")
    assert form.status_code == 200
    choices = form.context["form"].fields["site"].queryset
    assert list(choices) == [world.agency]
    response = client.post(
        "/admin/frontendconfig/new/",
        {
            "site": world.agency.pk,
            "frontend_url": "https://sxd.example.vn/xem-truoc",
            "cors_origins": f"{SXD_ORIGIN}/\nhttp://localhost:3000",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    config = FrontendConfig.objects.get(site=world.agency)
    assert config.origins == [SXD_ORIGIN, "http://localhost:3000"]
    client.logout()
    assert allowed(fetch(client))
    assert allowed(fetch(client, origin="http://localhost:3000"), "http://localhost:3000")


def test_a_site_admin_cannot_touch_another_sites_configuration(world, client):
    portal_config = FrontendConfig.objects.create(site=world.portal, cors_origins=PORTAL_ORIGIN)
    client.force_login(site_admin(world, "sxd"))
    response = client.post(
        "/admin/frontendconfig/new/",
        {"site": world.portal.pk, "frontend_url": "", "cors_origins": "https://evil.example"},
    )
    assert response.status_code == 200
    assert "site" in response.context["form"].errors
    assert client.get(f"/admin/frontendconfig/edit/{portal_config.pk}/").status_code in (
        302,
        403,
        404,
    )
    index = client.get("/admin/frontendconfig/")
    assert index.status_code == 200
    assert PORTAL_HOST not in index.content.decode()
    portal_config.refresh_from_db()
    assert portal_config.cors_origins == PORTAL_ORIGIN


def test_origins_must_be_bare_origins(world, client):
    client.force_login(site_admin(world, "sxd"))
    response = client.post(
        "/admin/frontendconfig/new/",
        {"site": world.agency.pk, "frontend_url": "", "cors_origins": "https://sxd.vn/app\nsxd.vn"},
    )
    errors = response.context["form"].errors["cors_origins"][0]
    assert "https://sxd.vn/app" in errors and "sxd.vn" in errors
    assert not FrontendConfig.objects.exists()


def test_a_sites_origins_read_that_site_only(world, client):
    FrontendConfig.objects.create(site=world.agency, cors_origins=SXD_ORIGIN)
    assert allowed(fetch(client))
    assert allowed(fetch(client, "/api/v2/pages/?site=sxd", host=PORTAL_HOST))
    assert allowed(fetch(client, f"/api/v2/pages/?site={world.agency.pk}", host=PORTAL_HOST))
    assert not allowed(fetch(client, "/api/v2/pages/?site=portal"))
    assert not allowed(fetch(client, "/api/v2/pages/?site=*"))
    assert not allowed(fetch(client, host=PORTAL_HOST))
    assert not allowed(fetch(client, origin="https://evil.example"), "https://evil.example")


def test_the_portal_wide_list_reads_every_site_and_all_sites(world, client):
    settings = PortalFrontendSettings.load()
    settings.cors_origins = PORTAL_ORIGIN
    settings.save()
    for path, host in [
        ("/api/v2/pages/?site=*", PORTAL_HOST),
        ("/api/v2/pages/", AGENCY_HOST),
        ("/api/v2/pages/?site=sxd", PORTAL_HOST),
        ("/api/v2/search/?site=*", PORTAL_HOST),
    ]:
        assert allowed(fetch(client, path, host, PORTAL_ORIGIN), PORTAL_ORIGIN), path


def test_the_portals_admins_keep_the_portal_wide_list(world, client):
    url = "/admin/settings/api/portalfrontendsettings/"
    client.force_login(site_admin(world, "sxd"))
    refused = client.get(url, follow=True)
    assert refused.status_code in (403, 404) or "cors_origins" not in refused.content.decode()
    client.force_login(site_admin(world, "portal"))
    edit = client.get(url, follow=True)
    assert edit.status_code == 200
    response = client.post(edit.redirect_chain[-1][0], {"cors_origins": PORTAL_ORIGIN})
    assert response.status_code == 302
    client.logout()
    assert allowed(fetch(client, "/api/v2/pages/?site=*", origin=PORTAL_ORIGIN), PORTAL_ORIGIN)


def test_browsers_revalidate_with_etags_through_cors(world, client):
    FrontendConfig.objects.create(site=world.agency, cors_origins=SXD_ORIGIN)
    preflight = client.options(
        "/api/v2/pages/",
        headers={
            "host": AGENCY_HOST,
            "origin": SXD_ORIGIN,
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match, if-modified-since",
        },
    )
    assert preflight.status_code == 200 and allowed(preflight)
    allowed_headers = preflight["Access-Control-Allow-Headers"].lower()
    assert "if-none-match" in allowed_headers and "if-modified-since" in allowed_headers
    first = fetch(client)
    assert allowed(first)
    exposed = first["Access-Control-Expose-Headers"].lower()
    assert "etag" in exposed and "last-modified" in exposed
    again = fetch(client, if_none_match=first["ETag"])
    assert again.status_code == 304 and allowed(again)
    assert "origin" in again.get("Vary", "").lower() or "origin" in first["Vary"].lower()
    since = fetch(client, if_modified_since=first["Last-Modified"])
    assert since.status_code == 304 and allowed(since)


def test_a_changed_list_applies_at_once(world, client):
    config = FrontendConfig.objects.create(site=world.agency, cors_origins=SXD_ORIGIN)
    assert allowed(fetch(client))
    config.cors_origins = "https://moi.example.vn"
    config.save()
    assert not allowed(fetch(client))
    config.delete()
    assert not allowed(fetch(client, origin="https://moi.example.vn"), "https://moi.example.vn")
