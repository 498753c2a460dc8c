"""Real small files for the demo, so that its documents are found by their text: the legal
documents' texts as PDF (committed in `demo/data/files/`, made by `write_legal_document_pdfs`
with fpdf2 from requirements-dev), and the declaration forms of a few procedures as DOCX,
made at load time (python-docx).

Wire-up for the demo loader, after the legal documents and the procedures:

    attach_demo_files(portal)

Get-or-create throughout: running it again changes nothing.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site

from demo.legal_documents import DEMO_DOCUMENTS, DemoDocument
from legaldocs.models import LegalDocumentAttachment, LegalDocumentPage
from procedures.models import ProcedurePage
from sites.models import Agency
from sites.provisioning import DOCUMENTS_COLLECTION, agency_media_collection

FILES_DIR = Path(__file__).resolve().parent / "data" / "files"
# The child collection of an agency's collection that documents go to (sites.provisioning).


def legal_document_paragraphs(spec: DemoDocument) -> list[str]:
    """The text of a demo legal document: its heading, articles and signature."""
    return [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"{spec.issuing_body.upper()}    Số: {spec.number}",
        f"Hà Nội, ngày {spec.issue_date:%d} tháng {spec.issue_date:%m} năm {spec.issue_date:%Y}",
        spec.title.upper(),
        f"Điều 1. Phạm vi điều chỉnh. {spec.abstract}",
        "Điều 2. Đối tượng áp dụng. Văn bản này áp dụng đối với cơ quan, tổ chức, cá nhân có "
        "liên quan trên lãnh thổ nước Cộng hòa xã hội chủ nghĩa Việt Nam.",
        f"Điều 3. Hiệu lực thi hành. Văn bản này có hiệu lực thi hành kể từ ngày "
        f"{spec.effective_date:%d/%m/%Y}.",
        "Nơi nhận: Các bộ, cơ quan ngang bộ; Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
        "trung ương; Lưu: Văn thư.",
        spec.signer,
    ]


def legal_document_pdf(spec: DemoDocument) -> Path:
    return FILES_DIR / f"{spec.slug}.pdf"


@dataclass(frozen=True)
class DemoForm:
    code: str  # the procedure's code (the national record's, as imported)
    component: str  # the start of the dossier component's name it is the form of
    title: str
    fields: tuple[str, ...]


def _person_fields(*extra: str) -> tuple[str, ...]:
    return (
        "Họ, chữ đệm, tên người yêu cầu:",
        "Nơi cư trú:",
        "Giấy tờ tùy thân (số, nơi cấp, ngày cấp):",
        *extra,
        "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
        "pháp luật về cam đoan của mình.",
    )


DEMO_FORMS = [
    DemoForm(
        "1.001193",
        "Tờ khai đăng ký khai sinh",
        "Tờ khai đăng ký khai sinh",
        _person_fields(
            "Quan hệ với người được khai sinh:",
            "Họ, chữ đệm, tên người được khai sinh; ngày, tháng, năm sinh; giới tính; dân tộc; "
            "quốc tịch; nơi sinh:",
            "Họ, chữ đệm, tên người mẹ và người cha:",
        ),
    ),
    DemoForm(
        "1.000894",
        "Tờ khai đăng ký kết hôn",
        "Tờ khai đăng ký kết hôn",
        _person_fields(
            "Thông tin bên nữ và bên nam: họ tên, ngày sinh, dân tộc, quốc tịch, nơi cư trú:",
            "Kết hôn lần thứ mấy:",
        ),
    ),
    DemoForm(
        "1.000656",
        "Tờ khai đăng ký khai tử",
        "Tờ khai đăng ký khai tử",
        _person_fields(
            "Quan hệ với người đã chết:",
            "Họ, chữ đệm, tên người đã chết; ngày, giờ chết; nơi chết; nguyên nhân chết:",
        ),
    ),
    DemoForm(
        "1.004873",
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        _person_fields(
            "Tình trạng hôn nhân:",
            "Mục đích sử dụng Giấy xác nhận tình trạng hôn nhân:",
        ),
    ),
]


def form_docx(form: DemoForm) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    document.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    document.add_heading(form.title.upper(), level=1)
    document.add_paragraph("Kính gửi: Ủy ban nhân dân xã, phường")
    table = document.add_table(rows=len(form.fields), cols=2)
    for row, label in zip(table.rows, form.fields, strict=True):
        row.cells[0].text = label
        row.cells[1].text = "................................................"
    document.add_paragraph("Người yêu cầu (ký, ghi rõ họ, chữ đệm, tên)")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def documents_collection(site: Site) -> Collection:
    """The "Tài liệu" collection of the site's agency (made by provisioning)."""
    found = agency_media_collection(Agency.objects.get(site=site), DOCUMENTS_COLLECTION)
    return found or Collection.get_first_root_node()


def _document(title: str, name: str, data: bytes, collection: Collection):
    model = get_document_model()
    document = model.objects.filter(title=title, collection=collection).first()
    if document is None:
        document = model(title=title, collection=collection, file=ContentFile(data, name=name))
        document._set_document_file_metadata()
        document.save()
    return document


def attach_legal_document_files(collection: Collection) -> int:
    """Each demo legal document's PDF, attached to its page; how many were attached."""
    attached = 0
    for spec in DEMO_DOCUMENTS:
        page = LegalDocumentPage.objects.filter(number=spec.number).order_by("pk").first()
        if page is None or page.attachments.exists():
            continue
        path = legal_document_pdf(spec)
        document = _document(
            f"{spec.number} – {spec.title}", path.name, path.read_bytes(), collection
        )
        page.attachments.add(LegalDocumentAttachment(document=document, label="Toàn văn (PDF)"))
        page.save_revision().publish()
        attached += 1
    return attached


def attach_demo_forms(collection: Collection) -> int:
    """Each demo form as a DOCX, set on its procedures' dossier component (every site that
    publishes the procedure); how many components got one."""
    linked = 0
    for form in DEMO_FORMS:
        document = None
        for page in ProcedurePage.objects.live().filter(code=form.code):
            component = page.dossier_components.filter(
                name__startswith=form.component, form_template__isnull=True
            ).first()
            if component is None:
                continue
            document = document or _document(
                form.title,
                f"{form.code.lower().replace('.', '-')}-to-khai.docx",
                form_docx(form),
                collection,
            )
            component.form_template = document
            component.save()
            page.save_revision().publish()
            linked += 1
    return linked


def attach_demo_files(portal: Site) -> tuple[int, int]:
    """(legal documents given their PDF, dossier components given their form)."""
    collection = documents_collection(portal)
    return attach_legal_document_files(collection), attach_demo_forms(collection)


def write_legal_document_pdfs() -> None:
    """Make the committed PDFs again; needs fpdf2 and the DejaVu font:
    `manage.py shell -c "from demo.files import write_legal_document_pdfs as w; w()"`."""
    from .pdf import vietnamese_pdf

    FILES_DIR.mkdir(parents=True, exist_ok=True)
    for spec in DEMO_DOCUMENTS:
        pdf = vietnamese_pdf(size=11)
        pdf.add_page()
        for paragraph in legal_document_paragraphs(spec):
            pdf.multi_cell(0, 7, paragraph)
            pdf.ln(2)
        legal_document_pdf(spec).write_bytes(bytes(pdf.output()))
