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
