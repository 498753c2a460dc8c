"""With Wagtail's frontend cache configured, publishing purges the API URLs that show the
page (detail, listings, menus, find) on the hosts of its own sites, and the details of pages
linking to it, through a real HTTP purger on loopback; other sites' URLs are left alone."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from home.models import StandardPage


class _PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purger():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def purging_to(purger):
    """Wagtail's frontend cache configured to send its purges to `purger`."""
    location = f"http://127.0.0.1:{purger.server_address[1]}"
    backend = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    return override_settings(
        WAGTAILFRONTENDCACHE={"local": {"BACKEND": backend, "LOCATION": location}}
    )


@pytest.mark.django_db
def test_publishing_purges_the_pages_api_urls(
    two_sites, purger, django_capture_on_commit_callbacks
):
    _portal, agency = two_sites
    with purging_to(purger):
        page = agency.root_page.add_child(instance=StandardPage(title="Liên hệ", slug="lien-he"))
        purger.received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()

    received = set(purger.received)
    assert (agency.hostname, f"/api/v2/pages/{page.pk}/") in received
    assert (agency.hostname, "/api/v2/pages/") in received
    assert (agency.hostname, "/api/v2/menus/") in received
    assert (agency.hostname, "/api/v2/pages/find/?html_path=/lien-he/") in received
    assert {host for host, _path in received} == {agency.hostname}


@pytest.mark.django_db
def test_publishing_purges_the_pages_linking_to_it_on_their_hosts(
    two_sites, purger, django_capture_on_commit_callbacks
):
    portal, agency = two_sites
    page = agency.root_page.add_child(instance=StandardPage(title="Liên hệ", slug="lien-he"))
    link = f'<p>Xem <a linktype="page" id="{page.pk}">liên hệ</a></p>'
    with django_capture_on_commit_callbacks(execute=True):
        hotline = StandardPage(title="Đường dây nóng", slug="nong", body=[("paragraph", link)])
        linking = portal.root_page.add_child(instance=hotline)
    with purging_to(purger):
        purger.received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()

    received = set(purger.received)
    assert (portal.hostname, f"/api/v2/pages/{linking.pk}/") in received
    assert (portal.hostname, "/api/v2/pages/") not in received


@pytest.mark.django_db
def test_publishing_purges_the_details_below_the_page(
    two_sites, purger, django_capture_on_commit_callbacks
):
    """A child's detail shows its parent and its address under it."""
    _portal, agency = two_sites
    with django_capture_on_commit_callbacks(execute=True):
        about = agency.root_page.add_child(instance=StandardPage(title="Giới thiệu", slug="gt"))
        child = about.add_child(instance=StandardPage(title="Lãnh đạo", slug="lanh-dao"))
        grandchild = child.add_child(instance=StandardPage(title="Giám đốc", slug="giam-doc"))
    with purging_to(purger):
        purger.received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            about.slug = "gioi-thieu"
            about.save_revision().publish()

    received = set(purger.received)
    for page in (about, child, grandchild):
        assert (agency.hostname, f"/api/v2/pages/{page.pk}/") in received
