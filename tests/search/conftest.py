"""Search fixtures: a per-session index prefix on the real Elasticsearch, a fresh index per
test, an in-process run of the django-tasks-db worker, and a small two-site page tree."""

import socket
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, TestCase
from django.utils.text import slugify
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Site

from home.models import StandardPage
from legaldocs.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsIndexPage, NewsPage
from procedures.models import ProcedureIndexPage, ProcedurePage, Sector
from search.client import get_client
from search.documents import alias_name, index_pattern
from search.indexing import ensure_index
from sites.models import Agency
from tests.conftest import make_two_sites
from tests.task_worker import in_process_worker

SESSION_PREFIX = f"{settings.ELASTICSEARCH['INDEX_PREFIX']}-{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session", autouse=True)
def session_index_prefix():
    """Every index of this run carries a unique prefix; all are deleted at the end."""
    settings.ELASTICSEARCH["INDEX_PREFIX"] = SESSION_PREFIX
    yield SESSION_PREFIX
    get_client().indices.delete(index=f"{SESSION_PREFIX}-*", ignore_unavailable=True)


def _drop_indices() -> None:
    get_client().indices.delete(index=index_pattern(), ignore_unavailable=True)


@pytest.fixture
def search_index(db):
    """A fresh, empty content index behind the alias."""
    _drop_indices()
    name = ensure_index()
    yield name
    _drop_indices()


def refresh() -> None:
    get_client().indices.refresh(index=alias_name())


def run_worker(max_tasks: int | None = None) -> int:
    """Run the ready "search" tasks with django-tasks-db's own worker, in-process.

    Worker.run() would close the test's database connection between tasks, so the loop is
    done here and each task goes through the library's Worker.run_task.
    """
    worker = in_process_worker("pytest", max_tasks=max_tasks)
    done = 0
    while max_tasks is None or done < max_tasks:
        task = DBTaskResult.objects.ready().filter(backend_name="search").get_locked()
        if task is None:
            break
        task.claim(worker.worker_id)
        worker.run_task(task)
        done += 1
    return done


def drain() -> int:
    """Run every ready sync task, then make the results searchable."""
    # Bounded: with the tests' zero backoff a failing task would retry forever.
    count = run_worker(max_tasks=1000)
    refresh()
    return count


@pytest.fixture
def sync(django_capture_on_commit_callbacks, search_index):
    """`with sync(): page.save_revision().publish()` runs the commit hooks, then the worker."""

    @contextmanager
    def syncing():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        drain()

    return syncing


@dataclass
class World:
    portal: Site
    agency: Site
    procedures: dict
    news: NewsPage
    legaldoc: LegalDocumentPage
    sector: Sector
    pages: dict


def publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def add(parent: Page, page: Page) -> Page:
    page.slug = page.slug or slugify(page.title.replace("đ", "d").replace("Đ", "D"))[:50]
    parent.add_child(instance=page)
    return publish(page)


PROCEDURES = [
    # (site, code, title, sector, level, online)
    ("agency", "MAU.0001", "Đăng ký khai sinh", "ho-tich", "xa", "toan_trinh"),
    (
        "agency",
        "1.000893",
        "Đăng ký khai sinh có yếu tố nước ngoài cho người đã có hồ sơ, giấy tờ cá nhân",
        "ho-tich",
        "xa",
        "mot_phan",
    ),
    ("agency", "MAU.0006", "Đăng ký lại khai sinh", "ho-tich", "xa", "mot_phan"),
    ("agency", "MAU.0002", "Đăng ký kết hôn", "ho-tich", "xa", "mot_phan"),
    (
        "portal",
        "1.013225",
        "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "xay-dung",
        "xa",
        "toan_trinh",
    ),
    (
        "portal",
        "1.013227",
        "Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "xay-dung",
        "xa",
        "toan_trinh",
    ),
    ("portal", "1.001612", "Đăng ký thành lập hộ kinh doanh", "ho-kinh-doanh", "xa", "toan_trinh"),
    (
        "portal",
        "MAU.0056",
        "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "dat-dai",
        "tinh",
        "mot_phan",
    ),
]
SECTORS = {
    "ho-tich": "Hộ tịch",
    "xay-dung": "Xây dựng",
    "ho-kinh-doanh": "Hộ kinh doanh",
    "dat-dai": "Đất đai",
}
LEVELS = {"bo": "level_ministry", "tinh": "level_province", "xa": "level_commune"}


