"""Demo-like data for the reorganisation tests: the demo's sites and role accounts (loaded
by the demo loader), a share of its procedures, its news article, and the media, snippets,
extra pages and revisions a real department has."""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, Revision, Site

from demo.content import (
    DATA_DIR,
    DEMO_STORIES,
    SAMPLE_ARTICLE,
    SAMPLE_PROCEDURES,
    ContentReport,
    load_procedures,
)
from demo.loader import load_sites_and_accounts
from demo.news import load_stories
from home.models import StandardPage
from news.importers import import_news_file
from news.models import NewsCategory, NewsPage
from sites.reorganisation.redirects import forget_retired_hostnames
from sites.reorganisation.resources import agency_collection
from sites.visibility import Visibility

SLUGS = ["stttt", "skhdt", "stc", "sgtvt", "sxd", "pkinhbac", "pvocuong"]

PLAN = {
    "name": "Sắp xếp thử",
    "operations": [
        {
            "type": "merge",
            "sources": ["stttt"],
            "target": {
                "slug": "skhcn",
                "name": "Sở Khoa học và Công nghệ",
                "hostname": "skhcn.bacninh.localhost",
            },
            "people": {"editor": "editor", "chief": "chief", "admin": "retire"},
        },
        {
            "type": "merge",
            "sources": ["skhdt"],
            "target": "stc",
            "people": {"editor": "editor", "chief": "editor", "admin": "retire"},
        },
        {
            "type": "merge",
            "sources": ["pkinhbac", "pvocuong"],
            "target": {
                "slug": "pmoi",
                "name": "Phường Kinh Bắc (mới)",
                "hostname": "pmoi.bacninh.localhost",
                "kind": "commune_ward",
            },
            "procedure_conflicts": "use_existing",
        },
    ],
}


@dataclass
class DemoWorld:
    sites: dict[str, Site]
    article: NewsPage
    renamed: NewsPage  # a skhdt news page whose slug stc already uses
    about: StandardPage  # a page with a child, under skhdt's "Giới thiệu"
    images: list
    documents: list


def _keep_codes() -> set[str]:
    rows = json.loads((DATA_DIR / SAMPLE_PROCEDURES).read_text(encoding="utf-8"))["procedures"]
    commune = [r["code"] for r in rows if "xa" in r.get("levels", [])][:3]
    finance = [r["code"] for r in rows if r.get("agency") == "Sở Tài chính"][:2]
    return set(commune + finance)


def _news(site: Site, title: str, slug: str, category=None) -> NewsPage:
    index = site.root_page.get_children().get(slug="tin-tuc")
    page = index.add_child(instance=NewsPage(title=title, slug=slug))
    if category is not None:
        page.categories.add(category)
    page.save_revision().publish()
    page.title = title + " (cập nhật)"
    page.save_revision().publish()
    return page


def _media(site: Site, label: str) -> tuple[list, list]:
    collection = agency_collection(site.agency)
    images_collection = collection.get_children().get(name="Hình ảnh")
    documents = [
        get_document_model().objects.create(
            title=f"Tài liệu {label}",
            file=SimpleUploadedFile(f"{label}.txt", b"Noi dung"),
            collection=target,
        )
        for target in (collection, collection.get_children().get(name="Tài liệu"))
    ]
    image = get_image_model().objects.create(
        title=f"Ảnh {label}", file=get_test_image_file(), collection=images_collection
    )
    return [image], documents


