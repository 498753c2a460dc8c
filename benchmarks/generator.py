"""Bulk bench data: N provisioned agency sites, each with M published news and procedure
pages written straight into the page tree (materialised paths computed here), so that
100k pages take minutes, not the hours that saving them one by one through Wagtail would.

Deterministic for a given seed: a site's pages come in chunks of CHUNK pages, each drawn
from its own seeded generator, and page ids are reserved in a fixed order before the chunks
are written (in several processes). So a site filled to 2000 pages at once holds the same
pages as one filled to 1000 and later to 2000, which lets a larger dataset start as a copy
of a smaller one.
"""

import io
import json
import multiprocessing
import random
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, connections, transaction
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
from sites.bulk_provisioning import SiteSpec, provision_agency_sites
from sites.bulk_provisioning.tree import copy_rows, reserve_ids
from sites.models import Agency

from .admin_data import ensure_admin_data
from .vocabulary import Vocabulary, load_vocabulary

NEWS_SHARE = 0.8  # a site's pages: mostly news, a few hundred procedures
IMAGES = 12
CATEGORIES = ["Tin hoạt động", "Chỉ đạo điều hành", "Cải cách hành chính", "Thông báo", "Sự kiện"]
TAGS = ["chuyển đổi số", "dịch vụ công", "cải cách hành chính", "đầu tư", "giáo dục", "y tế"]
HOST_SUFFIX = "bench.localhost"
EPOCH = datetime(2021, 1, 1, tzinfo=UTC)  # news spread over the five years that follow
CHUNK = 1000  # pages drawn from one seeded generator; a larger dataset extends whole chunks
# Bumped when the generated data changes, so that kept datasets are rebuilt (datasets.py).
VERSION = 4  # 4: generated PDF and DOCX files (benchmarks.documents)


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


def _spec(number: int) -> SiteSpec:
    slug = site_slug(number)
    commune = number % 4 == 0  # a quarter communes/wards, the rest departments
    return SiteSpec(
        name=f"{'Phường' if commune else 'Sở'} Thử tải {number:03d}",
        slug=slug,
        hostname=bench_hostname(slug),
        kind=Agency.Kind.COMMUNE_WARD if commune else Agency.Kind.DEPARTMENT,
    )


