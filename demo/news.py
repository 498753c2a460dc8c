"""Demo news of the agencies (`demo/data/news/stories.json`, written for the demo): each
site's categories, and stories with a featured illustration in the agency's "Hình ảnh"
collection, categories and tags. A story already on its site is left as the editors have it."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from wagtail.models import Site
from wagtail.rich_text import RichText

from demo.illustrations import illustration
from news.importers import image_from_bytes
from news.models import NewsIndexPage, NewsPage
from news.snippets import NewsCategory
from sites.models import Agency
from sites.provisioning import IMAGES_COLLECTION, agency_media_collection


@dataclass
class NewsReport:
    created: int = 0
    kept: int = 0


def _categories(site: Site, specs: list[dict]) -> dict[str, NewsCategory]:
    return {
        spec["slug"]: NewsCategory.objects.get_or_create(
            site=site, slug=spec["slug"], defaults={"name": spec["name"]}
        )[0]
        for spec in specs
    }


def _image(story: dict, agency: Agency | None):
    """The story's illustration, found again by its file hash on a re-run."""
    spec = story["image"]
    content = illustration(spec["motif"], spec["palette"], seed=story["slug"])
    collection = agency_media_collection(agency, IMAGES_COLLECTION) if agency else None
    name = f"{story['slug'][:60]}.jpg"
    return image_from_bytes(content, name, spec["caption"], collection)


def load_demo_news(sites: dict[str, Site], data: dict) -> NewsReport:
    """Create the stories of the given sites (keyed by agency slug) that are not there yet."""
    report = NewsReport()
    categories = {slug: _categories(site, data["categories"]) for slug, site in sites.items()}
    for story in data["stories"]:
        site = sites.get(story["site"])
        index = NewsIndexPage.objects.child_of(site.root_page).first() if site else None
        if index is None:
            continue
        if NewsPage.objects.child_of(index).filter(slug=story["slug"]).exists():
            report.kept += 1
            continue
        published_at = parse_datetime(story["published_at"])
        page = NewsPage(
            title=story["title"],
            slug=story["slug"],
            summary=story["summary"],
            published_at=published_at,
            first_published_at=published_at,
            body=[
                ("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in story["paragraphs"]
            ],
            featured_image=_image(story, Agency.objects.filter(site=site).first()),
            featured_image_caption=story["image"]["caption"],
            feature_on_portal=story.get("feature_on_portal", False),
            live=False,
        )
        index.add_child(instance=page)
        page.categories = [categories[story["site"]][story["category"]]]
        page.tags.add(*story["tags"])
        page.save_revision().publish()
        report.created += 1
    return report


def load_stories(sites: dict[str, Site], path: Path) -> NewsReport:
    return load_demo_news(sites, json.loads(path.read_text(encoding="utf-8")))
