"""Queries compiled once (home.compiled) answer as the querysets they stand for, whatever the
values put in their markers' places; the API's detail URLs and choice labels, built once,
are the ones Django and the models give."""

from datetime import date

import pytest
from django.db import connection, models
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from api.choices import with_labels
from api.links import page_html_url
from api.router import api_router
from home.blocks import ImageBlock
from home.bundled import bundle, readable
from home.compiled import (
    MARKER,
    TEXT_MARKER,
    CompiledQuery,
    related_objects,
    rows_by_id,
    tag_names,
)
from news.models import NewsCategory, NewsPage, NewsPageRelatedPage
from procedures.models import LegalBasis, ProcedureFee, ProcedurePage

pytestmark = pytest.mark.django_db


def test_a_compiled_query_answers_as_its_queryset_for_every_value(world):
    page = world["news_a"]
    page.featured_image = world.media["public_image"]
    page.save(update_fields=["featured_image"])
    query = CompiledQuery(NewsPage.objects.filter(pk=MARKER).select_related("featured_image"))
    for expected in NewsPage.objects.select_related("featured_image"):
        with CaptureQueriesContext(connection) as queries:
            [found] = query.fetch(expected.pk)
            image = found.featured_image  # joined: no query of its own
        assert len(queries.captured_queries) == 1
        assert (found.pk, found.title, found.published_at) == (
            expected.pk,
            expected.title,
            expected.published_at,
        )
        assert image == expected.featured_image
    assert query.fetch(0) == []


def test_a_marker_fits_every_integer_column(world):
    """Wagtail's page id is a 32-bit column: a marker out of its range compiled to a query
    matching nothing, whatever id it was run with."""
    page = Page.objects.get(pk=world["news_b"].pk)
    query = CompiledQuery(Page.objects.filter(pk=MARKER).values_list("title", flat=True))
    assert query.fetch(page.pk) == [page.title]
    types = CompiledQuery(
        Page.objects.filter(pk=MARKER).values_list("pk", "content_type_id"), limited=True
    )
    assert types.fetch(page.pk, limit=5, offset=0) == [(page.pk, page.content_type_id)]
    assert types.fetch(page.pk, limit=5, offset=1) == []


def test_a_text_marker_may_stand_in_several_places(world):
    query = CompiledQuery(
        Page.objects.filter(Q(slug=TEXT_MARKER) | Q(title=TEXT_MARKER)).values_list(
            "pk", flat=True
        ),
        (TEXT_MARKER,),
    )
    assert query.fetch("tin-b") == query.fetch("Tin B") == [world["news_b"].pk]


def test_text_and_several_markers(world):
    query = CompiledQuery(
        NewsCategory.objects.filter(slug=TEXT_MARKER, site_id=MARKER).values_list("pk", flat=True),
        (TEXT_MARKER, MARKER),
    )
    categories = list(NewsCategory.objects.all())
    assert len(categories) >= 2
    for category in categories:
        assert query.fetch(category.slug, category.site_id) == [category.pk]
    assert query.fetch(categories[0].slug, 0) == []


@pytest.mark.parametrize(
    "queryset",
    [
        lambda: NewsPage.objects.filter(title="Tin A"),  # no marker
        lambda: NewsPage.objects.filter(pk=MARKER) | NewsPage.objects.filter(page_ptr=MARKER),
        lambda: NewsPage.objects.filter(pk=MARKER).values("title"),  # dicts: not supported
    ],
)
def test_a_query_that_cannot_be_compiled_once_is_refused(world, queryset):
    with pytest.raises(ValueError):
        CompiledQuery(queryset())


def test_relations_are_listed_as_their_managers_list_them(world):
    page = world["news_a"]
    NewsPageRelatedPage.objects.create(page=page, related_page=world["news_c"], sort_order=1)
    NewsPageRelatedPage.objects.create(page=page, related_page=world["news_b"], sort_order=0)
    page.tags.add("an-toan", "xay-dung")
    for news in NewsPage.objects.all():
        assert related_objects(news, "categories") == list(news.categories.all())
        children = related_objects(news, "related_pages")
        assert children == list(news.related_pages.all())
        with CaptureQueriesContext(connection) as queries:
            assert all(child.page is news for child in children)
        assert queries.captured_queries == []
        expected = news.tags.all().order_by("name").values_list("name", flat=True)
        assert tag_names(news, "tags") == list(expected)
    assert [child.related_page_id for child in related_objects(page, "related_pages")] == [
        world["news_b"].pk,
        world["news_c"].pk,
    ]


def test_relations_held_in_memory_are_left_to_their_managers(world):
    """An editor's unsaved changes (a preview) live on the page object, not in the tables."""
    draft = NewsPage.objects.get(pk=world["news_a"].pk)
    draft.related_pages = [NewsPageRelatedPage(related_page=world["news_c"])]
    draft.categories = list(NewsCategory.objects.all())
    draft.tags.add("ban-nhap")
    assert related_objects(draft, "related_pages") is None
    assert related_objects(draft, "categories") is None
    assert tag_names(draft, "tags") is None
    assert "ban-nhap" in draft.tags.names()
    assert related_objects(NewsPage(title="Chưa lưu"), "categories") is None


