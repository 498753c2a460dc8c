"""Uploaded documents in the search: their records, who sees them, and their sync on every
change, through the real worker, PostgreSQL and Elasticsearch."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission

from news.models import NewsPage
from procedures.models import DossierComponent
from search import files
from search.client import get_client
from search.documents import alias_name
from search.models import DocumentText
from sites.models import Agency, AgencyGroup

from . import files as made
from .conftest import drain, publish

Document = get_document_model()

BIRTH_FORM_TEXT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "TỜ KHAI ĐĂNG KÝ KHAI SINH\nKính gửi: Ủy ban nhân dân xã\n"
    "Họ, chữ đệm, tên người yêu cầu: ...\nQuan hệ với người được khai sinh: ..."
)


def agency_collection(world, name: str = "Sở Thông tin và Truyền thông") -> Collection:
    """The agency's collection, owned as provisioning grants it: its editors' permission."""
    collection = Collection.get_first_root_node().add_child(name=name)
    agency = Agency.objects.get(slug="stttt")
    group = Group.objects.create(name=f"{name} – biên tập viên")
    AgencyGroup.objects.create(agency=agency, role="editor", group=group)
    GroupCollectionPermission.objects.create(
        group=group,
        collection=collection,
        permission=Permission.objects.get(codename="add_document"),
    )
    return collection


def upload(title: str, name: str, data: bytes, collection: Collection | None = None):
    document = Document(
        title=title,
        file=ContentFile(data, name=name),
        collection=collection or Collection.get_first_root_node(),
    )
    document._set_document_file_metadata()
    document.save()
    return document


def indexed(document) -> dict | None:
    found = (
        get_client().options(ignore_status=404).get(index=alias_name(), id=files.key(document.pk))
    )
    return found.body["_source"] if found.body.get("found") else None


def search(client: Client | None = None, **params) -> dict:
    params.setdefault("site", "*")
    response = (client or Client()).get("/api/v2/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def found_documents(**params) -> list[int]:
    return [item["id"] for item in search(**params)["items"] if item["type"] == "document"]


@pytest.fixture
def form(world, sync):
    """The birth registration procedure's declaration form, a real PDF, in the agency's
    collection and attached to the procedure's dossier component."""
    collection = agency_collection(world)
    procedure = world.procedures["MAU.0001"]
    with sync():
        document = upload(
            "Tờ khai đăng ký khai sinh",
            "to-khai-khai-sinh.pdf",
            made.pdf_bytes(BIRTH_FORM_TEXT),
            collection,
        )
        procedure.dossier_components.add(
            DossierComponent(name="Tờ khai đăng ký khai sinh theo mẫu", form_template=document)
        )
        publish(procedure)
    return document


def test_a_form_is_found_by_its_unaccented_words_with_its_procedure(world, form):
    result = search(q="mau to khai dang ky khai sinh", type="document")
    item = next(item for item in result["items"] if item["id"] == form.pk)
    assert item["url"] == f"http://stttt.bacninh.localhost{form.url}"
    assert item["file"]["type"] == "pdf"
    assert item["file"]["size"] == form.file_size > 0
    assert item["file"]["text_status"] == "ok"
    procedure = world.procedures["MAU.0001"]
    assert item["used_on"] == [
        {
            "id": procedure.pk,
            "title": "Đăng ký khai sinh",
            "url": procedure.get_full_url(),
            "type": "procedures.ProcedurePage",
            "components": ["Tờ khai đăng ký khai sinh theo mẫu"],
            "site": {
                "slug": "stttt",
                "hostname": "stttt.bacninh.localhost",
                "name": procedure.get_site().site_name,
            },
        }
    ]
    assert item["meta"]["type"] == "wagtaildocs.Document"
    assert f"/api/v2/documents/{form.pk}/" in item["meta"]["detail_url"]
    assert item["site"]["slug"] == "stttt"


