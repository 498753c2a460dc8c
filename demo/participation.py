"""The demo's citizen participation: a few answered questions published as Q&A on a ward's
and a department's site, one question waiting in the ward's inbox, and one draft open for
comment on Sở Tư pháp's site. Texts written for the demo; names and addresses invented.
Safe to re-run: everything is found by its slug or code first."""

import io
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from docx import Document as DocxDocument
from wagtail.models import Site

from demo.files import _document, documents_collection
from participation.models import (
    ConsultationDocument,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationQuestion,
    Question,
    QuestionAnswerPage,
    QuestionAnswerProcedure,
    QuestionEvent,
)
from participation.services import qa_index
from procedures.models import ProcedurePage, Sector


@dataclass(frozen=True)
class DemoQA:
    site: str
    slug: str
    title: str
    question: str
    asker: str
    answer: str
    sector: str
    procedures: tuple[str, ...]
    asked_on: date


DEMO_QA = [
    DemoQA(
        "pkinhbac",
        "khai-sinh-cho-con-khi-bo-me-chua-dang-ky-ket-hon",
        "Đăng ký khai sinh cho con khi bố mẹ chưa đăng ký kết hôn",
        "Vợ chồng tôi chung sống nhưng chưa đăng ký kết hôn, nay sinh con được một tháng. "
        "Tôi muốn làm giấy khai sinh cho cháu có ghi tên bố thì cần giấy tờ gì?",
        "Lê T. H.",
        "<p>Trường hợp cha, mẹ chưa đăng ký kết hôn, Ông/Bà thực hiện thủ tục đăng ký khai "
        "sinh kết hợp nhận cha, mẹ, con tại Ủy ban nhân dân phường. Hồ sơ gồm tờ khai đăng "
        "ký khai sinh, tờ khai nhận cha, mẹ, con, giấy chứng sinh và chứng cứ chứng minh "
        "quan hệ cha con (văn bản của cơ sở giám định hoặc văn bản khác có giá trị).</p>"
        "<p>Thủ tục có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia.</p>",
        "Hộ tịch",
        ("1.000689", "1.001193"),
        date(2025, 9, 12),
    ),
    DemoQA(
        "pkinhbac",
        "xin-phep-sua-chua-nha-o-rieng-le",
        "Sửa chữa nhà ở riêng lẻ có phải xin giấy phép xây dựng không?",
        "Gia đình tôi muốn thay mái tôn bằng mái bê tông và nâng nền tầng một, không thay "
        "đổi diện tích. Việc này có phải xin giấy phép xây dựng không?",
        "Phạm V. K.",
        "<p>Sửa chữa, cải tạo bên trong công trình hoặc mặt ngoài không tiếp giáp đường "
        "trong đô thị được miễn giấy phép nếu không làm thay đổi kết cấu chịu lực. Thay mái "
        "tôn bằng sàn bê tông là thay đổi kết cấu chịu lực, vì vậy Ông/Bà cần đề nghị cấp "
        "giấy phép xây dựng tại Ủy ban nhân dân phường.</p>",
        "Xây dựng",
        ("1.013225",),
        date(2025, 10, 3),
    ),
    DemoQA(
        "sxd",
        "thoi-han-cap-giay-phep-xay-dung-cong-trinh-cap-i",
        "Thời hạn cấp giấy phép xây dựng công trình cấp I",
        "Công ty chúng tôi đã nộp hồ sơ đề nghị cấp giấy phép xây dựng nhà xưởng cấp I được "
        "25 ngày nhưng chưa có kết quả. Thời hạn giải quyết theo quy định là bao lâu?",
        "Công ty TNHH M. A.",
        "<p>Thời hạn cấp giấy phép xây dựng là 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ. "
        "Trường hợp hồ sơ cần xem xét thêm, cơ quan cấp phép thông báo bằng văn bản lý do "
        "và có thể kéo dài không quá 10 ngày. Đề nghị Công ty liên hệ Bộ phận Một cửa của "
        "Sở để được thông tin về hồ sơ cụ thể.</p>",
        "Xây dựng",
        ("1.013236",),
        date(2025, 11, 4),
    ),
]

CONSULTATION_SLUG = "du-thao-quy-che-phoi-hop-tiep-nhan-phan-anh-kien-nghi"


def _procedures(site: Site, codes: tuple[str, ...]) -> list[ProcedurePage]:
    """The site's own pages of these procedures (the same code is on every ward's site)."""
    pages = ProcedurePage.objects.live().descendant_of(site.root_page).filter(code__in=codes)
    found = {page.code: page for page in pages}
    return [found[code] for code in codes if code in found]


