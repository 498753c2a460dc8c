import io
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model

from news.dates import LOCAL_TZ
from news.models import NewsIndexPage, NewsPage

from .conftest import make_png

AGENCY_HOST = "stttt.bacninh.localhost"

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_news", *args, stdout=out)
    return out.getvalue()


def test_import_creates_the_news_section_and_one_published_page(sample_path, agency):
    output = run(str(sample_path), "--site", AGENCY_HOST)

    index = NewsIndexPage.objects.get()
    assert (index.title, index.slug, index.live) == ("Tin tức", "tin-tuc", True)
    assert index.get_parent().pk == agency.root_page.pk
    page = NewsPage.objects.get()
    assert page.get_parent().pk == index.pk
    assert page.live
    assert page.published_at == datetime(2013, 4, 17, 9, 22, tzinfo=LOCAL_TZ)
    assert page.author == "T.D"
    assert [block.block_type for block in page.body] == ["paragraph"] * 5
    raw = [line.strip() for line in sample_path.read_text(encoding="utf-8").splitlines()]
    raw = [line for line in raw if line]
    assert page.featured_image_caption == raw[raw.index("img") + 1]
    assert "Đã tạo tin" in output
    assert "5 đoạn, 1 ảnh" in output


def test_reimport_updates_instead_of_duplicating(sample_path, agency):
    run(str(sample_path), "--site", AGENCY_HOST)
    page = NewsPage.objects.get()
    page.author = "đã sửa"
    page.save_revision().publish()

    output = run(str(sample_path), "--site", AGENCY_HOST)

    assert NewsPage.objects.count() == 1
    assert NewsIndexPage.objects.count() == 1
    page.refresh_from_db()
    assert page.author == "T.D"
    assert "Đã cập nhật" in output


def test_reimport_of_an_unchanged_article_writes_no_revision(sample_path, agency):
    run(str(sample_path), "--site", AGENCY_HOST)
    revisions = NewsPage.objects.get().revisions.count()

    output = run(str(sample_path), "--site", AGENCY_HOST)

    assert NewsPage.objects.get().revisions.count() == revisions
    assert "Không thay đổi tin" in output


def test_dry_run_writes_nothing(sample_path, agency):
    output = run(str(sample_path), "--site", AGENCY_HOST, "--dry-run")

    assert NewsPage.objects.count() == 0
    assert NewsIndexPage.objects.count() == 0
    assert "[Chạy thử] Sẽ tạo tin" in output
    assert "Sẽ tạo trang danh sách tin" in output


def test_dry_run_after_an_import_reports_an_update_and_changes_nothing(sample_path, agency):
    run(str(sample_path), "--site", AGENCY_HOST)
    revisions = NewsPage.objects.get().revisions.count()

    output = run(str(sample_path), "--site", AGENCY_HOST, "--dry-run")

    assert "[Chạy thử] Sẽ cập nhật" in output
    assert NewsPage.objects.get().revisions.count() == revisions


def test_same_article_on_another_site_is_a_separate_page(sample_path, portal, agency):
    run(str(sample_path), "--site", AGENCY_HOST)
    run(str(sample_path), "--site", "bacninh.localhost")
    assert NewsPage.objects.count() == 2
    assert NewsIndexPage.objects.count() == 2


def test_unknown_site_is_a_command_error(sample_path, two_sites):
    with pytest.raises(CommandError, match="Không tìm thấy trang thông tin"):
        run(str(sample_path), "--site", "khong-co")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Tin thö\n\nThöù tö, 17/04/2013 09:22\n\nCoång thoâng tin ñieän töû", "bảng mã VNI"),
        ("Tin\n\nThø t­, 17/04/2013 09:22\n\nCæng th«ng tin ®iÖn tö tØnh", "TCVN3"),
    ],
)
def test_legacy_encodings_are_rejected(tmp_path, agency, content, message):
    path = tmp_path / "cu.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(str(path), "--site", AGENCY_HOST)
    assert NewsPage.objects.count() == 0


def test_invalid_utf8_is_rejected(tmp_path, agency):
    path = tmp_path / "hong.txt"
    path.write_bytes(b"Tin\n\nTh\xff t\x80, 17/04/2013 09:22\n")
    with pytest.raises(CommandError, match="UTF-8"):
        run(str(path), "--site", AGENCY_HOST)
    assert NewsIndexPage.objects.count() == 0


def test_article_without_date_is_rejected(tmp_path, agency):
    path = tmp_path / "khong-ngay.txt"
    path.write_text("Tiêu đề\n\nĐoạn văn.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ngày đăng"):
        run(str(path), "--site", AGENCY_HOST)


def test_html_import_with_a_local_image(tmp_path, agency):
    (tmp_path / "anh.png").write_bytes(make_png())
    path = tmp_path / "bai.html"
    path.write_text(
        """<html><body><h1>Khai trương trung tâm dữ liệu</h1>
        <time datetime="2024-05-06T08:15:00+07:00">06/05/2024</time>
        <p>Đoạn thứ nhất.</p>
        <figure><img src="anh.png" alt="Toàn cảnh trung tâm"><figcaption>Trung tâm dữ liệu tỉnh.
        </figcaption></figure>
        <figure><img src="../ngoai.png" alt="Ngoài thư mục"><figcaption>Ảnh ngoài.</figcaption>
        </figure>
        <p>Đoạn thứ hai.</p></body></html>""",
        encoding="utf-8",
    )

    run(str(path), "--site", AGENCY_HOST)
    run(str(path), "--site", AGENCY_HOST)

    page = NewsPage.objects.get()
    assert page.title == "Khai trương trung tâm dữ liệu"
    assert page.published_at == datetime(2024, 5, 6, 8, 15, tzinfo=LOCAL_TZ)
    assert [block.block_type for block in page.body] == ["paragraph", "image", "paragraph"]
    image_block = page.body[1].value
    assert image_block["caption"] == "Trung tâm dữ liệu tỉnh."
    assert image_block["alt_text"] == "Toàn cảnh trung tâm"
    # A file outside the article's folder is never read: its caption is kept instead.
    assert page.featured_image_caption == "Ảnh ngoài."
    # Re-importing reuses the identical image file.
    assert get_image_model().objects.count() == 1


def test_images_go_to_each_agencys_own_images_collection(tmp_path, db):
    from sites.provisioning import IMAGES_COLLECTION, provision_agency_site

    (tmp_path / "anh.png").write_bytes(make_png())
    path = tmp_path / "bai.html"
    path.write_text(
        """<html><body><h1>Hội nghị chuyển đổi số</h1>
        <time datetime="2025-08-01T08:00:00+07:00">01/08/2025</time>
        <p>Đoạn văn.</p><figure><img src="anh.png" alt="Hội trường"></figure></body></html>""",
        encoding="utf-8",
    )
    hosts = {"sxd": "sxd.bacninh.localhost", "stp": "stp.bacninh.localhost"}
    for slug, host in hosts.items():
        provision_agency_site(name=f"Sở {slug.upper()}", slug=slug, hostname=host)
        run(str(path), "--site", host)

    images = list(get_image_model().objects.select_related("collection").order_by("pk"))
    # The same file, once per agency: another agency's copy is never borrowed.
    assert len(images) == 2 and images[0].file_hash == images[1].file_hash
    assert [image.collection.name for image in images] == [IMAGES_COLLECTION] * 2
    parents = [image.collection.get_parent().name for image in images]
    assert parents == ["Sở SXD", "Sở STP"]
    for page, image in zip(NewsPage.objects.order_by("pk"), images, strict=True):
        assert page.body[1].value["image"] == image
