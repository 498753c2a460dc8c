"""Shared fixtures. The suite runs against the real PostgreSQL and Elasticsearch."""

import pytest
from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage


def pytest_sessionstart(session):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(f"The test suite runs on PostgreSQL only, not {engine}.")


@pytest.fixture(autouse=True)
def _fresh_process_memos():
    """Every test starts without what a process keeps between requests.

    - The API's tables per content version (api.tables): a test's changes are rolled back
      without a signal and leave the version where it was.
    - The retired hostnames, kept 30 s: one loaded by an earlier test would expire in the
      middle of this one and cost a query no request of this test caused.
    - The cache: the API's response versions (api.versions) moved by an earlier test's
      changes only if they were committed, so its answers could be found again.
    """
    from django.core.cache import cache

    from api.tables import forget_tables
    from sites.reorganisation.redirects import forget_retired_hostnames

    forget_tables()
    forget_retired_hostnames()
    cache.clear()


@pytest.fixture(autouse=True)
def _responses_versioned_per_site(settings):
    """The API's responses versioned per site, as in production (api.versions). Only in this
    process: its memory cache is shared by every request and change a test makes here, but
    not by a server a test starts in another process, which keeps the database's version."""
    settings.API_CACHE = {**settings.API_CACHE, "SITE_VERSIONS": True}


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Database access for module-scoped fixtures: what they write lives in one transaction
    rolled back after the module, and each test runs in a savepoint inside it (the pattern of
    Django's TestCase.setUpTestData)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def two_sites(db):
    """The provincial portal (default site) and one agency sub-site, each with a HomePage."""
    return make_two_sites()


def make_two_sites() -> tuple[Site, Site]:
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    portal_home = root.add_child(
        instance=HomePage(title="Cổng thông tin điện tử tỉnh Bắc Ninh", slug="portal-home")
    )
    agency_home = root.add_child(
        instance=HomePage(title="Sở Thông tin và Truyền thông", slug="stttt-home")
    )
    portal = Site.objects.create(
        hostname="bacninh.localhost",
        port=80,
        root_page=portal_home,
        is_default_site=True,
        site_name="Cổng thông tin điện tử tỉnh Bắc Ninh",
    )
    agency = Site.objects.create(
        hostname="stttt.bacninh.localhost",
        port=80,
        root_page=agency_home,
        site_name="Sở Thông tin và Truyền thông",
    )
    return portal, agency