def _ensure_sites(count: int) -> list[BenchSite]:
    """Sites 1..count, provisioned in bulk (the same result as the one-site service, see
    tests/sites/test_bulk_provisioning.py); those already complete are left as they are."""
    results = provision_agency_sites([_spec(number) for number in range(1, count + 1)])
    # Every site's two sections in two queries, by their home page's path.
    sections: dict[str, dict[str, Page]] = {}
    for model, key in ((NewsIndexPage, "news"), (ProcedureIndexPage, "procedures")):
        for page in model.objects.filter(depth=3).only("path", "numchild"):
            sections.setdefault(page.path[: -Page.steplen], {})[key] = page
    return [
        BenchSite(
            slug=result.agency.slug,
            site=result.site,
            news_index=sections[result.site.root_page.path]["news"],
            procedure_index=sections[result.site.root_page.path]["procedures"],
        )
        for result in results
    ]


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

    def _insert(
        self, model: type[Page], parent: Page, rows: list[tuple[dict, dict]], ids: list[int]
    ) -> list:
        """Insert page rows under `parent` with the given ids: the base rows, then the
        specific rows."""
        content_type = ContentType.objects.get_for_model(model)
        start = parent.numchild
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
        copy_rows(Page, pages)
        copy_rows(model, pages, local_only=True)
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

    def procedure_rows(
        self, count: int, sectors: dict[str, Sector], start: int = 0
    ) -> list[tuple[dict, dict]]:
        """`start`: the procedures already in the section (codes and slugs stay unique)."""
        rng, vocab = self.rng, self.vocabulary
        rows = []
        for number in range(start, start + count):
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
        tags = _ensure_tags()
        through = NewsPage.categories.through
        copy_rows(
            through,
            [
                through(newspage_id=p.pk, newscategory_id=self.rng.choice(categories).pk)
                for p in pages
            ],
        )
        copy_rows(
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
        copy_rows(DossierComponent, components)
        copy_rows(ProcedureFee, fees)
        copy_rows(LegalBasis, legal)

    @transaction.atomic
    def fill_chunk(self, chunk: "Chunk", images: list, sectors: dict) -> int:
        """Write one chunk of a site's pages; returns how many."""
        self.rng = random.Random(f"{self.seed}:{chunk.slug}:{chunk.number}")
        site = Site.objects.get(pk=chunk.site_id)
        news_index = Page.objects.get(pk=chunk.news_index_id)
        procedure_index = Page.objects.get(pk=chunk.procedure_index_id)
        news_count = round(chunk.pages * NEWS_SHARE)
        news = self._insert(
            NewsPage, news_index, self.news_rows(news_count, images), chunk.ids[:news_count]
        )
        self._relations_news(site, news)
        procedures = self._insert(
            ProcedurePage,
            procedure_index,
            self.procedure_rows(chunk.pages - news_count, sectors, procedure_index.numchild),
            chunk.ids[news_count:],
        )
        self._relations_procedures(procedures)
        return chunk.pages


@dataclass
class Chunk:
    """Pages [number × CHUNK, number × CHUNK + pages) of one site, with their page ids."""

    slug: str
    number: int
    pages: int
    site_id: int
    news_index_id: int
    procedure_index_id: int
    ids: list[int]


def _ensure_tags() -> list[Tag]:
    return [
        Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TAGS
    ]


def fast_session() -> None:
    """Bulk loading: a commit need not wait for the WAL to reach the disk (a crash loses
    the dataset, which is rebuilt anyway: its marker is written last)."""
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")


def _plan(bench: BenchSite, pages: int) -> list[tuple[int, int]]:
    """(chunk number, pages) still missing to fill the site to `pages`."""
    existing = bench.news_index.numchild + bench.procedure_index.numchild
    if existing % CHUNK and existing < pages:
        raise ValueError(
            f"{bench.slug} holds {existing} pages, not a whole number of {CHUNK}-page chunks: "
            "build this dataset from scratch"
        )
    return [(start // CHUNK, min(CHUNK, pages - start)) for start in range(existing, pages, CHUNK)]


_worker_state: dict = {}


def _init_worker(seed: int, images: list[int], sectors: list[int]) -> None:
    connections.close_all()  # never share the parent's connection
    fast_session()
    image_model = get_image_model()
    _worker_state["generator"] = Generator(seed)
    _worker_state["images"] = list(image_model.objects.filter(pk__in=images).order_by("pk"))
    _worker_state["sectors"] = {s.name: s for s in Sector.objects.filter(pk__in=sectors)}


def _fill(chunks: list[Chunk]) -> tuple[str, int]:
    state = _worker_state
    done = sum(state["generator"].fill_chunk(c, state["images"], state["sectors"]) for c in chunks)
    return chunks[0].slug, done


def _drop_pending_syncs() -> None:
    """The search syncs that provisioning queued: a bench dataset is indexed by
    `search_rebuild`, and a thousand sites' worth of them (7,000 tasks) kept the first
    measured publish waiting behind them."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.ready().filter(backend_name="search").delete()


def bench_sites() -> list[Site]:
    return list(Site.objects.filter(hostname__endswith=f".{HOST_SUFFIX}").order_by("hostname"))


def _chunks(bench: BenchSite, pages: int) -> list[Chunk]:
    """The site's missing chunks, with page ids reserved now, in site order: the same ids
    for the same data however the workers' turns fall."""
    plan = _plan(bench, pages)
    ids = reserve_ids(Page, sum(count for _, count in plan)) if plan else []
    chunks, offset = [], 0
    site, news, procedures = bench.site, bench.news_index, bench.procedure_index
    for number, count in plan:
        chunk_ids = ids[offset : offset + count]
        chunks.append(Chunk(bench.slug, number, count, site.pk, news.pk, procedures.pk, chunk_ids))
        offset += count
    return chunks


def generate(
    sites: int,
    pages: int,
    seed: int,
    progress: Callable[[str], None] | None = None,
    workers: int = 1,
) -> int:
    """Create the bench sites and fill each up to `pages` content pages. Idempotent for the
    same arguments: sites that are already full are left alone.

    The sites are provisioned in bulk first (sites.bulk_provisioning: a thousand in
    seconds), then filled by `workers` processes, a site at a time each."""
    say = progress or (lambda line: None)
    fast_session()
    started = time.monotonic()
    generator = Generator(seed)
    images = _ensure_images(generator.rng)
    sectors = {sector.name: sector for sector in _ensure_sectors(generator.vocabulary)}
    _ensure_tags()
    init_args = (seed, [i.pk for i in images], [s.pk for s in sectors.values()])
    created = 0

    def done(result: tuple[str, int]) -> None:
        nonlocal created
        created += result[1]
        say(f"{result[0]}: {created} pages")

    with ExitStack() as stack:
        if workers > 1:
            connections.close_all()  # before the fork: the children open their own
            pool = stack.enter_context(
                multiprocessing.get_context("fork").Pool(workers, _init_worker, init_args)
            )
            fast_session()
        else:
            _init_worker(*init_args)
        pending = []
        benches = _ensure_sites(sites)
        say(f"{sites} sites provisioned in {time.monotonic() - started:.1f} s")
        for bench in benches:
            chunks = _chunks(bench, pages)
            if not chunks:
                continue
            if workers > 1:
                pending.append(pool.apply_async(_fill, (chunks,), callback=done))
            else:
                done(_fill(chunks))
        for result in pending:
            result.get()  # raises a worker's error here
    ensure_admin_data(bench_sites())
    _drop_pending_syncs()
    say(f"{created} pages written in {time.monotonic() - started:.1f} s ({workers} processes)")
    return created
