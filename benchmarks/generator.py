"""Bulk bench data: N provisioned agency sites, each with M published news and procedure
pages written straight into the page tree (materialised paths computed here), so that
100k pages take minutes, not the hours that saving them one by one through Wagtail would.

Deterministic for a given seed: the same titles, bodies, dates and relations every time.
"""

import io
import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.text import slugify
from PIL import Image as PILImage
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from procedures.choices import OnlineLevel, TimeUnit
from procedures.models import (
    DossierComponent,
    LegalBasis,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedurePage,
    Sector,
)
from sites.models import Agency
from sites.provisioning import provision_agency_site

from .copying import copy_insert, reserve_ids
from .vocabulary import Vocabulary, load_vocabulary

NEWS_SHARE = 0.8  # a site's pages: mostly news, a few hundred procedures
IMAGES = 12
CATEGORIES = ["Tin hoạt động", "Chỉ đạo điều hành", "Cải cách hành chính", "Thông báo", "Sự kiện"]
TAGS = ["chuyển đổi số", "dịch vụ công", "cải cách hành chính", "đầu tư", "giáo dục", "y tế"]
HOST_SUFFIX = "bench.localhost"
EPOCH = datetime(2021, 1, 1, tzinfo=UTC)  # news spread over the five years that follow


@dataclass
class BenchSite:
    slug: str
    site: Site
    news_index: Page
    procedure_index: Page


def site_slug(number: int) -> str:
    return f"bench{number:03d}"


def bench_hostname(slug: str) -> str:
    return f"{slug}.{HOST_SUFFIX}"


def _ensure_site(number: int) -> BenchSite:
    slug = site_slug(number)
    commune = number % 4 == 0  # a quarter communes/wards, the rest departments
    result = provision_agency_site(
        name=f"{'Phường' if commune else 'Sở'} Thử tải {number:03d}",
        slug=slug,
        hostname=bench_hostname(slug),
        kind=Agency.Kind.COMMUNE_WARD if commune else Agency.Kind.DEPARTMENT,
    )
    root = result.site.root_page
    return BenchSite(
        slug=slug,
        site=result.site,
        news_index=NewsIndexPage.objects.child_of(root).get(),
        procedure_index=ProcedureIndexPage.objects.child_of(root).get(),
    )


def _ensure_images(rng: random.Random) -> list:
    image_model = get_image_model()
    collection = Collection.get_first_root_node()
    images = list(image_model.objects.filter(title__startswith="Ảnh thử tải").order_by("pk"))
    for number in range(len(images), IMAGES):
        buffer = io.BytesIO()
        colour = tuple(rng.randrange(256) for _ in range(3))
        PILImage.new("RGB", (1600, 900), colour).save(buffer, "JPEG", quality=70)
        images.append(
            image_model.objects.create(
                title=f"Ảnh thử tải {number + 1}",
                collection=collection,
                file=ImageFile(buffer, name=f"bench-{number + 1}.jpg"),
            )
        )
    return images


def _ensure_sectors(vocabulary: Vocabulary) -> list[Sector]:
    sectors = []
    for name in vocabulary.sectors:
        sector = Sector.objects.filter(name=name).first()
        if sector is None:
            sector = Sector.objects.create(name=name, slug=slugify(name.replace("đ", "d")))
        sectors.append(sector)
    return sectors


def _page_fields(parent: Page, position: int, title: str, slug: str, when: datetime) -> dict:
    return {
        "path": Page._get_path(parent.path, parent.depth + 1, position),
        "depth": parent.depth + 1,
        "numchild": 0,
        "title": title,
        "draft_title": title,
        "slug": slug,
        "url_path": f"{parent.url_path}{slug}/",
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": when,
        "last_published_at": when,
        "latest_revision_created_at": when,
        "search_description": "",
    }


