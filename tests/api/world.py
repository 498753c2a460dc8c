"""A small two-site world for the API tests: public content of every type plus one page
of each non-public kind. Every non-public title carries SECRET, so a leak is greppable."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from home.models import HomePage, StandardPage
from legaldocs.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsCategory, NewsIndexPage, NewsPage, PortalFeature
from procedures.models import ProcedureIndexPage, ProcedurePage, Sector
from sites.models import Agency

SECRET = "BÍ MẬT"
PORTAL_HOST = "bacninh.localhost"
AGENCY_HOST = "sxd.bacninh.localhost"


@dataclass
class World:
    portal: Site
    agency: Site
    pages: dict[str, Page] = field(default_factory=dict)
    media: dict[str, object] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Page:
        return self.pages[name]


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _site(hostname: str, slug: str, title: str, default: bool) -> Site:
    home = Page.get_first_root_node().add_child(instance=HomePage(title=title, slug=slug))
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=default, site_name=title
    )
    Agency.objects.create(
        name=title, slug=slug, site=site, kind="portal" if default else "department"
    )
    return site


def _sections(world: World, key: str, site: Site) -> None:
    home = site.root_page
    world.pages[f"{key}_news"] = _publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    world.pages[f"{key}_procedures"] = _publish(
        home, ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    )
    world.pages[f"{key}_docs"] = _publish(
        home, LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    )


def _news(world: World, portal_category: NewsCategory, agency_category: NewsCategory) -> None:
    def at(year, month, day):
        return datetime.datetime(year, month, day, 8, tzinfo=datetime.UTC)

    a = NewsPage(title="Tin A", slug="tin-a", published_at=at(2024, 3, 1), feature_on_portal=True)
    a.categories = [portal_category]
    world.pages["news_a"] = _publish(world["portal_news"], a)
    a.tags.add("giao-duc")
    a.save_revision().publish()
    b = NewsPage(title="Tin B", slug="tin-b", published_at=at(2024, 6, 15))
    b.categories = [agency_category]
    world.pages["news_b"] = _publish(world["agency_news"], b)
    b.tags.add("nha-o")
    b.save_revision().publish()
    c = NewsPage(title="Tin C", slug="tin-c", published_at=at(2025, 1, 10))
    world.pages["news_c"] = _publish(world["agency_news"], c)
    PortalFeature.objects.create(news_page=c)


def _procedures(world: World) -> None:
    civil = Sector.objects.create(name="Hộ tịch", code="HT")
    land = Sector.objects.create(name="Đất đai", code="DD")
    common = {"implementing_agency": "UBND cấp xã"}
    world.pages["proc_tinh"] = _publish(
        world["agency_procedures"],
        ProcedurePage(
            title="Cấp giấy phép xây dựng",
            slug="cap-gpxd",
            code="1.001612.000.00.00.H04",
            sector=civil,
            level_province=True,
            online_level="toan_trinh",
            implementing_agency="Sở Xây dựng",
        ),
    )
    world.pages["proc_xa"] = _publish(
        world["portal_procedures"],
        ProcedurePage(
            title="Đăng ký đất đai",
            slug="dang-ky-dat",
            code="2.000001",
            sector=land,
            level_commune=True,
            **common,
        ),
    )


def _legal_documents(world: World) -> None:
    index = world["portal_docs"]
    world.pages["decree"] = _publish(
        index,
        LegalDocumentPage(
            title="Nghị định về xây dựng",
            slug="nd-42",
            number="42/2022/NĐ-CP",
            document_type="nghi_dinh",
            issuing_body="Chính phủ",
            issue_date=datetime.date(2022, 5, 1),
            abstract="Quy định chi tiết",
        ),
    )
    world.pages["decision"] = _publish(
        index,
        LegalDocumentPage(
            title="Quyết định của UBND tỉnh",
            slug="qd-12",
            number="12/2024/QĐ-UBND",
            document_type="quyet_dinh",
            issuing_body="UBND tỉnh Bắc Ninh",
            issue_date=datetime.date(2024, 2, 2),
            status="het_hieu_luc",
            abstract="Ban hành quy chế",
        ),
    )


def _about(world: World) -> None:
    link = f'<p>Xem <a linktype="page" id="{world["news_a"].pk}">tin A</a></p>'
    about = StandardPage(
        title="Giới thiệu", slug="gioi-thieu", show_in_menus=True, body=[("paragraph", link)]
    )
    world.pages["about"] = _publish(world.agency.root_page, about)
    world.pages["leaders"] = _publish(
        about, StandardPage(title="Lãnh đạo", slug="lanh-dao", show_in_menus=True)
    )


def _secret_pages(world: World) -> None:
    news_index = world["agency_news"]
    home = world.agency.root_page
    draft = NewsPage(title=f"Nháp {SECRET}", slug="nhap", live=False, show_in_menus=True)
    news_index.add_child(instance=draft)
    draft.save_revision()
    world.pages["draft"] = draft
    world.pages["unpublished"] = _publish(
        news_index, NewsPage(title=f"Đã gỡ {SECRET}", slug="da-go", show_in_menus=True)
    )
    world["unpublished"].unpublish()
    future = timezone.now() + datetime.timedelta(days=2)
    scheduled = NewsPage(title=f"Hẹn giờ {SECRET}", slug="hen-gio", live=False, go_live_at=future)
    news_index.add_child(instance=scheduled)
    scheduled.save_revision().publish()
    world.pages["scheduled"] = scheduled
    group = Group.objects.create(name="Nhóm kín")
    for kind, restriction in [
        ("password", {"restriction_type": "password", "password": "pw"}),
        ("login", {"restriction_type": "login"}),
        ("groups", {"restriction_type": "groups"}),
    ]:
        page = _publish(
            home, StandardPage(title=f"Trang {kind} {SECRET}", slug=kind, show_in_menus=True)
        )
        world.pages[f"{kind}_child"] = _publish(
            page, StandardPage(title=f"Con {kind} {SECRET}", slug="con", show_in_menus=True)
        )
        view_restriction = PageViewRestriction.objects.create(page=page, **restriction)
        if kind == "groups":
            view_restriction.groups.add(group)
        world.pages[kind] = page
    changed = world["news_b"]
    changed.title = f"Sửa đổi {SECRET}"
    changed.save_revision()  # a draft of a live page: the live version must be served


def _media(world: World) -> None:
    root = Collection.get_first_root_node()
    private = root.add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="pw"
    )
    Image, Document = get_image_model(), get_document_model()
    for key, collection, title in [
        ("public", root, "Ảnh công khai"),
        ("private", private, f"Ảnh {SECRET}"),
    ]:
        world.media[f"{key}_image"] = Image.objects.create(
            title=title, file=get_test_image_file(), collection=collection
        )
        world.media[f"{key}_document"] = Document.objects.create(
            title=title.replace("Ảnh", "Tài liệu"),
            file=SimpleUploadedFile("van-ban.pdf", b"%PDF-1.4 noi dung"),
            collection=collection,
        )


def build_world() -> World:
    Site.objects.all().delete()
    world = World(
        portal=_site(PORTAL_HOST, "portal", "Cổng thông tin điện tử tỉnh Bắc Ninh", True),
        agency=_site(AGENCY_HOST, "sxd", "Sở Xây dựng", False),
    )
    _sections(world, "portal", world.portal)
    _sections(world, "agency", world.agency)
    _news(
        world,
        NewsCategory.objects.create(site=world.portal, name="Thời sự", slug="thoi-su"),
        NewsCategory.objects.create(site=world.agency, name="Xây dựng", slug="xay-dung"),
    )
    _procedures(world)
    _legal_documents(world)
    _about(world)
    _secret_pages(world)
    _media(world)
    Redirect.objects.create(old_path="/cu", site=world.agency, redirect_page=world["about"])
    Redirect.objects.create(old_path="/nhap-cu", site=world.agency, redirect_page=world["draft"])
    return world
