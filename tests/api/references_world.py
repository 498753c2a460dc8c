"""Two agencies: site X's published pages refer (as if a forged form had been accepted) to
site Y's private image and document, Y's draft pages and a login-restricted page, and to one
public page of Y. Every non-public object's title carries MARK, its file names and slugs
the lowercase `mark`, so a leak in any output is greppable."""

import io
import json
from dataclasses import dataclass, field
from datetime import date

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from home.models import HomePage, StandardPage
from legaldocs.models import (
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    RelatedLegalDocument,
)
from news.models import NewsIndexPage, NewsPage, NewsPageRelatedPage
from procedures.models import (
    DossierComponent,
    LegalBasis,
    ProcedureIndexPage,
    ProcedurePage,
    Sector,
)
from sites.models import Agency

MARK = "KÍN9"
mark = "kin9"
X_HOST = "sxd.bacninh.localhost"
Y_HOST = "stp.bacninh.localhost"


@dataclass
class ReferencesWorld:
    x: Site
    y: Site
    pages: dict[str, Page] = field(default_factory=dict)
    media: dict[str, object] = field(default_factory=dict)

    def __getitem__(self, name: str):
        return self.pages.get(name) or self.media[name]


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "blue").save(buffer, "PNG")
    return buffer.getvalue()


def _site(hostname: str, slug: str, name: str, default: bool = False) -> Site:
    home = Page.get_first_root_node().add_child(instance=HomePage(title=name, slug=slug))
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, site_name=name, is_default_site=default
    )
    Agency.objects.create(name=name, slug=slug, site=site)
    return site


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _draft(parent: Page, page: Page) -> Page:
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def _y_objects(world: ReferencesWorld) -> None:
    y = world.y.root_page
    private = Collection.get_first_root_node().add_child(name=f"Nội bộ {MARK}")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    world.media["image"] = get_image_model().objects.create(
        title=f"Ảnh {MARK}",
        file=ImageFile(io.BytesIO(_png()), name=f"{mark}-anh.png"),
        collection=private,
    )
    world.media["document"] = get_document_model().objects.create(
        title=f"Tài liệu {MARK}",
        file=SimpleUploadedFile(f"{mark}-van-ban.pdf", b"%PDF-1.4 noi dung"),
        collection=private,
    )
    news_index = _publish(y, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    world.pages["draft"] = _draft(
        news_index, NewsPage(title=f"Dự thảo {MARK}", slug=f"du-thao-{mark}")
    )
    login = _publish(y, StandardPage(title=f"Trang nội bộ {MARK}", slug=f"noi-bo-{mark}"))
    PageViewRestriction.objects.create(page=login, restriction_type="login")
    world.pages["login"] = login
    world.pages["public"] = _publish(
        y, StandardPage(title="Giới thiệu Sở Tư pháp", slug="gioi-thieu")
    )
    legal_index = _publish(y, LegalDocumentIndexPage(title="Văn bản", slug="van-ban"))
    world.pages["legal_draft"] = _draft(
        legal_index,
        LegalDocumentPage(
            title=f"Dự thảo quyết định {MARK}",
            slug=f"qd-{mark}",
            number="99/2025/QĐ-UBND",
            abstract=f"Trích yếu {MARK}",
            document_type="quyet_dinh",
            issuing_body="UBND tỉnh",
            issue_date=date(2025, 1, 2),
        ),
    )
    world.pages["procedure_index_y"] = procedures = _publish(
        y, ProcedureIndexPage(title="Thủ tục", slug="thu-tuc")
    )
    world.pages["procedure_draft"] = _draft(
        procedures,
        ProcedurePage(
            title=f"Thủ tục mới {MARK}",
            slug=f"tt-{mark}",
            code="9.999999",
            sector=Sector.objects.get_or_create(name="Tư pháp", defaults={"code": "TP"})[0],
            implementing_agency="Sở Tư pháp",
            level_province=True,
        ),
    )


def _links(world: ReferencesWorld) -> str:
    return (
        f'<p>Xem <a linktype="page" id="{world["draft"].pk}">bản dự thảo</a>, '
        f'<a linktype="page" id="{world["login"].pk}">trang nội bộ</a>, '
        f'<a linktype="document" id="{world["document"].pk}">tệp</a> và '
        f'<a linktype="page" id="{world["public"].pk}">trang giới thiệu</a>.</p>'
        f'<embed embedtype="image" id="{world["image"].pk}" format="left" alt="ảnh"/>'
    )


def _x_pages(world: ReferencesWorld) -> None:
    x = world.x.root_page
    image, document = world["image"], world["document"]
    links = _links(world)
    news_index = _publish(x, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    news = NewsPage(
        title="Tin có tham chiếu",
        slug="tin-tham-chieu",
        featured_image=image,
        body=json.dumps(
            [
                {"type": "paragraph", "value": links},
                {"type": "image", "value": {"image": image.pk, "alt_text": "Ảnh", "caption": ""}},
                {
                    "type": "gallery",
                    "value": {
                        "caption": "",
                        "images": [{"image": image.pk, "alt_text": "Ảnh", "caption": ""}],
                    },
                },
                {"type": "document", "value": {"document": document.pk, "label": ""}},
            ]
        ),
    )
    news.related_pages = [
        NewsPageRelatedPage(related_page=world[name]) for name in ("draft", "login", "public")
    ]
    world.pages["news"] = _publish(news_index, news)
    world.pages["standard"] = _publish(
        x,
        StandardPage(
            title="Lãnh đạo Sở",
            slug="lanh-dao",
            body=json.dumps(
                [
                    {
                        "type": "leader",
                        "value": {"photo": image.pk, "full_name": "Nguyễn Văn A", "position": "GĐ"},
                    },
                    {"type": "paragraph", "value": links},
                ]
            ),
        ),
    )
    procedures = _publish(x, ProcedureIndexPage(title="Thủ tục", slug="thu-tuc"))
    procedure = ProcedurePage(
        title="Cấp phiếu lý lịch tư pháp",
        slug="ly-lich",
        code="1.000001",
        sector=Sector.objects.get(name="Tư pháp"),
        implementing_agency="Sở Tư pháp",
        level_province=True,
        status="da_thay_the",
        replaced_by=world["procedure_draft"],
        where_to_submit=links,
        steps=json.dumps([{"type": "step", "value": {"title": "Nộp", "case": "", "body": links}}]),
    )
    procedure.dossier_components = [DossierComponent(name="Tờ khai", form_template=document)]
    procedure.legal_basis = [LegalBasis(title="Căn cứ A", document_page=world["legal_draft"])]
    world.pages["procedure"] = _publish(procedures, procedure)
    legal_index = _publish(x, LegalDocumentIndexPage(title="Văn bản", slug="van-ban"))
    legal = LegalDocumentPage(
        title="Quyết định ban hành quy chế",
        slug="qd-1",
        number="1/2025/QĐ-UBND",
        abstract="Ban hành quy chế",
        document_type="quyet_dinh",
        issuing_body="UBND tỉnh",
        issue_date=date(2025, 1, 1),
    )
    legal.attachments = [LegalDocumentAttachment(document=document, label="")]
    legal.related_documents = [RelatedLegalDocument(relation="guides", target=world["legal_draft"])]
    world.pages["legal"] = _publish(legal_index, legal)


def build_references_world() -> ReferencesWorld:
    Site.objects.all().delete()
    world = ReferencesWorld(
        x=_site(X_HOST, "sxd", "Sở Xây dựng", default=True), y=_site(Y_HOST, "stp", "Sở Tư pháp")
    )
    _y_objects(world)
    _x_pages(world)
    return world
