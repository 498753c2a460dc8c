"""The request sets of each scenario, drawn (seeded) from the bench data: the same pages and
filters for this project, the stock Wagtail API and nginx."""

import random
from dataclasses import dataclass, field

from wagtail.models import Site

from news.models import NewsCategory, NewsIndexPage, NewsPage
from procedures.models import ProcedurePage

from .generator import HOST_SUFFIX
from .urls import STOCK_PREFIX

NEWS_FIELDS = "summary,published_at,featured_image_thumbnail"
PROCEDURE_FIELDS = "code,sector,online_level,levels"

# Typical citizen queries, with and without diacritics (people often type without).
QUERIES = [
    "đăng ký khai sinh",
    "dang ky khai sinh",
    "cấp giấy phép xây dựng",
    "giay phep xay dung",
    "chứng thực bản sao",
    "chung thuc ban sao",
    "đăng ký kết hôn",
    "dang ky ket hon",
    "lý lịch tư pháp",
    "ly lich tu phap",
    "hộ kinh doanh",
    "ho kinh doanh",
    "công nghệ thông tin",
    "cong nghe thong tin",
    "bảo trợ xã hội",
    "tuyen sinh",
]
PREFIXES = ["đăng k", "dang k", "cấp gi", "chung th", "hộ ki", "giay ph", "ly li", "tuyen"]


@dataclass
class Scenario:
    """One measured request mix: (host, path) lines per target."""

    name: str
    title: str
    targets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def _site_hosts() -> dict[str, str]:
    """Root page path -> hostname of every bench site."""
    sites = Site.objects.filter(hostname__endswith=f".{HOST_SUFFIX}").select_related("root_page")
    return {site.root_page.path: site.hostname for site in sites}


def _host_for(path: str, hosts: dict[str, str]) -> str:
    return next(host for root, host in hosts.items() if path.startswith(root))


def api_scenarios(count: int, seed: int) -> list[Scenario]:
    rng = random.Random(seed)
    hosts = _site_hosts()
    # Ordered, so that a seed draws the same requests from the same data.
    pages = [
        row
        for model in (NewsPage, ProcedurePage)
        for row in model.objects.filter(url_path__contains="/bench")
        .order_by("pk")
        .values_list("pk", "path")
    ]
    picked = rng.sample(pages, min(count, len(pages)))
    detail = Scenario("detail", "Chi tiết trang (tin bài, thủ tục)")
    detail.targets["project"] = [(_host_for(p, hosts), f"/api/v2/pages/{pk}/") for pk, p in picked]
    detail.targets["stock"] = [
        (_host_for(p, hosts), f"/{STOCK_PREFIX}pages/{pk}/") for pk, p in picked
    ]

    news = Scenario("news", "Danh sách tin theo chuyên mục")
    indexes = {i.path: i.pk for i in NewsIndexPage.objects.filter(url_path__contains="/bench")}
    categories = list(
        NewsCategory.objects.filter(site__hostname__endswith=HOST_SUFFIX)
        .select_related("site__root_page")
        .order_by("site__hostname", "slug")
    )
    project, stock = [], []
    for category in (rng.choice(categories) for _ in range(count)):
        root = category.site.root_page.path
        index_id = next(pk for path, pk in indexes.items() if path.startswith(root))
        offset = rng.choice([0, 0, 0, 10, 20])
        common = f"fields={NEWS_FIELDS}&order=-published_at&limit=10&offset={offset}"
        project.append(
            (
                category.site.hostname,
                f"/api/v2/pages/?type=news.NewsPage&category={category.slug}&{common}",
            )
        )
        # Stock Wagtail cannot filter by a category slug: the nearest stock filter is the
        # site's news section, which is a larger set to sort.
        stock.append(
            (
                category.site.hostname,
                f"/{STOCK_PREFIX}pages/?type=news.NewsPage&child_of={index_id}&{common}",
            )
        )
    news.targets = {"project": project, "stock": stock}

    procedures = Scenario("procedures", "Thủ tục theo lĩnh vực")
    pairs = list(
        ProcedurePage.objects.filter(url_path__contains="/bench")
        .values_list("path", "sector_id", "sector__slug")
        .order_by("path")
        .distinct()[:5000]
    )
    project, stock = [], []
    for path, sector_id, slug in (rng.choice(pairs) for _ in range(count)):
        host = _host_for(path, hosts)
        common = f"fields={PROCEDURE_FIELDS}&limit=20"
        project.append(
            (host, f"/api/v2/pages/?type=procedures.ProcedurePage&sector={slug}&{common}")
        )
        stock.append(
            (
                host,
                f"/{STOCK_PREFIX}pages/?type=procedures.ProcedurePage&sector={sector_id}&{common}",
            )
        )
    procedures.targets = {"project": project, "stock": stock}
    return [detail, news, procedures]


