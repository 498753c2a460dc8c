"""Demo content: the 2013 article and the agencies' news, the 119 procedures distributed to
the agencies that carry them out, and legal documents linked from their legal bases.

The data files live in `demo/data/` (DATA_DIR): the repository needs nothing beside it.
"""

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Site

from demo.files import attach_demo_files
from demo.legal_documents import (
    create_demo_legal_documents,
    ensure_legal_document_index,
    link_legal_basis,
)
from demo.news import NewsReport, load_stories
from demo.participation import load_participation
from news.importers import import_news_file
from procedures.importers import import_procedures

DATA_DIR = Path(__file__).resolve().parent / "data"
SAMPLE_ARTICLE = Path("news") / "bacninh-2013-04-17-ban-chi-dao-cntt.txt"
SAMPLE_PROCEDURES = Path("procedures") / "procedures-full.json"
DEMO_STORIES = Path("news") / "stories.json"

# Which demo site publishes a procedure, by the agency that carries it out. Commune-level
# procedures go to every ward; what no demo department handles stays on the portal.
AGENCY_SITES = {
    "Sở Tài chính": ["stc"],
    "Sở Xây dựng": ["sxd"],
    "Sở Tư pháp": ["stp"],
    "Sở Nội vụ": ["snv"],
}
WARDS = ["pkinhbac", "pvocuong"]
PORTAL = "portal"


@dataclass
class ContentReport:
    procedures: dict[str, str] = field(default_factory=dict)
    news: str = ""
    stories: NewsReport = field(default_factory=NewsReport)
    legal_documents: int = 0
    legal_links: int = 0
    # (legal documents given their PDF, procedures' dossier components given their form)
    files: tuple[int, int] = (0, 0)
    questions_answered: int = 0


def sites_for_procedure(row: dict) -> list[str]:
    """The demo site slugs that publish this sample procedure."""
    if "xa" in row.get("levels", []):
        return WARDS
    return AGENCY_SITES.get(row.get("agency", ""), [PORTAL])


def distribute_procedures(rows: list[dict]) -> dict[str, list[dict]]:
    by_site: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        for slug in sites_for_procedure(row):
            by_site[slug].append(row)
    return dict(by_site)


def load_procedures(
    sites: dict[str, Site], report: ContentReport, keep: Callable[[dict], bool] | None = None
) -> None:
    """Import each site's share of the sample procedures (those `keep` accepts, if given);
    sites not given are left out."""
    source = DATA_DIR / SAMPLE_PROCEDURES
    rows = json.loads(source.read_text(encoding="utf-8"))["procedures"]
    with tempfile.TemporaryDirectory() as tmp:
        for slug, site_rows in distribute_procedures(list(filter(keep, rows))).items():
            if slug not in sites:
                continue
            part = Path(tmp) / f"{slug}.json"
            part.write_text(
                json.dumps({"procedures": site_rows}, ensure_ascii=False), encoding="utf-8"
            )
            report.procedures[slug] = import_procedures(part, sites[slug]).summary()


def load_legal_documents(portal: Site, sites: dict[str, Site], report: ContentReport) -> None:
    report.legal_documents = len(create_demo_legal_documents(ensure_legal_document_index(portal)))
    report.legal_links = sum(link_legal_basis(site) for site in sites.values())


def load_content(sites: dict[str, Site]) -> ContentReport:
    """Import the samples into the demo sites (keyed by agency slug); safe to re-run."""
    report = ContentReport()
    if "stttt" in sites:  # merged into Sở KH&CN by the 2025 plan (make reorganise-demo)
        report.news = import_news_file(DATA_DIR / SAMPLE_ARTICLE, sites["stttt"]).summary()
    report.stories = load_stories(sites, DATA_DIR / DEMO_STORIES)
    load_procedures(sites, report)
    load_legal_documents(sites[PORTAL], sites, report)
    report.files = attach_demo_files(sites[PORTAL])
    feature_procedures(sites)
    ensure_site_settings(sites)
    report.questions_answered = load_participation(sites)
    return report


PORTAL_FOOTER_LINKS = [
    {
        "title": "Cổng Dịch vụ công quốc gia",
        "subtitle": "Nộp hồ sơ, tra cứu kết quả thủ tục hành chính trực tuyến",
        "url": "https://dichvucong.gov.vn/",
    },
    {
        "title": "Chính sách pháp luật Việt Nam",
        "subtitle": "Văn bản quy phạm pháp luật được cập nhật thường xuyên",
        "url": "https://vbpl.vn/",
    },
    {
        "title": "Cổng thông tin điện tử Chính phủ",
        "subtitle": "Thông tin chỉ đạo, điều hành của Chính phủ",
        "url": "https://chinhphu.vn/",
    },
]
FEATURED_PER_SITE = 3


def ensure_site_settings(sites: dict[str, Site]) -> None:
    """Contact details and footer links, filled only where the site's admins left them empty."""
    from sites.models import SiteSettings

    for slug, site in sites.items():
        settings_obj = SiteSettings.for_site(site)
        if settings_obj.email:
            continue
        settings_obj.display_name = site.site_name
        settings_obj.email = f"{slug}@bacninh.localhost"
        settings_obj.working_hours = "Thứ hai – thứ sáu: 7h30–11h30, 13h30–17h00"
        if slug == PORTAL:
            settings_obj.address = "Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh"
            settings_obj.footer_links = [("link", link) for link in PORTAL_FOOTER_LINKS]
        settings_obj.save()


def feature_procedures(sites: dict[str, Site]) -> None:
    """Feature each site's first few procedures (by code) on its home page, once."""
    from procedures.models import ProcedurePage

    for site in sites.values():
        procedures = ProcedurePage.objects.live().descendant_of(site.root_page)
        if procedures.filter(featured=True).exists():
            continue
        for page in procedures.order_by("code")[:FEATURED_PER_SITE]:
            page.featured = True
            page.save_revision().publish()
