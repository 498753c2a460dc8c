"""Demo legal documents and the links from procedures' legal basis to them.

Wire-up for the demo loader, per site:

    index = ensure_legal_document_index(site)
    create_demo_legal_documents(index)
    link_legal_basis(site)   # after the procedures have been imported

Every step is get-or-create, so running it again changes nothing.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.html import strip_tags
from wagtail.models import Site

from legaldocs.choices import DocumentStatus, DocumentType
from legaldocs.models import LegalDocumentIndexPage, LegalDocumentPage
from procedures.models import LegalBasis, ProcedurePage, Sector

INDEX_TITLE = "Văn bản pháp luật"
INDEX_SLUG = "van-ban-phap-luat"


@dataclass(frozen=True)
class DemoDocument:
    number: str
    slug: str
    title: str
    document_type: str
    issuing_body: str
    signer: str
    issue_date: date
    effective_date: date
    abstract: str
    status: str = DocumentStatus.IN_FORCE
    sector: str = ""


GOVERNMENT = "Chính phủ"
MARD = "Bộ Nông nghiệp và Phát triển nông thôn"

DEMO_DOCUMENTS = [
    DemoDocument(
        number="42/2022/NĐ-CP",
        slug="nghi-dinh-42-2022-nd-cp",
        title="Nghị định quy định về cung cấp thông tin và dịch vụ công trực tuyến "
        "của cơ quan nhà nước trên môi trường mạng",
        document_type=DocumentType.DECREE,
        issuing_body=GOVERNMENT,
        signer="Vũ Đức Đam",
        issue_date=date(2022, 6, 24),
        effective_date=date(2022, 8, 1),
        abstract=(
            "Xác định những thông tin cơ quan nhà nước phải công khai trên mạng và cách tổ "
            "chức dịch vụ công trực tuyến, chia thành hai mức toàn trình và một phần; giao "
            "trách nhiệm xây dựng, vận hành cổng thông tin và cổng dịch vụ công cho từng cấp."
        ),
    ),
    DemoDocument(
        number="63/2010/NĐ-CP",
        slug="nghi-dinh-63-2010-nd-cp",
        title="Nghị định về kiểm soát thủ tục hành chính",
        document_type=DocumentType.DECREE,
        issuing_body=GOVERNMENT,
        signer="Nguyễn Tấn Dũng",
        issue_date=date(2010, 6, 8),
        effective_date=date(2010, 10, 14),
        status=DocumentStatus.PARTLY_EXPIRED,
        abstract=(
            "Đặt ra cơ chế kiểm soát thủ tục hành chính từ khâu soạn thảo đến khi thực hiện: "
            "đánh giá tác động trước khi ban hành, công bố và công khai thủ tục, tiếp nhận "
            "phản ánh, kiến nghị của người dân và định kỳ rà soát để đơn giản hóa."
        ),
    ),
    DemoDocument(
        number="61/2018/NĐ-CP",
        slug="nghi-dinh-61-2018-nd-cp",
        title="Nghị định về thực hiện cơ chế một cửa, một cửa liên thông "
        "trong giải quyết thủ tục hành chính",
        document_type=DocumentType.DECREE,
        issuing_body=GOVERNMENT,
        signer="Nguyễn Xuân Phúc",
        issue_date=date(2018, 4, 23),
        effective_date=date(2018, 6, 21),
        abstract=(
            "Quy định cách tiếp nhận hồ sơ và trả kết quả thủ tục hành chính tại một đầu mối "
            "(Bộ phận Một cửa, Trung tâm Phục vụ hành chính công), việc phối hợp liên thông "
            "giữa các cơ quan, và việc đánh giá chất lượng giải quyết thủ tục hành chính."
        ),
    ),
    DemoDocument(
        number="114/2018/NĐ-CP",
        slug="nghi-dinh-114-2018-nd-cp",
        title="Nghị định về quản lý an toàn đập, hồ chứa nước",
        document_type=DocumentType.DECREE,
        issuing_body=GOVERNMENT,
        signer="Nguyễn Xuân Phúc",
        issue_date=date(2018, 9, 4),
        effective_date=date(2018, 9, 4),
        sector="Thủy lợi",
        abstract=(
            "Phân loại đập, hồ chứa nước theo quy mô và mức độ quan trọng; quy định kiểm định "
            "an toàn, phương án bảo vệ, quy trình vận hành và phân cấp thẩm quyền phê duyệt "
            "giữa bộ, Ủy ban nhân dân cấp tỉnh và cấp huyện."
        ),
    ),
    DemoDocument(
        number="26/2019/NĐ-CP",
        slug="nghi-dinh-26-2019-nd-cp",
        title="Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Thủy sản",
        document_type=DocumentType.DECREE,
        issuing_body=GOVERNMENT,
        signer="Nguyễn Xuân Phúc",
        issue_date=date(2019, 3, 8),
        effective_date=date(2019, 4, 25),
        sector="Thủy sản",
        abstract=(
            "Hướng dẫn Luật Thủy sản về nuôi trồng, khai thác, cảng cá và bảo vệ nguồn lợi "
            "thủy sản, kèm các phụ lục mẫu đơn, giấy phép và quyết định dùng trong thủ tục."
        ),
    ),
    DemoDocument(
        number="23/2018/TT-BNNPTNT",
        slug="thong-tu-23-2018-tt-bnnptnt",
        title="Thông tư quy định về đăng kiểm tàu cá, đăng ký tàu cá và đánh dấu tàu cá",
        document_type=DocumentType.CIRCULAR,
        issuing_body=MARD,
        signer="Vũ Văn Tám",
        issue_date=date(2018, 11, 15),
        effective_date=date(2019, 1, 1),
        sector="Thủy sản",
        abstract=(
            "Quy định tiêu chuẩn đăng kiểm viên và cơ sở đăng kiểm tàu cá, yêu cầu an toàn kỹ "
            "thuật đối với tàu cá, tàu kiểm ngư, cùng thủ tục đăng ký, xóa đăng ký và đánh "
            "dấu tàu cá."
        ),
    ),
    DemoDocument(
        number="25/2018/TT-BNNPTNT",
        slug="thong-tu-25-2018-tt-bnnptnt",
        title="Thông tư hướng dẫn đánh giá rủi ro và cấp phép nhập khẩu thủy sản sống",
        document_type=DocumentType.CIRCULAR,
        issuing_body=MARD,
        signer="Vũ Văn Tám",
        issue_date=date(2018, 11, 15),
        effective_date=date(2019, 1, 1),
        sector="Thủy sản",
        abstract=(
            "Hướng dẫn cách đánh giá rủi ro đối với loài thủy sản sống nhập khẩu chưa có tên "
            "trong danh mục được phép kinh doanh, và trình tự cấp phép nhập khẩu các loài đó."
        ),
    ),
    DemoDocument(
        number="60/2014/QH13",
        slug="luat-ho-tich-60-2014-qh13",
        title="Luật Hộ tịch",
        document_type=DocumentType.LAW,
        issuing_body="Quốc hội",
        signer="Nguyễn Sinh Hùng",
        issue_date=date(2014, 11, 20),
        effective_date=date(2016, 1, 1),
        sector="Hộ tịch",
        abstract=(
            "Quy định việc đăng ký các sự kiện hộ tịch như khai sinh, kết hôn, khai tử, giám "
            "hộ, thay đổi và cải chính hộ tịch; thẩm quyền của Ủy ban nhân dân các cấp và cơ "
            "quan đại diện ở nước ngoài; xây dựng cơ sở dữ liệu hộ tịch điện tử."
        ),
    ),
]


def ensure_legal_document_index(site: Site) -> LegalDocumentIndexPage:
    """The site's legal document index (a child of its root page), created if missing."""
    index = LegalDocumentIndexPage.objects.child_of(site.root_page).first()
    if index is None:
        index = LegalDocumentIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG)
        site.root_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def create_demo_legal_documents(index_page: LegalDocumentIndexPage) -> list[LegalDocumentPage]:
    """The demo documents under `index_page`, creating and publishing the missing ones."""
    pages: list[LegalDocumentPage] = []
    for spec in DEMO_DOCUMENTS:
        page = LegalDocumentPage.objects.child_of(index_page).filter(number=spec.number).first()
        if page is None:
            sector = Sector.objects.get_or_create(name=spec.sector)[0] if spec.sector else None
            page = LegalDocumentPage(
                title=spec.title,
                slug=spec.slug,
                number=spec.number,
                document_type=spec.document_type,
                issuing_body=spec.issuing_body,
                signer=spec.signer,
                issue_date=spec.issue_date,
                effective_date=spec.effective_date,
                status=spec.status,
                sector=sector,
                abstract=spec.abstract,
            )
            index_page.add_child(instance=page)
            page.save_revision().publish()
        pages.append(page)
    return pages