def test_the_files_text_is_searched_and_highlighted(world, form):
    result = search(q="quan he voi nguoi duoc khai sinh")
    item = next(item for item in result["items"] if item["type"] == "document")
    assert item["id"] == form.pk
    assert "<mark>Quan</mark> <mark>hệ</mark> với <mark>người</mark>" in " ".join(
        item["highlight"]["body"]
    )
    facets = {bucket["value"]: bucket for bucket in result["facets"]["type"]}
    assert facets["document"]["label"] == "tài liệu"


def test_type_filter_and_suggest(world, form):
    assert found_documents(q="khai sinh", type="wagtaildocs.Document") == [form.pk]
    pages = search(q="khai sinh", type="procedure")["items"]
    assert pages and all(item["type"] == "procedure" for item in pages)
    response = Client().get("/api/v2/search/suggest/", {"q": "to khai dang", "site": "*"})
    assert response.status_code == 200
    suggested = response.json()["items"]
    assert {
        "title": "Tờ khai đăng ký khai sinh",
        "type": "document",
        "file_type": "pdf",
    }.items() <= (suggested[0].items())


def test_the_front_end_shows_file_type_size_and_pages(world, form):
    response = Client().get("/tim-kiem/", {"q": "to khai dang ky khai sinh", "type": "document"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="http://stttt.bacninh.localhost{form.url}"' in html
    assert "Tài liệu · PDF, " in html
    assert "Đăng ký khai sinh</a>" in html


def test_pages_of_other_sites_using_a_document_are_named_with_their_site(world, form, sync):
    # Wards publish procedures of the same title: "Đăng ký khai sinh" twice would not say
    # which is which.
    portal_procedure = world.procedures["1.013225"]
    with sync():
        portal_procedure.dossier_components.add(
            DossierComponent(name="Tờ khai theo mẫu", form_template=form)
        )
        publish(portal_procedure)
    [item] = [i for i in search(q="to khai dang ky khai sinh")["items"] if i["id"] == form.pk]
    assert {page["id"]: page["site"]["slug"] for page in item["used_on"]} == {
        portal_procedure.pk: "portal",
        world.procedures["MAU.0001"].pk: "stttt",
    }
    html = Client().get("/tim-kiem/", {"q": "to khai dang ky khai sinh", "type": "document"})
    text = html.content.decode()
    portal_name = portal_procedure.get_site().site_name
    assert f"{portal_procedure.title}</a> ({portal_name})" in text
    # A page of the document's own site, which the result names already, is not.
    assert "Đăng ký khai sinh</a>" in text and "Đăng ký khai sinh</a> (" not in text


def test_a_document_in_a_private_collection_is_never_found(world, sync):
    collection = agency_collection(world, "Hồ sơ nội bộ")
    with sync():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        document = upload(
            "Báo cáo mật về ngân sách", "bao-cao.docx", made.docx_bytes("Ngân sách quý"), collection
        )
    assert indexed(document) is None
    assert found_documents(q="bao cao mat ngan sach") == []


def test_a_collection_made_private_takes_its_documents_out_and_back(world, form, sync):
    assert indexed(form) is not None
    with sync():
        restriction = CollectionViewRestriction.objects.create(
            collection=form.collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert indexed(form) is None
    assert found_documents(q="to khai dang ky khai sinh") == []
    with sync():
        restriction.delete()
    assert found_documents(q="to khai dang ky khai sinh") == [form.pk]


def test_a_document_used_only_by_a_draft_is_found_once_the_page_is_published(world, sync):
    with sync():
        document = upload(
            "Phụ lục kế hoạch chuyển đổi số", "phu-luc.odt", made.odt_bytes("Chuyển đổi số cấp xã")
        )
    assert "used_on" not in indexed(document)  # unused: public as its collection says
    news_index = world.news.get_parent()
    draft = NewsPage(
        title="Kế hoạch chuyển đổi số năm 2026",
        slug="ke-hoach-cds",
        body=[("document", {"document": document, "label": ""})],
        live=False,
    )
    with sync():
        news_index.add_child(instance=draft)
        draft.save_revision()
    assert indexed(document) is None
    assert found_documents(q="chuyen doi so cap xa") == []
    with sync():
        publish(draft)
    assert [page["id"] for page in indexed(document)["used_on"]] == [draft.pk]
    with sync():
        NewsPage.objects.get(pk=draft.pk).unpublish()
    assert indexed(document) is None


def test_upload_rename_replace_move_and_delete_reach_the_index(world, sync):
    with sync():
        document = upload("Báo cáo quý I", "bao-cao.docx", made.docx_bytes("Tăng trưởng kinh tế"))
    assert indexed(document)["title"] == "Báo cáo quý I"
    with sync():
        document.title = "Báo cáo kinh tế quý I"
        document.save()
    assert indexed(document)["title"] == "Báo cáo kinh tế quý I"
    with sync():
        document.file = ContentFile(
            made.xlsx_bytes([["Chỉ tiêu", "Giá trị"], ["Xuất khẩu", 12]]), name="bang.xlsx"
        )
        document._set_document_file_metadata()
        document.save()
    source = indexed(document)
    assert source["file_type"] == "xlsx" and "Xuất khẩu | 12" in source["body"]
    assert "Tăng trưởng" not in source["body"]
    assert DocumentText.objects.get(document=document).source == document.file_hash
    collection = agency_collection(world)
    with sync():
        document.collection = collection
        document.save()
    assert indexed(document)["site_slug"] == "stttt"
    with sync():
        agency = Agency.objects.get(slug="stttt")
        agency.name = "Sở Khoa học và Công nghệ"
        agency.save()
    assert "Sở Khoa học và Công nghệ" in indexed(document)["keywords"]
    with sync():
        document.delete()
    assert indexed(document) is None


def test_a_scanned_pdf_is_indexed_by_title_and_marked(world, sync):
    with sync():
        document = upload(
            "Quyết định công bố thủ tục (bản quét)", "quyet-dinh.pdf", made.scanned_pdf_bytes()
        )
    source = indexed(document)
    assert source["text_status"] == "scanned" and source["body"] == ""
    assert found_documents(q="quyet dinh cong bo thu tuc ban quet") == [document.pk]


def test_a_hostile_file_does_not_block_the_queue(world, sync, settings):
    settings.SEARCH = {
        **settings.SEARCH,
        "EXTRACTION": {**settings.SEARCH["EXTRACTION"], "CPU_SECONDS": 1},
    }
    with sync():
        bomb = upload("Tệp hỏng", "bom.pdf", made.pdf_bomb_bytes())
        good = upload(
            "Hướng dẫn nộp hồ sơ", "huong-dan.docx", made.docx_bytes("Nộp hồ sơ trực tuyến")
        )
    assert indexed(bomb)["text_status"] == "timeout"
    assert "Nộp hồ sơ trực tuyến" in indexed(good)["body"]


def test_rebuild_and_reconcile_cover_documents(world, form):
    from io import StringIO

    from django.core.management import call_command

    call_command("search_rebuild", verbosity=0)
    drain()
    assert indexed(form)["title"] == "Tờ khai đăng ký khai sinh"
    get_client().delete(index=alias_name(), id=files.key(form.pk), refresh=True)
    out = StringIO()
    call_command("search_reconcile", stdout=out)
    assert "missing: 1" in out.getvalue()
    get_client().indices.refresh(index=alias_name())
    assert indexed(form) is not None


def test_a_file_gone_from_the_storage_is_indexed_by_title(world, sync, caplog):
    document = upload("Quy chế làm việc", "quy-che.docx", made.docx_bytes("Quy chế"))
    document.file.storage.delete(document.file.name)
    with sync():
        document.save()
    source = indexed(document)
    assert (source["title"], source["text_status"], source["body"]) == (
        "Quy chế làm việc",
        "failed",
        "",
    )
    assert "impossible" in caplog.text


def test_bench_documents_generates_searchable_files(world):
    from benchmarks.documents import run

    bench = run(4, seed=3, queries=3)
    assert (bench.files, bench.extracted, bench.statuses) == (4, 4, {"ok": 4})
    assert bench.rebuild_documents >= 4 + len(world.procedures)
    assert len(bench.search_ms) == 3
    assert len(found_documents(q="mau to khai", limit="50")) == 4