def _fields(objects) -> list[dict]:
    return [
        {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
        for obj in objects
    ]


def test_relations_read_with_the_page_are_those_their_managers_list(world):
    """A page's children, categories and tags brought by its own row (home.bundled): the
    same objects, values and order as their own queries give, and no query to read them."""
    page = world["news_a"]
    NewsPageRelatedPage.objects.create(page=page, related_page=world["news_c"], sort_order=1)
    NewsPageRelatedPage.objects.create(page=page, related_page=world["news_b"], sort_order=0)
    page.tags.add("xay-dung", "an-toan")
    procedure = world["proc_tinh"]
    ProcedureFee.objects.create(page=procedure, description="Lệ phí", amount=150000, sort_order=1)
    ProcedureFee.objects.create(page=procedure, description="Phí thẩm định", sort_order=0)
    LegalBasis.objects.create(
        page=procedure, title="Luật Xây dựng", issue_date=date(2014, 6, 18), sort_order=0
    )
    LegalBasis.objects.create(page=procedure, title="Căn cứ chưa có ngày", sort_order=1)
    cases = [
        (NewsPage, ["categories", "related_pages"], ["tags"]),
        (ProcedurePage, ["fees", "legal_basis", "dossier_components"], []),
    ]
    for model, relations, tags in cases:
        for plain in model.objects.all():
            bundled = bundle(model.objects.filter(pk=plain.pk), relations + tags).get()
            expected = {name: list(getattr(plain, name).all()) for name in relations}
            expected_tags = [
                list(getattr(plain, name).order_by("name").values_list("name", flat=True))
                for name in tags
            ]
            with CaptureQueriesContext(connection) as queries:
                found = {name: related_objects(bundled, name) for name in relations}
                found_tags = [tag_names(bundled, name) for name in tags]
            for name in relations:
                assert _fields(found[name]) == _fields(expected[name]), name
                assert [type(obj) for obj in found[name]] == [type(obj) for obj in expected[name]]
            assert found_tags == expected_tags
            assert queries.captured_queries == [], model
    fees = related_objects(
        bundle(ProcedurePage.objects.filter(pk=procedure.pk), ["fees"]).get(), "fees"
    )
    assert [(fee.description, fee.amount) for fee in fees] == [
        ("Phí thẩm định", None),
        ("Lệ phí", 150000),
    ]


@pytest.mark.parametrize(
    ("field", "readable_by_json"),
    [
        (models.FloatField(), False),
        (models.BinaryField(), False),
        (models.DecimalField(max_digits=5, decimal_places=2), True),
        (models.DateTimeField(), True),
        (models.PositiveBigIntegerField(), True),
    ],
)
def test_a_relation_with_a_column_json_cannot_carry_exactly_keeps_its_own_query(
    field, readable_by_json
):
    assert readable(field) is readable_by_json


def test_rows_by_id_keep_the_order_and_the_shape(world):
    ids = [page.pk for page in NewsPage.objects.order_by("-pk")]
    shape = NewsPage.objects.all().defer("body").select_related("featured_image")
    rows = rows_by_id(shape, [*ids, 0])
    assert [row.pk for row in rows] == ids
    assert all("body" in row.get_deferred_fields() for row in rows)
    assert rows_by_id(shape, []) == []
    with pytest.raises(ValueError):
        rows_by_id(NewsPage.objects.filter(live=True), ids)


@pytest.mark.parametrize("prefix", ["/", "/cong/"])
def test_detail_urls_are_the_ones_django_reverses(prefix):
    set_script_prefix(prefix)
    try:
        for model, endpoint in [
            (Page, "pages"),
            (get_image_model(), "images"),
            (get_document_model(), "documents"),
        ]:
            for pk in (1, 42, 918_273_645, 10**12):
                expected = reverse(f"wagtailapi:{endpoint}:detail", args=(pk,))
                assert api_router.get_object_detail_urlpath(model, pk) == expected
                assert expected.startswith(prefix)
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/cong/", "/cổng thông tin/"])
def test_html_urls_are_the_ones_wagtail_gives(world, prefix):
    index = world["news_b"].get_parent()
    index.add_child(instance=NewsPage(title="Thông báo", slug="thông-báo-đặc-biệt"))
    pages = list(Page.objects.specific())
    odd = NewsPage(title="x", slug="a.b", url_path=world["news_b"].url_path + "a.b/")
    outside = NewsPage(title="y", slug="y", url_path="/khong-thuoc-trang-nao/y/")
    set_script_prefix(prefix)
    try:
        for page in [*pages, odd, outside]:
            assert page_html_url(page) == page.full_url, page.url_path
        quoted = "th%C3%B4ng-b%C3%A1o-%C4%91%E1%BA%B7c-bi%E1%BB%87t/"
        assert any((url or "").endswith(quoted) for url in map(page_html_url, pages))
        assert page_html_url(odd) is None and page_html_url(outside) is None
    finally:
        set_script_prefix("/")


def test_choice_labels_follow_the_values(world):
    labelled = with_labels({"online_level": "toan_trinh", "status": "khong_co"}, ProcedurePage)
    assert labelled["online_level_display"] == "Toàn trình"
    assert labelled["status_display"] == ""  # a value the list does not have


def test_a_stream_reads_its_images_as_wagtail_does_with_one_query(world):
    public, private = world.media["public_image"], world.media["private_image"]
    block = ImageBlock()
    block.bulk_to_python([public.pk])  # compiled on first use
    with CaptureQueriesContext(connection) as queries:
        found = block.bulk_to_python([private.pk, None, public.pk, 0, private.pk])
    assert len(queries.captured_queries) == 1
    assert [image.pk if image else None for image in found] == [
        private.pk,
        None,
        public.pk,
        None,
        private.pk,
    ]
    assert found[0] is not found[4]  # each use its own object, as Wagtail's block gives
    with CaptureQueriesContext(connection) as queries:
        assert block.bulk_to_python([None]) == [None]
    assert queries.captured_queries == []