def build_world() -> DemoWorld:
    result = load_sites_and_accounts(port=80, password="pw", slugs=SLUGS)
    sites = {site.agency.slug: site for site in result.sites}
    keep = _keep_codes()
    load_procedures(sites, ContentReport(), keep=lambda row: row["code"] in keep)
    import_news_file(DATA_DIR / SAMPLE_ARTICLE, sites["stttt"])
    article = NewsPage.objects.descendant_of(sites["stttt"].root_page).get()
    transformation = NewsCategory.objects.create(
        site=sites["stttt"], name="Chuyển đổi số", slug="chuyen-doi-so"
    )
    article.categories.add(transformation)
    article.save_revision().publish()
    activity = NewsCategory.objects.create(
        site=sites["skhdt"], name="Tin hoạt động", slug="tin-hoat-dong"
    )
    NewsCategory.objects.create(site=sites["stc"], name="Tin hoạt động", slug="tin-hoat-dong")
    renamed = _news(sites["skhdt"], "Thông báo tuyển dụng", "thong-bao", activity)
    _news(sites["stc"], "Thông báo của Sở Tài chính", "thong-bao")
    for ward in ("pkinhbac", "pvocuong"):
        notices = NewsCategory.objects.create(site=sites[ward], name="Thông báo", slug="thong-bao")
        _news(sites[ward], f"Lịch tiếp công dân {ward}", f"lich-tiep-cong-dan-{ward}", notices)
    intro = sites["skhdt"].root_page.get_children().get(slug="gioi-thieu")
    about = intro.add_child(instance=StandardPage(title="Cơ cấu tổ chức", slug="co-cau"))
    about.save_revision().publish()
    child = about.add_child(instance=StandardPage(title="Ban giám đốc", slug="ban-giam-doc"))
    child.save_revision().publish()
    images, documents = [], []
    for slug in ("stttt", "skhdt"):
        more_images, more_documents = _media(sites[slug], slug)
        images += more_images
        documents += more_documents
    # The demo's own stories, categories and illustrations (get-or-create: they reuse the
    # categories above).
    load_stories(sites, DATA_DIR / DEMO_STORIES)
    return DemoWorld(sites, article, renamed, about.specific, images, documents)


@pytest.fixture(scope="module")
def _module_world(module_db) -> DemoWorld:
    return build_world()


@pytest.fixture
def demo_world(_module_world, db) -> DemoWorld:
    forget_retired_hostnames()
    yield _module_world
    forget_retired_hostnames()


@pytest.fixture
def plan_data() -> dict:
    return json.loads(json.dumps(PLAN))


def inventory() -> dict[str, set]:
    """Ids of everything a reorganisation must keep."""
    return {
        "pages": set(Page.objects.values_list("pk", flat=True)),
        "revisions": set(Revision.objects.values_list("pk", flat=True)),
        "images": set(get_image_model().objects.values_list("pk", flat=True)),
        "documents": set(get_document_model().objects.values_list("pk", flat=True)),
        "collections": set(Collection.objects.values_list("pk", flat=True)),
    }


def public_urls() -> dict[tuple[str, str], int]:
    """Every public page address: (hostname, path) → page id, as a crawler would find them."""
    visibility = Visibility.anonymous()
    found = {}
    for site in Site.objects.select_related("root_page"):
        root_path = site.root_page.url_path
        for page in visibility.filter_pages(Page.objects.all(), site):
            found[(site.hostname, page.url_path[len(root_path) - 1 :])] = page.pk
    return found


def get(client: Client, url_or_path: str, host: str | None = None, **params):
    """GET an absolute URL (its host as Host) or a path on `host`."""
    parts = urlsplit(url_or_path)
    host = parts.hostname or host
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, params or None, HTTP_HOST=host)


def broken_links(client: Client, before: dict[tuple[str, str], int], retired: set[str]) -> list:
    """Crawl the addresses found before a reorganisation: on a retired host each must answer
    301 (a page still live: to its own new address) to a page that answers 200; elsewhere
    each must still answer 200."""
    broken = []
    for (host, path), page_id in before.items():
        response = get(client, path, host)
        if host not in retired:
            if response.status_code != 200:
                broken.append((host, path, response.status_code))
            continue
        if response.status_code != 301:
            broken.append((host, path, response.status_code))
            continue
        location = response["Location"]
        page = Page.objects.get(pk=page_id)
        if page.live and location != page.full_url:
            broken.append((host, path, location, page.full_url))
        elif get(client, location).status_code != 200:
            broken.append((host, path, location))
    return broken
