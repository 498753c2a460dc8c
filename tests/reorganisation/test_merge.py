"""A merge on demo-like data: every old address 301s to the page's new one, nothing is lost,
media, snippets and agencies follow, the audit log has the plan, and re-applying is a no-op."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
    Site,
)

from demo.loader import load_sites_and_accounts
from news.models import NewsCategory, NewsPage
from sites.models import Agency, Reorganisation, RetiredHostname
from sites.reorganisation.apply import apply_plan
from sites.reorganisation.plan import build_plan
from sites.reorganisation.resources import agency_collection
from sites.reorganisation.spec import parse_plan
from sites.visibility import Visibility
from tests.reorganisation.conftest import SLUGS, broken_links, get, inventory, public_urls


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "live": Page.objects.filter(live=True).count(),
        "revisions": Revision.objects.count(),
        "redirects": Redirect.objects.count(),
        "sites": Site.objects.count(),
        "agencies": Agency.objects.count(),
        "groups": Group.objects.count(),
        "tasks": DBTaskResult.objects.count(),
        "page_log": PageLogEntry.objects.count(),
        "model_log": ModelLogEntry.objects.count(),
        "reorganisations": Reorganisation.objects.count(),
        "categories": NewsCategory.objects.count(),
    }


def test_the_dry_run_lists_everything_and_writes_nothing(demo_world, plan_data):
    before = counts()
    plans = build_plan(parse_plan(plan_data))
    assert counts() == before
    stttt, skhdt, wards = plans
    assert stttt.target_is_new and stttt.target_url == "http://skhcn.bacninh.localhost"
    stttt_news = set(
        NewsPage.objects.descendant_of(demo_world.sites["stttt"].root_page).values_list(
            "pk", flat=True
        )
    )
    assert demo_world.article.pk in stttt_news and len(stttt_news) == 3
    assert {m.page for m in stttt.moves} == stttt_news
    assert all(m.new_url.startswith("http://skhcn.bacninh.localhost/tin-tuc/") for m in stttt.moves)
    assert {r.old_path for r in stttt.redirects} >= {"/", "/tin-tuc", "/van-ban"}
    assert stttt.retire_hostnames == ["stttt.bacninh.localhost"]
    assert {(p["username"], p["action"]) for p in stttt.people} == {
        ("stttt-editor", "join"),
        ("stttt-chief", "join"),
        ("stttt-admin", "retire"),
    }
    stttt_tree = agency_collection(Agency.objects.get(slug="stttt")).path
    media = sum(
        model.objects.filter(collection__path__startswith=stttt_tree).count()
        for model in (get_image_model(), get_document_model())
    )
    assert sum(len(m["ids"]) for m in stttt.media) == media == 5
    # skhdt's "thong-bao" meets stc's: renamed, and the plan says so.
    renamed = next(m for m in skhdt.moves if m.page == demo_world.renamed.pk)
    assert renamed.new_slug == "thong-bao-skhdt"
    # Its own "Tin hoạt động" and the demo's categories: STC has each slug, so mapped.
    assert ("map", "Tin hoạt động") in {(s["action"], s["name"]) for s in skhdt.snippets}
    assert {s["action"] for s in skhdt.snippets} == {"map"}
    # The two wards publish the same procedures: decided by the plan (use the one kept).
    assert wards.conflicts and not wards.blocking
    assert all(c.source == "pvocuong" for c in wards.conflicts)


def test_merge_keeps_every_old_address_and_loses_nothing(demo_world, plan_data):
    client = Client()
    before_urls = public_urls()
    before = inventory()
    moved_ids = {demo_world.article.pk, demo_world.renamed.pk, demo_world.about.pk}
    apply_plan(parse_plan(plan_data))

    after = inventory()
    for kind, ids in before.items():
        assert ids <= after[kind], f"lost {kind}: {ids - after[kind]}"
    retired = {f"{slug}.bacninh.localhost" for slug in ("stttt", "skhdt", "pkinhbac", "pvocuong")}
    assert broken_links(client, before_urls, retired) == []
    assert moved_ids <= set(public_urls().values())
    renamed_url = Page.objects.get(pk=demo_world.renamed.pk).full_url
    assert renamed_url == "http://stc.bacninh.localhost/tin-tuc/thong-bao-skhdt/"
    # The page's history came with it.
    assert PageLogEntry.objects.filter(page=demo_world.article, action="wagtail.move").exists()
    assert Revision.page_revisions.filter(object_id=str(demo_world.renamed.pk)).count() == 2
    assert (
        Page.objects.get(pk=demo_world.renamed.pk).specific.latest_revision.content["slug"]
        == "thong-bao-skhdt"
    )


def test_unknown_paths_on_a_retired_host_go_to_the_successor(demo_world, plan_data):
    apply_plan(parse_plan(plan_data))
    response = get(Client(), "/khong-co-trang-nay/?trang=2", "stttt.bacninh.localhost")
    assert response.status_code == 301
    assert response["Location"] == "http://skhcn.bacninh.localhost/khong-co-trang-nay/?trang=2"
    assert RetiredHostname.objects.filter(successor__hostname="skhcn.bacninh.localhost").exists()
    # Hosts still in service are left alone.
    assert get(Client(), "/khong-co-trang-nay/", "stc.bacninh.localhost").status_code == 404


def test_media_snippets_and_agencies_follow_the_plan(demo_world, plan_data):
    stttt_categories = set(
        NewsCategory.objects.filter(site=demo_world.sites["stttt"]).values_list("pk", flat=True)
    )
    apply_plan(parse_plan(plan_data))
    skhcn = Agency.objects.get(slug="skhcn")
    stc = Agency.objects.get(slug="stc")
    skhcn_tree = agency_collection(skhcn).path
    for image in get_image_model().objects.filter(pk__in=[i.pk for i in demo_world.images]):
        assert image.collection.name == "Hình ảnh"
        assert image.collection.path.startswith((skhcn_tree, agency_collection(stc).path))
    for document in get_document_model().objects.filter(
        pk__in=[d.pk for d in demo_world.documents]
    ):
        assert not document.collection.path.startswith(
            agency_collection(Agency.objects.get(slug="skhdt")).path
        )
    # The new agency had none: stttt's categories moved there, ids kept.
    moved = set(NewsCategory.objects.filter(site=skhcn.site).values_list("pk", flat=True))
    assert moved == stttt_categories
    article = NewsPage.objects.get(pk=demo_world.article.pk)
    assert article.categories.get().slug == "chuyen-doi-so"
    stc_category = NewsCategory.objects.get(site=stc.site, slug="tin-hoat-dong")
    renamed = NewsPage.objects.get(pk=demo_world.renamed.pk)
    assert list(renamed.categories.all()) == [stc_category]
    assert renamed.latest_revision.content["categories"] == [stc_category.pk]
    # The two wards' "Thông báo": one category on the new ward, used by both wards' news.
    ward = Agency.objects.get(slug="pmoi").site
    (notices,) = NewsCategory.objects.filter(site=ward, slug="thong-bao")
    ward_news = NewsPage.objects.descendant_of(ward.root_page).filter(slug__startswith="lich-")
    assert ward_news.count() == 2
    assert all(list(page.categories.all()) == [notices] for page in ward_news)
    for slug, successor in (("stttt", skhcn), ("skhdt", stc)):
        agency = Agency.objects.get(slug=slug)
        assert agency.status == Agency.Status.MERGED and agency.successor == successor
    assert Agency.objects.get(slug="pvocuong").successor.slug == "pmoi"


def test_the_audit_log_records_the_plan(demo_world, plan_data):
    result = apply_plan(parse_plan(plan_data))
    record = Reorganisation.objects.get()
    assert record == result.reorganisation and record.spec == plan_data
    assert len(record.result["operations"]) == 3
    entry = ModelLogEntry.objects.get(
        action="agency_sites.merge", object_id=str(Agency.objects.get(slug="stttt").pk)
    )
    assert entry.data["target"] == "skhcn"
    assert demo_world.article.pk in {move["page"] for move in entry.data["plan"]["moves"]}


def test_reapplying_changes_nothing(demo_world, plan_data):
    apply_plan(parse_plan(plan_data))
    after_first = counts()
    again = apply_plan(parse_plan(plan_data))
    assert again.already_applied
    assert counts() == after_first
    # The same operations under another name: planned again, and nothing left to do.
    plan_data["name"] = "Lần nữa"
    plans = build_plan(parse_plan(plan_data))
    assert all(plan.is_empty for plan in plans), [p.as_dict() for p in plans]
    result = apply_plan(parse_plan(plan_data))
    assert result.already_applied and result.reorganisation is None
    assert counts() == after_first


def test_the_demo_plan_applies_with_no_broken_link(demo_world):
    data = json.loads((settings.BASE_DIR / "demo" / "reorganisation-2025.json").read_text())
    client = Client()
    before_urls, before = public_urls(), inventory()
    result = apply_plan(parse_plan(data))
    assert len(result.plans) == 4 and not any(plan.blocking for plan in result.plans)
    after = inventory()
    assert all(ids <= after[kind] for kind, ids in before.items())
    retired = set(RetiredHostname.objects.values_list("hostname", flat=True))
    assert retired == {
        f"{slug}.bacninh.localhost" for slug in ("stttt", "skhdt", "sgtvt", "pkinhbac", "pvocuong")
    }
    assert broken_links(client, before_urls, retired) == []


def test_reloading_the_demo_does_not_undo_the_merge(demo_world, plan_data):
    apply_plan(parse_plan(plan_data))
    after = counts()
    editor_groups = set(
        get_user_model().objects.get(username="skhdt-editor").groups.values_list("pk", flat=True)
    )
    load_sites_and_accounts(port=80, password="pw", slugs=SLUGS)
    assert counts() == after
    user = get_user_model().objects.get(username="skhdt-editor")
    assert set(user.groups.values_list("pk", flat=True)) == editor_groups


def test_private_pages_and_media_stay_private(demo_world, plan_data):
    skhdt = demo_world.sites["skhdt"]
    intro = skhdt.root_page.get_children().get(slug="gioi-thieu")
    PageViewRestriction.objects.create(page=intro, restriction_type="login")
    collection = agency_collection(skhdt.agency)
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    anonymous = Visibility.anonymous()
    assert not anonymous.page(Page.objects.get(pk=demo_world.about.pk))
    apply_plan(parse_plan(plan_data))
    visibility = Visibility.anonymous()
    about = Page.objects.get(pk=demo_world.about.pk)
    assert about.get_site().hostname == "stc.bacninh.localhost"
    assert not visibility.page(about)
    assert not visibility.page(about.get_children().get())
    assert (
        get(Client(), about.url_path[len("/stc/") - 1 :], "stc.bacninh.localhost").status_code
        == 302
    )
    moved = get_document_model().objects.filter(title="Tài liệu skhdt")
    assert moved.count() == 2
    assert not any(visibility.media(document) for document in moved)
    assert all(
        document.collection.path.startswith(agency_collection(Agency.objects.get(slug="stc")).path)
        for document in moved
    )
    # The target's own media stay public.
    assert visibility.media(get_image_model().objects.filter(title="Ảnh stttt").get())