def link_legal_basis(site: Site) -> int:
    """Link procedures' legal bases to the live legal document pages: a legal-basis row with a
    document's number gets its page, and a document that only the legal-basis text mentions
    gets a row of its own. Returns how many links it made.

    Documents of the same site are preferred; otherwise any site's page with that number.
    """
    documents: dict[str, LegalDocumentPage] = {}
    for page in LegalDocumentPage.objects.live().order_by("pk"):
        documents.setdefault(page.number, page)
    for page in LegalDocumentPage.objects.live().descendant_of(site.root_page):
        documents[page.number] = page
    patterns = {
        number: re.compile(rf"(?<![\w/]){re.escape(number)}(?![\w])") for number in documents
    }

    added = 0
    procedures = ProcedurePage.objects.live().descendant_of(site.root_page)
    for procedure in procedures.prefetch_related("legal_basis"):
        rows = {row.document_number: row for row in procedure.legal_basis.all()}
        text = strip_tags(procedure.legal_basis_note)
        linked = 0
        for number, document in documents.items():
            row = rows.get(number)
            if row is not None and row.document_page_id is None:
                row.document_page = document
            elif row is None and patterns[number].search(text):
                procedure.legal_basis.add(
                    LegalBasis(
                        document_number=document.number,
                        title=document.title,
                        issue_date=document.issue_date,
                        document_page=document,
                    )
                )
            else:
                continue
            linked += 1
        if linked:
            procedure.save_revision().publish()
            added += linked
    return added
