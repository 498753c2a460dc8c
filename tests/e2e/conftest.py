"""Browser tests: Debian's Chromium driven by Playwright against the project run as
`make run` runs it — `runserver` with the dev settings, a `db_worker` for the search sync —
on the real PostgreSQL and Elasticsearch.

The server gets its own database, cloned from the migrated test database, and its own index
prefix, so nothing it commits leaks into the rest of the suite; both are dropped at the end.
"""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import setup_databases, teardown_databases
from playwright.sync_api import BrowserContext, Locator, Page, expect

from search.client import get_client
from tests.ports import free_port

ROOT = Path(settings.BASE_DIR)
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
PORTS = range(8400, 8500)  # engineer D's range on the shared machine
DOMAIN = "bacninh.localhost"
PASSWORD = "demo"
# Generous for a loaded two-core CI machine; every wait is on a condition, never a sleep.
STARTUP_TIMEOUT = 120
# Before pytest-django points the connection at the test database.
CONFIGURED_DATABASE = settings.DATABASES["default"]["NAME"]
expect.set_options(timeout=20_000)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # Last, after every other plugin's reordering: the server subprocesses and the browser
    # should not slow the other tests, and the world is cloned from the test database.
    items.sort(key=lambda item: "tests/e2e/" in str(item.path).replace(os.sep, "/"))


@dataclass
class Live:
    port: int
    database: str
    index_prefix: str
    log: Path

    def url(self, slug: str = "portal", path: str = "/") -> str:
        host = DOMAIN if slug == "portal" else f"{slug}.{DOMAIN}"
        return f"http://{host}:{self.port}{path}"

    def query(self, sql: str, *params) -> list[tuple]:
        """Read the server's database (for waiting on the task queue, not for asserting)."""
        with psycopg.connect(_dsn(self.database), autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _dsn(dbname: str) -> str:
    db = settings.DATABASES["default"]
    return (
        f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} "
        f"password={db['PASSWORD']} dbname={dbname}"
    )


def _database_url(dbname: str) -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{dbname}"
    )


