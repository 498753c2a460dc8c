import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from legaldocs.models import LegalDocumentIndexPage, LegalDocumentPage
from procedures.models import DossierComponent, LegalBasis, ProcedureFee, Sector

from .html import assert_heading_outline

pytestmark = pytest.mark.django_db

PORTAL = {"host": "bacninh.localhost"}


@pytest.fixture
def full_procedure(two_sites, portal_index, make_procedure):
    portal, _ = two_sites
    legal_index = LegalDocumentIndexPage(title="Văn bản pháp luật", slug="van-ban")
    portal.root_page.add_child(instance=legal_index)
    law = LegalDocumentPage(
        title="Luật Hộ tịch",
        slug="luat-ho-tich",
        number="60/2014/QH13",
        document_type="luat",
        issuing_body="Quốc hội",
        issue_date=date(2014, 11, 20),
        effective_date=date(2016, 1, 1),
        abstract="Đăng ký hộ tịch.",
    )
    legal_index.add_child(instance=law)
    form = Document.objects.create(
        title="Tờ khai đăng ký khai sinh", file=ContentFile(b"%PDF-1.4", name="to-khai.pdf")
    )
    page = make_procedure(
        portal_index,
        "1.001193",
        title="Đăng ký khai sinh",
        level_province=True,
        implementing_body="Chủ tịch UBND cấp xã",
        where_to_submit="<p>Bộ phận Một cửa UBND cấp xã</p>",
        steps=[
            ("step", {"case": "", "title": "Nộp hồ sơ", "body": "<p>Người dân nộp tờ khai.</p>"}),
            ("step", {"case": "", "title": "", "body": "<p>Trả kết quả trong ngày.</p>"}),
        ],
        submit_online=True,
        dossier_sets=1,
        processing_time_value=1,
        processing_time_unit="ngay_lam_viec",
        applicants="Công dân Việt Nam",
        result="Giấy khai sinh",
        conditions="<p>Không có.</p>",
        online_level="toan_trinh",
        national_portal_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
        effective_date=date(2016, 1, 1),
        notes="Miễn lệ phí cho trẻ em.",
    )
    page.dossier_components.add(
        DossierComponent(name="Tờ khai đăng ký khai sinh", originals=1, form_template=form)
    )
    page.fees.add(ProcedureFee(description="Lệ phí đăng ký khai sinh", amount=50000))
    page.fees.add(ProcedureFee(description="Phí sao lục", amount_text="Theo quy định của tỉnh"))
    page.legal_basis.add(
        LegalBasis(
            document_number="60/2014/QH13",
            title="Luật Hộ tịch",
            issue_date=date(2014, 11, 20),
            document_page=law,
        )
    )
    page.save_revision().publish()
    return page, law