@pytest.fixture
def world(two_sites, search_index, sync) -> World:
    """Two sites with procedures, a news article, a legal document and plain pages, all
    published and indexed through the real sync path. Tests may change it."""
    return build_world(*two_sites, sync)


@pytest.fixture(scope="module")
def _module_world(module_db, session_index_prefix) -> World:
    """The same world built once per module, for tests that only read it (see `module_db`;
    the index is dropped with the module)."""
    _drop_indices()
    ensure_index()

    @contextmanager
    def syncing():
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield
        drain()

    yield build_world(*make_two_sites(), syncing)
    _drop_indices()


@pytest.fixture
def shared_world(_module_world, db) -> World:
    # Each test's database changes roll back, but cached synonyms would not.
    cache.clear()
    return _module_world


def build_world(portal: Site, agency: Site, sync) -> World:
    Agency.objects.create(name="Cổng tỉnh", slug="portal", kind="portal", site=portal)
    Agency.objects.create(name="Sở Thông tin và Truyền thông", slug="stttt", site=agency)
    sites = {"portal": portal, "agency": agency}
    sectors = {
        slug: Sector.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in SECTORS.items()
    }
    with sync():
        indexes = {
            key: add(site.root_page, ProcedureIndexPage(title="Thủ tục hành chính"))
            for key, site in sites.items()
        }
        procedures = {}
        for site_key, code, title, sector, level, online in PROCEDURES:
            procedures[code] = add(
                indexes[site_key],
                ProcedurePage(
                    title=title,
                    slug=slugify(code),
                    code=code,
                    sector=sectors[sector],
                    implementing_agency="UBND cấp xã",
                    online_level=online,
                    **{LEVELS[level]: True},
                ),
            )
        news_index = add(agency.root_page, NewsIndexPage(title="Tin tức"))
        news = add(
            news_index,
            NewsPage(
                title="Ban Chỉ đạo Công nghệ thông tin tỉnh họp phiên thứ nhất",
                summary="Ủy ban nhân dân tỉnh triển khai kế hoạch ứng dụng công nghệ thông tin.",
            ),
        )
        legal_index = add(portal.root_page, LegalDocumentIndexPage(title="Văn bản pháp luật"))
        legaldoc = add(
            legal_index,
            LegalDocumentPage(
                title="Nghị định về dịch vụ công trực tuyến",
                slug="nd-42-2022",
                number="42/2022/NĐ-CP",
                document_type="nghi_dinh",
                issuing_body="Chính phủ",
                issue_date=date(2022, 6, 24),
                abstract="Cung cấp thông tin và dịch vụ công trực tuyến trên môi trường mạng.",
                sector=sectors["xay-dung"],
            ),
        )
        pages = {
            "cửa": add(portal.root_page, StandardPage(title="Quy định về cửa hàng", slug="p1")),
            "của": add(portal.root_page, StandardPage(title="Quy định về của hàng", slug="p2")),
        }
    return World(portal, agency, procedures, news, legaldoc, sectors["ho-tich"], pages)


@pytest.fixture
def api(client: Client):
    """GET the search API as JSON: api("", q="...") or api("suggest/", q="...")."""

    def get(path: str = "", status: int = 200, **params):
        response = client.get(f"/api/v2/search/{path}", params, HTTP_HOST="bacninh.localhost")
        assert response.status_code == status, response.content
        return response.json()

    return get


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def elasticsearch_down():
    """Point the client at a closed loopback port (the shared node keeps running)."""
    live = dict(settings.ELASTICSEARCH)
    get_client.cache_clear()
    settings.ELASTICSEARCH.update(URL=f"http://127.0.0.1:{_closed_port()}", TIMEOUT=2)

    def restore():
        settings.ELASTICSEARCH.update(live)
        get_client.cache_clear()

    yield restore
    restore()
