"""search_rebuild writes exactly the documents the single-page sync writes, restores the
index settings it relaxes for loading, and a failed load leaves the live index serving."""

import json

import pytest
from elasticsearch.helpers import BulkIndexError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from news.models import NewsCategory
from search import indexing, rebuild
from search.client import get_client
from search.documents import ContentDocument, alias_name
from search.indexing import concrete_indices, count_searchable_pages, live_index, source_fields

from .conftest import publish


def _indexed(index: str) -> dict[str, dict]:
    es = get_client()
    es.indices.refresh(index=index)
    hits = es.search(index=index, size=1000, query={"match_all": {}})
    return {hit["_id"]: hit["_source"] for hit in hits["hits"]["hits"]}


@pytest.fixture
def rich_news(world, sync):
    """The world's news page with a StreamField body (rich text, an image block with its
    caption, a quote), an author, categories and tags, published through the sync path."""
    image = get_image_model().objects.create(title="Ảnh hội nghị", file=get_test_image_file())
    news = world.news
    news.author = "Phòng Văn hóa"
    news.body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>Hội nghị&nbsp;<b>trực tuyến</b></p><p>lần 2</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Toàn cảnh", "caption": "Đại biểu dự"},
            },
            {"type": "quote", "value": {"quote": "Chuyển đổi số", "attribution": "Chủ tịch"}},
        ]
    )
    category = NewsCategory.objects.create(site=world.agency, name="Chuyển đổi số", slug="cds")
    news.categories.add(category)
    news.tags.add("Đô thị", "an toàn")
    with sync():
        publish(news)
    return news


def test_rebuild_writes_what_the_sync_wrote(world, rich_news, monkeypatch):
    synced = _indexed(alias_name())
    assert "Đại biểu dự" in synced[str(rich_news.pk)]["body"]
    # Small bulk requests, so that several are in flight and the chunking is exercised.
    monkeypatch.setattr(rebuild, "BULK_DOCS", 3)
    report = rebuild.rebuild()
    rebuilt = _indexed(report.index)
    assert report.documents == len(synced) == count_searchable_pages() > 10
    assert rebuilt == synced
    settings = get_client().indices.get_settings(index=report.index, flat_settings=True)
    settings = settings[report.index]["settings"]
    assert settings["index.refresh_interval"] == "1s"
    assert settings["index.number_of_replicas"] == "0"
    assert "index.translog.durability" not in settings  # back to the default, per request


def test_failed_load_leaves_the_live_index_serving(world, monkeypatch):
    before = live_index()
    build = indexing.build_document

    def broken(*args):
        return {**build(*args), "year": "not a year"}

    monkeypatch.setattr(rebuild, "build_document", broken)
    with pytest.raises(BulkIndexError):
        rebuild.rebuild()
    assert live_index() == before
    assert concrete_indices() == [before]  # the half-filled index is gone
    assert get_client().count(index=alias_name())["count"] == count_searchable_pages()


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Đăng ký", "body": "", "codes": [], "sector": None, "year": 0},
        {"codes": ("1.001612",), "levels": ["xa"], "tags": (), "categories": {}},
        {"page_id": (1, 2), "year": (), "site_id": [], "last_published_at": None},
        {"date": None, "online": "toan_trinh", "url": "http://a.test/", "nothing": None},
    ],
)
def test_source_is_what_the_dsl_serialises(fields):
    assert source_fields(**fields) == ContentDocument(**fields).to_dict(skip_empty=True)


def test_a_page_loaded_some_other_way_gets_the_same_document(rich_news):
    loaded = indexing.public_page(rich_news.pk)
    assert loaded._search_categories  # prefetched into a list, as a rebuild loads it
    document = indexing.build_document(loaded)
    assert document["categories"] == ["cds"] and document["tags"] == ["an toàn", "Đô thị"]
    plain = type(rich_news).objects.get(pk=rich_news.pk)
    assert not hasattr(plain, "_search_categories")
    assert indexing.build_document(plain) == document


def test_a_site_inside_another_site_owns_its_pages(world, sync):
    """A sub-site rooted below another site's root: its pages are its own, in a rebuild
    (nearest root by path) as in a sync (Wagtail's get_site)."""
    legal_index = world.legaldoc.get_parent()
    inner = Site.objects.create(hostname="vanban.bacninh.localhost", root_page=legal_index)
    rows = {pk: site for pk, _, site in indexing.searchable_rows()}
    assert rows[world.legaldoc.pk] == inner
    assert rows[world.news.pk] == world.agency
    assert rows[world.pages["cửa"].pk] == world.portal
    with sync():
        publish(world.legaldoc)
    assert _indexed(alias_name())[str(world.legaldoc.pk)]["site_id"] == inner.pk
    report = rebuild.rebuild()
    assert _indexed(report.index) == _indexed(alias_name())
