"""Fixtures of the news tests: the sample article, news sections and pages on two sites."""

import io
from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from demo.content import DATA_DIR
from news.dates import LOCAL_TZ
from news.models import NewsIndexPage, NewsPage

SAMPLE_NAME = "bacninh-2013-04-17-ban-chi-dao-cntt.txt"


@pytest.fixture
def sample_path() -> Path:
    return DATA_DIR / "news" / SAMPLE_NAME


def _add_index(site) -> NewsIndexPage:
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc", intro="Tin hoạt động")
    site.root_page.add_child(instance=index)
    return index


@pytest.fixture
def portal(two_sites):
    return two_sites[0]


@pytest.fixture
def agency(two_sites):
    return two_sites[1]


@pytest.fixture
def portal_news_index(portal) -> NewsIndexPage:
    return _add_index(portal)


@pytest.fixture
def agency_news_index(agency) -> NewsIndexPage:
    return _add_index(agency)


@pytest.fixture
def make_news():
    """make_news(index, title, day=1, live=True, **fields) → a NewsPage, published or draft."""

    def make(index, title: str, day: int = 1, live: bool = True, **fields) -> NewsPage:
        page = NewsPage(
            title=title,
            published_at=datetime(2024, 5, day, 8, 30, tzinfo=LOCAL_TZ),
            live=False,
            **fields,
        )
        index.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        return page

    return make


def make_png(width: int = 64, height: int = 48, color: str = "red") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Ảnh hội nghị",
        file=ImageFile(io.BytesIO(make_png(800, 450)), name="hoi-nghi.png"),
    )