def load_questions_and_answers(sites: dict[str, Site]) -> int:
    created = 0
    for spec in DEMO_QA:
        site = sites.get(spec.site)
        if site is None:
            continue
        index = qa_index(site)
        if QuestionAnswerPage.objects.child_of(index).filter(slug=spec.slug).exists():
            continue
        page = QuestionAnswerPage(
            title=spec.title,
            slug=spec.slug,
            question=spec.question,
            asker=spec.asker,
            asked_on=spec.asked_on,
            answer=spec.answer,
            answered_on=spec.asked_on + timedelta(days=6),
            sector=Sector.objects.filter(name=spec.sector).first(),
        )
        for procedure in _procedures(site, spec.procedures):
            page.related_procedures.add(QuestionAnswerProcedure(procedure=procedure))
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def load_waiting_question(sites: dict[str, Site]) -> None:
    """One new question in the ward's inbox, so the editor has something to answer."""
    site = sites.get("pkinhbac")
    if site is None or Question.objects.filter(code="DEMO2345AB").exists():
        return
    question = Question.objects.create(
        code="DEMO2345AB",
        site=site,
        sector=Sector.objects.filter(name="Hộ tịch").first(),
        topic="Trích lục kết hôn bị mất",
        text="Tôi làm mất bản chính giấy chứng nhận kết hôn đăng ký năm 2010 tại phường. "
        "Nay tôi cần bản sao để làm hồ sơ vay vốn thì xin ở đâu, mất bao lâu?",
        name="Nguyễn Văn Minh",
        email="minh.nguyen@example.com",
        consent_at=timezone.now(),
        fingerprint="demo",
    )
    QuestionEvent.objects.create(question=question, kind="submitted", to_site=site)


def _draft_docx() -> bytes:
    document = DocxDocument()
    document.add_heading("DỰ THẢO – Quy chế phối hợp tiếp nhận, xử lý phản ánh, kiến nghị", 1)
    for paragraph in (
        "Điều 1. Phạm vi điều chỉnh: Quy chế này quy định việc phối hợp giữa các sở, ban, "
        "ngành và Ủy ban nhân dân các xã, phường trong tiếp nhận, xử lý phản ánh, kiến nghị "
        "của người dân, doanh nghiệp về quy định hành chính.",
        "Điều 2. Thời hạn xử lý: Cơ quan được chuyển phản ánh, kiến nghị trả lời trong 15 "
        "ngày làm việc; trường hợp phức tạp không quá 30 ngày.",
        "Điều 3. Công khai kết quả: Kết quả xử lý được công khai trên Cổng thông tin điện "
        "tử tỉnh, trừ thông tin cá nhân của người phản ánh.",
    ):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def load_consultation(sites: dict[str, Site]) -> bool:
    site = sites.get("stp")
    if site is None or ConsultationPage.objects.filter(slug=CONSULTATION_SLUG).exists():
        return False
    home = site.root_page
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConsultationIndexPage(
            title="Lấy ý kiến dự thảo", slug="lay-y-kien", show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    document = _document(
        "Dự thảo Quy chế phối hợp tiếp nhận, xử lý phản ánh, kiến nghị",
        "du-thao-quy-che-phoi-hop.docx",
        _draft_docx(),
        documents_collection(site),
    )
    now = timezone.now()
    page = ConsultationPage(
        title="Lấy ý kiến dự thảo Quy chế phối hợp tiếp nhận, xử lý phản ánh, kiến nghị",
        slug=CONSULTATION_SLUG,
        issuing_agency="Sở Tư pháp tỉnh Bắc Ninh",
        summary="<p>Dự thảo quy định trách nhiệm phối hợp của các cơ quan khi tiếp nhận "
        "phản ánh, kiến nghị về quy định hành chính, thời hạn trả lời và việc công khai kết "
        "quả xử lý trên Cổng thông tin điện tử tỉnh.</p>",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=27),
    )
    page.documents.add(ConsultationDocument(document=document, label="Toàn văn dự thảo (DOCX)"))
    for text in (
        "Thời hạn trả lời 15 ngày làm việc tại Điều 2 có phù hợp không?",
        "Ý kiến về việc công khai kết quả xử lý tại Điều 3.",
    ):
        page.questions.add(ConsultationQuestion(text=text))
    index.add_child(instance=page)
    page.save_revision().publish()
    return True


def load_participation(sites: dict[str, Site]) -> int:
    """The Q&A pages created (the waiting question and the consultation come along)."""
    created = load_questions_and_answers(sites)
    load_waiting_question(sites)
    load_consultation(sites)
    return created