def spanning_scenario(count: int, seed: int) -> Scenario:
    """Every site's news, newest first (`site=*`: the portal's home page), from any bench
    host, a few pages deep, half of them in a category (categories are per site: a slug
    names the category of that name on every site)."""
    rng = random.Random(seed)
    hosts = sorted(_site_hosts().values())
    slugs = sorted(
        set(
            NewsCategory.objects.filter(site__hostname__endswith=HOST_SUFFIX).values_list(
                "slug", flat=True
            )
        )
    )
    scenario = Scenario("news_all", "Tin của mọi trang, mới nhất trước (site=*)")
    lines = []
    for _ in range(count):
        offset = rng.choice([0, 0, 0, 10, 20])
        common = f"fields={NEWS_FIELDS}&order=-published_at&limit=10&offset={offset}"
        category = f"&category={rng.choice(slugs)}" if slugs and rng.random() < 0.5 else ""
        lines.append(
            (rng.choice(hosts), f"/api/v2/pages/?type=news.NewsPage&site=*{category}&{common}")
        )
    scenario.targets["project"] = lines
    return scenario


def search_scenarios(seed: int) -> list[Scenario]:
    from urllib.parse import quote

    rng = random.Random(seed)
    hosts = sorted(_site_hosts().values())
    site_queries = [(rng.choice(hosts), q) for q in QUERIES for _ in range(4)]
    search = Scenario("search", "Tìm kiếm trong một trang (có dấu và không dấu)")
    search.targets["project"] = [(h, f"/api/v2/search/?q={quote(q)}") for h, q in site_queries]
    search.targets["database"] = [
        (h, f"/{STOCK_PREFIX}pages/?search={quote(q)}") for h, q in site_queries
    ]
    everywhere = Scenario("search_all", "Tìm kiếm trên mọi trang (site=*)")
    everywhere.targets["project"] = [
        (hosts[0], f"/api/v2/search/?q={quote(q)}&site=*") for q in QUERIES
    ]
    suggest = Scenario("suggest", "Gợi ý khi gõ (suggest)")
    suggest.targets["project"] = [
        (rng.choice(hosts), f"/api/v2/search/suggest/?q={quote(p)}") for p in PREFIXES
    ]
    return [search, everywhere, _document_search(rng, hosts), suggest]


def _document_search(rng: random.Random, hosts: list[str]) -> Scenario:
    """Forms and files looked for by their title's words, mostly without diacritics, as
    citizens type them ("mau to khai ..."), on every site."""
    from urllib.parse import quote

    from wagtail.documents import get_document_model

    from search.text import fold

    titles = sorted(get_document_model().objects.values_list("title", flat=True))
    picked = rng.sample(titles, min(len(titles), 40))
    queries = [
        " ".join((fold(title) if number % 4 else title).split()[:7])
        for number, title in enumerate(picked)
    ]
    scenario = Scenario("search_documents", "Tìm biểu mẫu, tệp đính kèm (type=document)")
    scenario.targets["project"] = [
        (rng.choice(hosts), f"/api/v2/search/?q={quote(q)}&type=document&site=*") for q in queries
    ]
    return scenario