class Generator:
    def __init__(self, seed: int, vocabulary: Vocabulary | None = None):
        self.seed = seed
        self.rng = random.Random(seed)
        self.vocabulary = vocabulary or load_vocabulary()

    @cached_property
    def locale(self) -> Locale:
        return Locale.get_default()

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _insert(self, model: type[Page], parent: Page, rows: list[tuple[dict, dict]]) -> list:
        """Insert page rows under `parent`: the base rows, then the specific rows."""
        content_type = ContentType.objects.get_for_model(model)
        start = parent.numchild
        ids = reserve_ids(Page, len(rows))
        pages = []
        for i, (base, extra) in enumerate(rows):
            page = model(
                id=ids[i],
                page_ptr_id=ids[i],
                **_page_fields(parent, start + i + 1, **base),
                content_type=content_type,
                locale=self.locale,
                translation_key=self._uuid(),
                **extra,
            )
            pages.append(page)
        copy_insert(Page, pages)
        copy_insert(model, pages, local_only=True)
        Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
        parent.numchild = start + len(rows)
        return pages

    def news_rows(self, count: int, images: list) -> list[tuple[dict, dict]]:
        rng, vocab = self.rng, self.vocabulary
        rows = []
        for _ in range(count):
            when = EPOCH + timedelta(seconds=rng.randrange(5 * 365 * 86400))
            title = vocab.news_title(rng, when.year)
            body = [
                {"type": "paragraph", "value": f"<p>{vocab.paragraph(rng, 3)}</p>"}
                for _ in range(rng.randint(2, 4))
            ]
            image = rng.choice(images)
            body.insert(
                1,
                {
                    "type": "image",
                    "value": {"image": image.pk, "alt_text": title[:200], "caption": ""},
                },
            )
            rows.append(
                (
                    {
                        "title": title,
                        "slug": f"{slugify(title)[:60]}-{self._uuid().hex[:8]}",
                        "when": when,
                    },
                    {
                        "summary": vocab.paragraph(rng, 1),
                        "published_at": when,
                        "featured_image_id": image.pk,
                        "featured_image_caption": title[:200],
                        "body": json.dumps(body, ensure_ascii=False),
                        "author": rng.choice(["T.D", "P.V", "BBT", "N.H"]),
                        "feature_on_portal": rng.random() < 0.05,
                    },
                )
            )
        return rows

    def procedure_rows(self, count: int, sectors: dict[str, Sector]) -> list[tuple[dict, dict]]:
        rng, vocab = self.rng, self.vocabulary
        rows = []
        for number in range(count):
            sample = rng.choice(vocab.procedures)
            levels = sample.get("levels", [])
            when = EPOCH + timedelta(days=rng.randrange(5 * 365))
            code = f"{sample['code']}.{number:04d}.H04"
            title = sample["name"][:250]
            steps = [
                {
                    "type": "step",
                    "value": {
                        "case": "",
                        "title": f"Bước {n}",
                        "body": f"<p>{vocab.paragraph(rng, 2)}</p>",
                    },
                }
                for n in range(1, rng.randint(3, 5))
            ]
            rows.append(
                (
                    {"title": title, "slug": f"{slugify(title)[:60]}-{number}", "when": when},
                    {
                        "code": code,
                        "full_name": "",
                        "sector_id": sectors[sample["sector"]].pk,
                        "level_ministry": "bo" in levels,
                        "level_province": "tinh" in levels,
                        "level_commune": "xa" in levels or not levels,
                        "implementing_agency": sample.get("agency", ""),
                        "implementing_body": sample.get("implementing_body", ""),
                        "where_to_submit": f"<p>{vocab.paragraph(rng, 1)}</p>",
                        "steps": json.dumps(steps, ensure_ascii=False),
                        "submit_in_person": True,
                        "submit_online": sample.get("online_service") != "khong",
                        "submit_postal": rng.random() < 0.5,
                        "dossier_sets": 1,
                        "dossier_note": "",
                        "processing_time_value": rng.choice([3, 5, 7, 10, 15, 20]),
                        "processing_time_unit": TimeUnit.WORKING_DAYS,
                        "processing_time_note": "",
                        "applicants": "Công dân Việt Nam, tổ chức, doanh nghiệp",
                        "result": vocab.paragraph(rng, 1)[:500],
                        "fees_note": "",
                        "conditions": f"<p>{vocab.paragraph(rng, 1)}</p>",
                        "legal_basis_note": "",
                        "online_level": sample.get("online_service", OnlineLevel.NONE),
                        "national_portal_url": "",
                        "effective_date": date(2021, 1, 1) + timedelta(days=rng.randrange(1800)),
                        "status": "con_hieu_luc",
                        "notes": "",
                        "featured": rng.random() < 0.02,
                    },
                )
            )
        return rows

    def _relations_news(self, site: Site, pages: list[NewsPage]) -> None:
        categories = [
            NewsCategory.objects.get_or_create(
                site=site, slug=slugify(name.replace("đ", "d")), defaults={"name": name}
            )[0]
            for name in CATEGORIES
        ]
        tags = [
            Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
            for name in TAGS
        ]
        through = NewsPage.categories.through
        copy_insert(
            through,
            [
                through(newspage_id=p.pk, newscategory_id=self.rng.choice(categories).pk)
                for p in pages
            ],
        )
        copy_insert(
            NewsPageTag,
            [NewsPageTag(content_object_id=p.pk, tag_id=self.rng.choice(tags).pk) for p in pages],
        )

    def _relations_procedures(self, pages: list[ProcedurePage]) -> None:
        rng, vocab = self.rng, self.vocabulary
        components, fees, legal = [], [], []
        for page in pages:
            for order in range(rng.randint(2, 4)):
                components.append(
                    DossierComponent(
                        page_id=page.pk,
                        sort_order=order,
                        name=vocab.paragraph(rng, 1)[:300],
                        originals=1,
                        copies=rng.randint(0, 2),
                    )
                )
            fees.append(
                ProcedureFee(
                    page_id=page.pk,
                    sort_order=0,
                    description="Lệ phí",
                    amount=rng.choice([0, 50000, 100000, 200000]),
                )
            )
            legal.append(
                LegalBasis(
                    page_id=page.pk,
                    sort_order=0,
                    document_number=f"{rng.randint(1, 200)}/2023/NĐ-CP",
                    title=vocab.paragraph(rng, 1)[:900],
                )
            )
        copy_insert(DossierComponent, components)
        copy_insert(ProcedureFee, fees)
        copy_insert(LegalBasis, legal)

    @transaction.atomic
    def fill_site(self, bench: BenchSite, pages: int, images: list, sectors: dict) -> list[int]:
        """Add `pages` pages to one site; returns their ids."""
        # Seeded per site and fill level: the same data whatever the order of the runs.
        self.rng = random.Random(f"{self.seed}:{bench.slug}:{bench.news_index.numchild}")
        news_count = round(pages * NEWS_SHARE)
        news = self._insert(NewsPage, bench.news_index, self.news_rows(news_count, images))
        self._relations_news(bench.site, news)
        procedures = self._insert(
            ProcedurePage, bench.procedure_index, self.procedure_rows(pages - news_count, sectors)
        )
        self._relations_procedures(procedures)
        return [p.pk for p in news + procedures]


def bench_sites() -> list[Site]:
    return list(Site.objects.filter(hostname__endswith=f".{HOST_SUFFIX}").order_by("hostname"))


def generate(sites: int, pages: int, seed: int, progress=None) -> int:
    """Create the bench sites and fill each up to `pages` content pages. Idempotent for the
    same arguments: sites that are already full are left alone."""
    generator = Generator(seed)
    images = _ensure_images(generator.rng)
    sectors = {sector.name: sector for sector in _ensure_sectors(generator.vocabulary)}
    created = 0
    for number in range(1, sites + 1):
        bench = _ensure_site(number)
        existing = bench.news_index.numchild + bench.procedure_index.numchild
        if existing < pages:
            created += len(generator.fill_site(bench, pages - existing, images, sectors))
        if progress:
            progress(number, created)
    return created