def _clone_database(template: str, name: str) -> None:
    # CREATE DATABASE … TEMPLATE needs the template without sessions: ours are closed.
    connections.close_all()
    with psycopg.connect(_dsn("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def _drop_database(name: str) -> None:
    with psycopg.connect(_dsn("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_until(condition: Callable[[], bool], timeout: float, what: str, live: Live) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; server log:\n{live.log_tail()}")


def _serving(live: Live) -> bool:
    try:
        fetch(live.url())
    except OSError:
        return False
    return True


def pending_search_tasks(live: Live) -> int:
    return live.query(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE backend_name = 'search' AND status IN ('READY', 'RUNNING')"
    )[0][0]


@pytest.fixture(scope="session")
def migrated_database(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The name of the migrated test database. pytest-django creates it only for tests that
    use the database in-process; when the browser tests run alone, create it here."""
    connection = connections["default"]
    if connection.settings_dict["NAME"] != CONFIGURED_DATABASE:
        yield connection.settings_dict["NAME"]
        return
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def live(migrated_database, tmp_path_factory) -> Iterator[Live]:
    """The project served on 127.0.0.1:84xx with the demo's sites for the scenarios."""
    template = migrated_database
    live = Live(
        port=free_port(PORTS),
        database=f"{template}_e2e",
        index_prefix=f"{settings.ELASTICSEARCH['INDEX_PREFIX']}-e2e-{uuid.uuid4().hex[:6]}",
        log=tmp_path_factory.mktemp("e2e") / "server.log",
    )
    _clone_database(template, live.database)
    var_dir = tmp_path_factory.mktemp("e2e-var")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": _database_url(live.database),
        "ELASTICSEARCH_INDEX_PREFIX": live.index_prefix,
        "CMS_VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "DEMO_PORT": str(live.port),
        "DEMO_PASSWORD": PASSWORD,
        "WAGTAILADMIN_BASE_URL": live.url(),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    processes: list[subprocess.Popen] = []
    with live.log.open("ab") as log:

        def run(*args: str) -> None:
            subprocess.run([*manage, *args], env=env, cwd=ROOT, stdout=log, stderr=log, check=True)

        def start(*args: str) -> None:
            processes.append(
                subprocess.Popen([*manage, *args], env=env, cwd=ROOT, stdout=log, stderr=log)
            )

        try:
            try:
                run("shell", "-c", "from tests.e2e.world import build; build()")
            except subprocess.CalledProcessError as error:
                raise AssertionError(f"{error}; log:\n{live.log_tail()}") from None
            start("db_worker", "--backend", "search", "--queue-name", "*", "--no-reload",
                  "--no-startup-delay", "--interval", "0.2")  # fmt: skip
            # The checks run in `make lint` and the rest of the suite; here they only cost time.
            start("runserver", f"127.0.0.1:{live.port}", "--noreload", "--skip-checks")
            _wait_until(lambda: _serving(live), STARTUP_TIMEOUT, "the server", live)
            # The world's publishes queued sync tasks: let the worker catch up first, so
            # the scenarios' own waits measure only their own pages.
            _wait_until(
                lambda: pending_search_tasks(live) == 0, STARTUP_TIMEOUT, "the search sync", live
            )
            yield live
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            _drop_database(live.database)
            get_client().indices.delete(index=f"{live.index_prefix}-*", ignore_unavailable=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, live):
    """Debian's Chromium, never a browser downloaded by Playwright. *.localhost is mapped
    to the IPv4 loopback where the server listens."""
    args = [f"--host-resolver-rules=MAP *.{DOMAIN} 127.0.0.1, MAP {DOMAIN} 127.0.0.1"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium's sandbox refuses to run as root
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 800},
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
    }


@pytest.fixture
def new_context(browser, browser_context_args) -> Iterator[Callable[[], BrowserContext]]:
    """A fresh browser session per user of a scenario (editor, chief, citizen)."""
    contexts = []

    def make() -> BrowserContext:
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session", autouse=True)
def screenshots_dir() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def shot(page: Page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


def login(context: BrowserContext, live: Live, username: str, slug: str = "portal") -> Page:
    """Sign in through the admin's login form; returns the page on the dashboard."""
    page = context.new_page()
    page.goto(live.url(slug, "/admin/login/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    return page


def fetch(url: str) -> bytes:
    """GET a URL of the live server outside the browser (the system resolver may not map
    *.localhost to loopback, so connect to 127.0.0.1 and send the Host)."""
    parts = urllib.parse.urlsplit(url)
    request = urllib.request.Request(
        f"http://127.0.0.1:{parts.port}{parts.path}?{parts.query}",
        headers={"Host": parts.netloc},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def get_json(live: Live, path: str, slug: str = "portal") -> dict:
    """GET an API URL the way a front-end would, outside the browser."""
    return json.loads(fetch(live.url(slug, path)))


def eventually(fetch: Callable[[], object], check: Callable[[object], bool], timeout: float):
    """Poll `fetch` until `check` accepts its value; returns (value, seconds taken)."""
    start = time.monotonic()
    while True:
        value = fetch()
        if check(value):
            return value, time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"still not there after {timeout} s: {value!r}"[:2000])
        time.sleep(0.25)


def choose_image(page: Page, chooser: Locator, title: str) -> None:
    """Open an image chooser and pick the image titled `title` from the modal."""
    chooser.locator("[data-chooser-action-choose]").click()
    modal = page.locator(".modal.fade.in, .modal[aria-hidden='false']").last
    modal.get_by_role("link", name=title).click()
    expect(modal).to_be_hidden()


def run_action(page: Page, name: str) -> None:
    """Click an action of the editor's footer menu (action-submit, action-publish…).

    Wagtail autosaves the form half a second after each change; an action clicked while that
    save is in flight can be lost, so the form is first left to reach "saved".
    """
    indicator = page.locator("#w-autosave-indicator")
    if indicator.count():
        # Past the autosave's debounce; then no save in flight. No state at all means the
        # changes were typed before the autosave script started watching, so none is coming.
        page.wait_for_timeout(700)
        state = eventually(
            lambda: indicator.get_attribute("data-w-autosave-state-value"),
            lambda value: value in (None, "saved", "error"),
            timeout=20,
        )[0]
        assert state != "error", "Wagtail's autosave failed"
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    # Where Wagtail lands afterwards varies (explorer or back on the editor): wait for the
    # form's own navigation, then callers check the message it shows.
    with page.expect_navigation():
        page.locator(f"button[name='{name}']").click()
