"""The participation world: the portal and two provisioned agencies (each with a user per
editorial role), and helpers to post like a citizen."""

import io
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model

from participation.abuse import TOKEN_SALT
from participation.models import ConsultationIndexPage, ConsultationPage, ConsultationQuestion
from participation.models.consultations import ConsultationDocument
from procedures.models import Sector
from tests.search.conftest import (  # noqa: F401 (fixtures: the Q&A tests search)
    search_index,
    session_index_prefix,
    sync,
)
from tests.sites.conftest import make_agency, make_portal

# Personal data of the test citizen: none of these may reach any public output.
NAME = "Trần Thị Bích Ngọc"
EMAIL = "ngoc.bimat@example.test"
PHONE = "0912 345 678"
PRIVATE = (NAME, EMAIL, PHONE, "0912345678", "bimat")


def aged_token(seconds: float = 30) -> str:
    """A form token issued `seconds` ago (a person takes that long to fill the form)."""
    return signing.dumps({"t": time.time() - seconds}, salt=TOKEN_SALT, compress=True)


def question_data(**overrides) -> dict:
    data = {
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "topic": "Cấp phép xây dựng nhà ở riêng lẻ",
        "text": "Tôi muốn xây nhà ba tầng trên đất ở tại phường, cần giấy tờ gì để xin phép?",
        "consent": True,
        "website": "",
        "form_token": aged_token(),
    }
    data.update(overrides)
    return data


def comment_data(**overrides) -> dict:
    data = {
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "text": "Đề nghị bổ sung quy định về thời hạn giải quyết hồ sơ tại khoản 2 Điều 5.",
        "consent": True,
        "website": "",
        "form_token": aged_token(),
    }
    data.update(overrides)
    return data


def host(fixture) -> dict:
    return {"HTTP_HOST": fixture.site.hostname}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def _world(module_db):
    portal = make_portal()
    sector = Sector.objects.create(name="Hoạt động xây dựng", slug="hoat-dong-xay-dung")
    return {
        "portal": portal,
        "own": make_agency("sxd", "Sở Xây dựng"),
        "other": make_agency("stp", "Sở Tư pháp"),
        "sector": sector,
    }


@pytest.fixture
def world(_world, db, settings):
    settings.PARTICIPATION = {**settings.PARTICIPATION}
    return _world


def make_consultation(fixture, *, opens_in: timedelta, closes_in: timedelta, **fields):
    home = fixture.site.root_page
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConsultationIndexPage(title="Lấy ý kiến dự thảo", slug="lay-y-kien")
        home.add_child(instance=index)
        index.save_revision().publish()
    now = timezone.now()
    document = get_document_model().objects.create(
        title="Dự thảo quyết định",
        file=SimpleUploadedFile("du-thao.pdf", pdf_bytes()),
        collection=fixture.result.collection,
    )
    page = ConsultationPage(
        title=fields.pop("title", "Dự thảo Quyết định quy định quản lý cây xanh đô thị"),
        issuing_agency="Sở Xây dựng tỉnh Bắc Ninh",
        summary="<p>Dự thảo quy định việc trồng, chăm sóc và chặt hạ cây xanh đô thị.</p>",
        opens_at=now + opens_in,
        closes_at=now + closes_in,
        **fields,
    )
    page.documents.add(ConsultationDocument(document=document))
    page.questions.add(ConsultationQuestion(text="Ý kiến về phạm vi điều chỉnh?"))
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def limits(settings):
    settings.RATELIMIT_ENABLE = True
    settings.API_RATE_LIMITS = {
        **settings.API_RATE_LIMITS,
        "participation_ip": "2/h",
        "participation_contact": "2/d",
    }
    cache.clear()
    yield
    cache.clear()
