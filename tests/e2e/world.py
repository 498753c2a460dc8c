"""The world of the browser tests, built in the live server's database by the project's own
code: the demo loader's sites and accounts, its procedure import and the sample article.

Only the sites the scenarios need are loaded (the full demo takes minutes). Runs in a
subprocess (`manage.py shell -c "from tests.e2e.world import build; build()"`) with the
server's settings, so that everything is committed where the server reads it.
"""

import os
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from demo.content import DATA_DIR, SAMPLE_ARTICLE, ContentReport, load_procedures
from demo.loader import load_sites_and_accounts
from news.importers import import_news_file
from search.rebuild import rebuild
from sites.models import Agency

# sxd: the editors' own site; stp: the other agency they must not see; pkinhbac: a ward,
# which carries the commune-level procedures (đăng ký khai sinh…).
SITES = ["sxd", "stp", "pkinhbac"]

# Media each agency already has in its collection: (slug, title, colour).
IMAGES = [
    ("sxd", "Công trường cầu Như Nguyệt", (180, 90, 40)),
    ("sxd", "Lễ khởi công khu nhà ở xã hội", (40, 120, 180)),
    ("sxd", "Nghiệm thu công trình trường học", (60, 160, 90)),
    ("stp", "Hội nghị phổ biến pháp luật Sở Tư pháp", (150, 40, 120)),
]
DOCUMENTS = [("sxd", "Mẫu đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)")]


def _procedure_wanted(row: dict) -> bool:
    # Of the commune-level procedures (a ward gets 41), the civil-status ones are enough.
    return "xa" not in row.get("levels", []) or row.get("sector") == "Hộ tịch"


def _media_collection(agency: Agency, name: str) -> Collection:
    parent = Collection.objects.get(name=agency.name)
    return parent.get_children().get(name=name)


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (960, 540), colour).save(buffer, "PNG")
    return buffer.getvalue()


def seed_media() -> None:
    for slug, title, colour in IMAGES:
        agency = Agency.objects.get(slug=slug)
        Image.objects.create(
            title=title,
            file=ImageFile(BytesIO(_png(colour)), name=f"{slug}-{colour[0]}.png"),
            collection=_media_collection(agency, "Hình ảnh"),
        )
    for slug, title in DOCUMENTS:
        agency = Agency.objects.get(slug=slug)
        Document.objects.create(
            title=title,
            file=ContentFile(b"Mau don de nghi cap giay phep xay dung\n", name="mau-01.txt"),
            collection=_media_collection(agency, "Tài liệu"),
        )


def build() -> None:
    # An empty index first: the world's pages then reach it through the sync tasks their
    # publishing queues, like any page published in the admin.
    rebuild()
    _build_content()


@transaction.atomic
def _build_content() -> None:
    port = int(os.environ["DEMO_PORT"])
    result = load_sites_and_accounts(port, os.environ.get("DEMO_PASSWORD", "demo"), SITES)
    sites = {
        agency.slug: agency.site
        for agency in Agency.objects.filter(site__in=result.sites).select_related("site")
    }
    load_procedures(sites, ContentReport(), keep=_procedure_wanted)
    import_news_file(DATA_DIR / SAMPLE_ARTICLE, sites["sxd"])
    seed_media()
