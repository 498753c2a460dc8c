"""Uploads through the real admin views: decompression bombs, disguised files and SVG are
refused; documents download as attachments with nosniff."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
    return client


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def upload_image(client, name: str, content: bytes, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_a_real_png_is_accepted(admin_client):
    response = upload_image(admin_client, "anh.png", png(20, 20))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="anh.png").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # 10,000 × 10,000 pixels in a few kilobytes: a decompression bomb.
        ("bom.png", png(10_000, 10_000)),
        ("shell.png", b"<?php system($_GET['c']); ?>"),
        ("trang.png", b"<html><script>alert(1)</script></html>"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
    ],
)
def test_dangerous_images_are_refused(admin_client, name, content):
    response = upload_image(admin_client, name, content)
    assert response.status_code == 200  # the form again, with an error
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.filter(title=name).exists()


@pytest.mark.parametrize("name", ["virus.exe", "trang.html", "script.js", "anh.svg"])
def test_documents_outside_the_allow_list_are_refused(admin_client, name):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, b"MZ\x90\x00")},
    )
    assert response.status_code == 200
    assert not get_document_model().objects.filter(title=name).exists()


def test_documents_download_as_attachments_with_nosniff(client):
    document = get_document_model().objects.create(
        title="Văn bản", file=SimpleUploadedFile("van-ban.pdf", b"%PDF-1.4 test")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def upload_document(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, "application/octet-stream")},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("trang.pdf", b"<!doctype html><html><script>alert(1)</script></html>"),
        ("virus.docx", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)),
        ("anh.xlsx", png(20, 20)),
    ],
)
def test_documents_whose_content_is_not_their_extension_are_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert "không khớp với phần mở rộng" in str(response.context["form"].errors["file"])
    assert not get_document_model().objects.filter(title=name).exists()


def test_a_genuine_pdf_is_accepted_and_its_title_can_be_edited_without_a_new_file(admin_client):
    assert upload_document(admin_client, "mau-don.pdf", b"%PDF-1.4\n1 0 obj").status_code == 302
    document = get_document_model().objects.get(title="mau-don.pdf")
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Mẫu đơn", "collection": document.collection_id},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Mẫu đơn"


def test_the_multiple_uploader_refuses_a_disguised_document(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("trang.pdf", b"<html></html>")},
    )
    assert response.json()["success"] is False
    assert not get_document_model().objects.exists()


def test_documents_over_the_size_limit_are_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(admin_client, "lon.pdf", b"%PDF-1.4\n" + bytes(2048))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.filter(title="lon.pdf").exists()


def _image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    PILImage.radial_gradient("L").convert("RGB").save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "kind"), [("anh.gif", "GIF"), ("anh.png", "PNG"), ("anh.jpg", "JPEG")]
)
@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_a_truncated_image_is_a_form_error(admin_client, name, kind, keep):
    """Finding: a cut-off GIF, PNG or JPEG was a 500 (UnidentifiedImageError, or an error
    while rendering the thumbnail); it is the form again, with the reason, and nothing saved."""
    whole = _image_bytes(kind)
    response = upload_image(
        admin_client, name, whole[: int(len(whole) * keep)], f"image/{kind.lower()}"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.filter(title=name).exists()


def test_a_truncated_image_in_the_multiple_uploader_is_an_error(admin_client):
    whole = _image_bytes("PNG")
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("cut.png", whole[: len(whole) // 2], "image/png")},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()
