"""Rebuild without an empty window, reconcile, status, the admin panel and the eval harness."""

import json
import threading
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from procedures.models import Sector
from search.client import get_client
from search.documents import alias_name
from search.indexing import concrete_indices, live_index


def test_rebuild_swaps_the_alias_without_an_empty_window(world, api):
    before = live_index()
    expected = api(q="dang ky khai sinh")["meta"]["total"]
    totals, errors, done = [], [], threading.Event()

    def search_while_rebuilding():
        es = get_client()
        while not done.is_set():
            try:
                body = {"query": {"match": {"title_folded": "dang ky khai sinh"}}}
                totals.append(es.search(index=alias_name(), **body)["hits"]["total"]["value"])
            except Exception as error:
                errors.append(error)

    searcher = threading.Thread(target=search_while_rebuilding)
    searcher.start()
    out = StringIO()
    try:
        call_command("search_rebuild", stdout=out, stderr=StringIO())
    finally:
        done.set()
        searcher.join()
    assert "docs/s" in out.getvalue()
    assert not errors and totals and min(totals) > 0
    assert live_index() != before
    assert concrete_indices() == [live_index()]
    assert api(q="dang ky khai sinh")["meta"]["total"] == expected


def test_reconcile_repairs_drift(world, api):
    es = get_client()
    missing = world.procedures["MAU.0001"].pk
    es.delete(index=alias_name(), id=str(missing), refresh=True)
    es.index(
        index=alias_name(),
        id="999999",
        document={"page_id": 999999, "type": "page", "title": "Trang ma"},
        refresh=True,
    )
    out = StringIO()
    call_command("search_reconcile", stdout=out)
    assert "missing: 1" in out.getvalue() and "orphans: 1" in out.getvalue()
    es.indices.refresh(index=alias_name())
    assert es.exists(index=alias_name(), id=str(missing))
    assert not es.exists(index=alias_name(), id="999999")


def test_reconcile_compares_content_not_dates(world, api):
    """A change that reached no sync (a bulk update behind the signals' back) leaves every
    publish date as it was; the content hash still tells the documents apart."""
    pages = [world.procedures[code].pk for code in ("MAU.0001", "MAU.0006", "MAU.0002")]
    Sector.objects.filter(pk=world.sector.pk).update(name="Hộ tịch và chứng thực")
    out = StringIO()
    call_command("search_reconcile", "--dry-run", stdout=out)
    assert "missing: 0, stale: 4, orphans: 0" in out.getvalue()
    assert "repaired" not in out.getvalue()
    call_command("search_reconcile", stdout=out)
    assert "repaired: 4, failed: 0" in out.getvalue()
    get_client().indices.refresh(index=alias_name())
    found = [item["id"] for item in api(q="chung thuc")["items"]]
    assert set(pages) <= set(found)
    again = StringIO()
    call_command("search_reconcile", stdout=again)
    assert "missing: 0, stale: 0, orphans: 0" in again.getvalue()


def test_status_command(world):
    out = StringIO()
    call_command("search_status", "--json", stdout=out)
    status = json.loads(out.getvalue())
    assert status["available"] and status["totals"]["db"] == status["totals"]["index"] == 12
    assert status["tasks"]["failed"] == 0


def test_admin_panel_for_superusers_only(world, client):
    User = get_user_model()
    admin = User.objects.create_superuser("root", "root@example.com", "x")
    editor = User.objects.create_user("editor", "e@example.com", "x", is_staff=True)
    client.force_login(editor)
    assert client.get("/admin/search-status/").status_code in (302, 403)
    client.force_login(admin)
    response = client.get("/admin/search-status/")
    assert response.status_code == 200
    assert "Trạng thái tìm kiếm" in response.content.decode()


def test_eval_harness_reports_both_engines(world, tmp_path):
    queries = tmp_path / "queries.jsonl"
    rows = [
        {"query": "dang ky khai sinh", "expected": ["Đăng ký khai sinh"], "kind": "everyday"},
        {"query": "1.001612", "expected": ["1.001612"], "kind": "codes"},
        {"query": "đăng ký nuôi chó mèo", "expected": [], "kind": "no_answer"},
    ]
    queries.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    out = StringIO()
    call_command("search_eval", str(queries), stdout=out)
    lines = out.getvalue().splitlines()
    # n, R@1, R@5, MRR@10, nDCG@10, nothing: ranking over the two answerable queries, and
    # "nothing found" said for the one without an answer.
    es_all = next(line for line in lines if line.startswith("elasticsearch  all"))
    assert es_all.split()[2:] == ["3", "1.000", "1.000", "1.000", "1.000", "0.333"]
    es_no_answer = next(line for line in lines if line.startswith("elasticsearch  no_answer"))
    assert es_no_answer.split()[-1] == "1.000"
    assert "elasticsearch: no-answer precision 1.000, recall 1.000" in out.getvalue()
    assert any(line.startswith("database") for line in lines)