def test_procedure_page_shows_every_field(client, full_procedure):
    page, law = full_procedure
    response = client.get(page.url, headers=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert_heading_outline(html)
    for text in [
        "<h1>Đăng ký khai sinh</h1>",
        "1.001193",
        "Hộ tịch",
        "Cấp tỉnh, Cấp xã",
        "UBND cấp xã",
        "Chủ tịch UBND cấp xã",
        "Bộ phận Một cửa UBND cấp xã",
        "<h3>Nộp hồ sơ</h3>",
        "Trả kết quả trong ngày.",
        "Trực tiếp, Trực tuyến",
        "Số lượng: 1 bộ hồ sơ.",
        '<th scope="row">Tờ khai đăng ký khai sinh</th>',
        "Tải mẫu: Tờ khai đăng ký khai sinh",
        "50.000 đồng",
        "Theo quy định của tỉnh",
        "1 ngày làm việc",
        "Công dân Việt Nam",
        "Giấy khai sinh",
        "Không có.",
        "Toàn trình",
        'href="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"',
        "01/01/2016",
        "20/11/2014",
        "Miễn lệ phí cho trẻ em.",
        "Còn hiệu lực",
    ]:
        assert text in html, text
    assert f'<a href="{law.get_url_parts()[2]}">60/2014/QH13: Luật Hộ tịch</a>' in html
    assert '<th scope="col">Bản chính</th>' in html


def test_replaced_procedure_links_to_its_successor(client, portal_index, make_procedure):
    new = make_procedure(portal_index, "1.000002", title="Thủ tục mới")
    old = make_procedure(portal_index, "1.000001", status="da_thay_the", replaced_by=new)
    html = client.get(old.url, headers=PORTAL).content.decode()
    assert "Đã được thay thế" in html
    assert f'<a href="{new.get_url_parts()[2]}">Thủ tục mới</a>' in html


def test_index_lists_filters_and_paginates(client, portal_index, make_procedure, sector):
    land = Sector.objects.create(name="Đất đai")
    for n in range(22):
        make_procedure(portal_index, f"MAU.{n:04d}", online_level="mot_phan")
    make_procedure(
        portal_index,
        "1.000100",
        title="Đăng ký đất đai",
        sector=land,
        level_commune=False,
        level_province=True,
        online_level="toan_trinh",
    )

    response = client.get(portal_index.url, headers=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert_heading_outline(html)
    assert "<caption>23 thủ tục</caption>" in html
    assert html.count('<th scope="row">') == 20
    assert "Trang 1 / 2" in html
    assert 'href="?page=2"' in html
    assert '<label for="id_sector">Lĩnh vực:</label>' in html

    filtered = client.get(
        portal_index.url, {"sector": land.slug, "level": "tinh"}, headers=PORTAL
    ).content.decode()
    assert "<caption>1 thủ tục</caption>" in filtered
    assert "Đăng ký đất đai" in filtered
    assert "Bỏ lọc" in filtered

    online = client.get(portal_index.url, {"online": "mot_phan", "page": "2"}, headers=PORTAL)
    html = online.content.decode()
    assert "<caption>22 thủ tục</caption>" in html
    assert len(re.findall(r'<th scope="row">', html)) == 2
    assert 'href="?online=mot_phan&amp;page=1"' in html

    bogus = client.get(portal_index.url, {"level": "huyen"}, headers=PORTAL).content.decode()
    assert "Giá trị lọc không hợp lệ" in bogus
    assert "<caption>23 thủ tục</caption>" in bogus


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_online_submission_link_only_for_an_online_service(
    client, two_sites, portal_index, make_procedure
):
    from sites.models import SiteSettings

    portal, _ = two_sites
    record = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd"
    own = make_procedure(
        portal_index,
        "1.000001",
        online_level="toan_trinh",
        submit_online=True,
        national_portal_url=record,
    )
    local = make_procedure(portal_index, "1.000002", online_level="mot_phan", submit_online=True)
    offline = make_procedure(portal_index, "1.000003", national_portal_url=record)

    def link(page) -> list[str]:
        html = client.get(page.url, headers=PORTAL).content.decode()
        return re.findall(r'<a class="online-service" href="([^"]+)"', html)

    assert link(own) == [record]
    # No address of its own and none configured for the site: no link to a dead end.
    assert link(local) == []
    settings = SiteSettings.for_site(portal)
    settings.online_service_url = "https://dichvucong.bacninh.gov.vn/"
    settings.save()
    assert link(local) == ["https://dichvucong.bacninh.gov.vn/"]
    # Not online: never a submission link, even with a national record address.
    assert link(offline) == []
    assert "Thủ tục trên Cổng Dịch vụ công quốc gia" in client.get(offline.url, headers=PORTAL).text


def test_missing_information_is_said_once_and_no_fee_only_when_the_record_says_so(
    client, portal_index, make_procedure
):
    unknown = make_procedure(portal_index, "1.000010")
    free = make_procedure(portal_index, "1.000011", fees_none=True)
    unknown_text = text_of(client.get(unknown.url, headers=PORTAL).content.decode())
    free_text = text_of(client.get(free.url, headers=PORTAL).content.decode())

    assert "Phí, lệ phí Chưa cập nhật" in unknown_text
    assert "Không thu phí" not in unknown_text
    assert "Phí, lệ phí Không thu phí, lệ phí." in free_text
    for section in ["Thành phần hồ sơ", "Thời hạn giải quyết", "Trình tự thực hiện"]:
        assert f"{section} Chưa cập nhật" in unknown_text, section
    assert "Không quy định" not in unknown_text


def test_sections_in_the_order_a_citizen_needs_them(client, full_procedure):
    page, _law = full_procedure
    html = client.get(page.url, headers=PORTAL).content.decode()
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings == [
        "Thành phần hồ sơ",
        "Phí, lệ phí",
        "Thời hạn giải quyết",
        "Nơi nộp hồ sơ và cách thức thực hiện",
        "Trình tự thực hiện",
        "Yêu cầu, điều kiện thực hiện",
        "Căn cứ pháp lý",
        "Ghi chú",
    ]
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert text_of(crumbs) == "Trang chủ Thủ tục hành chính Đăng ký khai sinh"


def test_dossier_groups_documents_and_notes_by_case(client, portal_index, make_procedure):
    page = make_procedure(portal_index, "1.000020")
    for position, (case, kind, name) in enumerate(
        [
            ("Giấy tờ phải nộp", "giay_to", "Tờ khai đăng ký khai sinh"),
            ("Giấy tờ phải nộp", "ghi_chu", "Trường hợp ủy quyền thì kèm văn bản ủy quyền."),
            ("Giấy tờ phải xuất trình", "giay_to", "Thẻ căn cước"),
        ]
    ):
        page.dossier_components.add(
            DossierComponent(sort_order=position, case=case, kind=kind, name=name, originals=1)
        )
    page.save_revision().publish()
    text = text_of(client.get(page.url, headers=PORTAL).content.decode())
    start = text.index("Thành phần hồ sơ Số lượng")
    assert text[start : text.index("Phí, lệ phí", start)] == (
        "Thành phần hồ sơ Số lượng: 1 bộ hồ sơ. "
        "Giấy tờ phải nộp Tên giấy tờ Bản chính Bản sao Bắt buộc Mẫu đơn, tờ khai "
        "Tờ khai đăng ký khai sinh 1 0 Có "
        "Trường hợp ủy quyền thì kèm văn bản ủy quyền. "
        "Giấy tờ phải xuất trình Tên giấy tờ Bản chính Bản sao Bắt buộc Mẫu đơn, tờ khai "
        "Thẻ căn cước 1 0 Có "
    )
