"""The benchmark harness: the generator is deterministic, and `bench --quick` runs every
scenario end to end on real PostgreSQL, Elasticsearch, Redis, gunicorn, nginx and wrk.

Nothing here asserts a speed: the numbers live in docs/performance.md (`make bench`)."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from benchmarks.datasets import Scale
from benchmarks.generator import Generator
from benchmarks.vocabulary import load_vocabulary

BASE_DIR = Path(settings.BASE_DIR)


def test_generated_content_is_deterministic_for_a_seed():
    images = [SimpleNamespace(pk=1), SimpleNamespace(pk=2)]
    vocabulary = load_vocabulary()
    first = Generator(7, vocabulary).news_rows(20, images)
    again = Generator(7, vocabulary).news_rows(20, images)
    other = Generator(8, vocabulary).news_rows(20, images)
    assert [row[0]["title"] for row in first] == [row[0]["title"] for row in again]
    assert [row[1]["body"] for row in first] == [row[1]["body"] for row in again]
    assert [row[0]["title"] for row in first] != [row[0]["title"] for row in other]
    # Varied titles, Vietnamese text from the samples' vocabulary.
    assert len({row[0]["title"] for row in first}) > 15
    assert any("đ" in row[1]["body"].lower() or "ư" in row[1]["body"] for row in first)


def test_a_dataset_with_files_starts_from_a_smaller_one_without():
    """The files are generated after every page: a dataset with files can grow from one
    without (its pages are the start of the larger one's), never from one with files."""
    full = Scale(50, 2000, db_search_index=True, documents=5000)
    assert full.contains(Scale(5, 2000))
    assert not full.contains(Scale(5, 2000, documents=5000))
    assert not Scale(2, 100, documents=20).contains(Scale(1, 40, documents=20))


def test_procedure_rows_carry_every_record_field():
    vocabulary = load_vocabulary()
    sectors = {name: SimpleNamespace(pk=n) for n, name in enumerate(vocabulary.sectors)}
    base, fields = Generator(1, vocabulary).procedure_rows(1, sectors)[0]
    assert base["title"]
    for name in ("code", "sector_id", "implementing_agency", "steps", "processing_time_value",
                 "online_level", "effective_date", "conditions", "result"):  # fmt: skip
        assert fields[name] not in (None, ""), name


@pytest.fixture
def bench_env():
    db = settings.DATABASES["default"]
    server = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
    # Its own databases and index prefix, named after the runner's, so parallel runners and a
    # full `make bench` never meet.
    prefix = settings.ELASTICSEARCH["INDEX_PREFIX"]
    name = "cms_bench_smoke_" + "".join(ch for ch in prefix if ch.isalnum())
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
        "DATABASE_URL": f"{server}/{name}",
        "ELASTICSEARCH_INDEX_PREFIX": f"{prefix}-bench",
        "BENCH_PORT_BASE": os.environ.get("BENCH_PORT_BASE", "8150"),
    }


def test_publishing_answers_are_classed_by_what_was_published():
    """A detail of a page not published, on a site that had a publish, is counted apart."""
    from benchmarks.cache_publishing import Answer, classify

    answers = [
        Answer(1, "/api/v2/pages/10/", 0.0, 0.1, "MISS", 200),
        Answer(1, "/api/v2/pages/11/", 0.0, 0.1, "MISS", 200),
        Answer(2, "/api/v2/pages/20/", 0.0, 0.1, "MISS", 200),
        # Site 1's page 10 is published between 1.0 and 1.5.
        Answer(1, "/api/v2/pages/10/", 2.0, 2.1, "MISS", 200),
        Answer(1, "/api/v2/pages/11/", 2.0, 2.1, "HIT", 200),
        Answer(2, "/api/v2/pages/20/", 2.0, 2.1, "HIT", 200),
    ]
    found = classify(answers, [(1, 10, 1.0, 1.5)])
    assert (found["other"], found["other_hits"], found["changed"]) == (1, 1, 2)
    assert (found["site_details"], found["site_details_ratio"]) == (1, 1.0)


def test_quick_bench_runs_every_scenario_without_errors(bench_env, tmp_path):
    output = tmp_path / "performance.md"
    output.write_text("# Performance\n\nHand-written notes stay.\n", encoding="utf-8")
    bench = subprocess.Popen(
        [sys.executable, "manage.py", "bench", "--quick", "--output", str(output)],
        cwd=BASE_DIR,
        env=bench_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = bench.communicate(timeout=1500)
    except subprocess.TimeoutExpired:
        # SIGTERM lets the harness stop its servers before the test fails.
        bench.terminate()
        stdout, stderr = bench.communicate(timeout=60)
    assert bench.returncode == 0, stdout[-3000:] + stderr[-3000:]
    assert "(0 errors)" in stdout
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\nHand-written notes stay.")
    assert "### Machine" in text and "CPU:" in text
    for heading in (
        "Chi tiết trang",
        "Danh sách tin theo chuyên mục",
        "Thủ tục theo lĩnh vực",
        "Tìm kiếm trong một trang",
        "Gợi ý khi gõ",
        "Tìm biểu mẫu, tệp đính kèm",
        "### Indexing",
        "files/s**; rebuild with documents",
        "### Publish → searchable",
        "### Publish → visible through the micro-cache",
        "### Response cache under publishing",
        "### Growth",
    ):
        assert heading in text, heading
    for target in (
        "project warm",
        "project micro-cache",
        "project cold",
        "stock v2",
        "nginx",
        "database",
    ):
        assert f"| {target} |" in text, target
    for row in (
        "warm ≥ 5× stock v2",
        "warm ≥ 1/3 nginx",
        "detail: cold (uncached) ≥ 3× stock v2",
        "news: cold (uncached) ≥ 5× stock v2",
        "detail: cold (uncached) p95 ≤ 60 ms",
        "search p95 ≤ 50 ms",
        "search ≥ 5× faster than database search",
        "document search p95 ≤ 50 ms",
        "search_rebuild ≥ 2,000 docs/s",
        "publish → searchable p95 ≤ 2 s",
        "publish → visible through the micro-cache ≤",
        "response cache, other sites' traffic under a publish a second ≥ 95 %",
        "≤ 1.5× at",
        "warm via micro-cache ≥ 1/3 nginx",
        "nginx micro-cache → gunicorn",
    ):
        assert row in text, row
    # Every measured row has an error count of 0 and some requests behind it.
    rows = [line for line in text.splitlines() if line.startswith("| ") and line.endswith(" |")]
    measured = [line for line in rows if line.count("|") == 7 and "req/s" not in line]
    measured = [line for line in measured if not line.startswith("| ---")]
    assert measured
    assert all(line.rsplit("|", 2)[1].strip() == "0" for line in measured), measured
    # The bench proves its cold targets cold and its warm target warm: wrk counted every
    # response's X-Cache, and all of them were as expected.
    assert "### Cache check" in text
    for label, expected in (("detail/project cold", "MISS"), ("news/project warm", "HIT"),
                            ("growth detail/200", "MISS")):  # fmt: skip
        row = next(line for line in text.splitlines() if line.startswith(f"| {label} |"))
        assert f"| {expected} |" in row and row.endswith("| met |"), row
    # The admin screens, for an editor and a chief, with their query counts and no error.
    assert "### Admin screens (4 editors at once" in text
    admin_rows = [line for line in rows if line.count("|") == 9 and "(`" in line]
    for screen in ("dashboard", "explorer", "news_edit", "procedures", "page_chooser",
                   "review_queue", "image_chooser"):  # fmt: skip
        for role in ("editor", "chief"):
            row = next(line for line in admin_rows if f"(`{screen}`) | {role} |" in line)
            cells = [cell.strip() for cell in row.strip("|").split("|")]
            assert int(cells[6]) > 0 and cells[7] == "0", row  # queries counted, no errors
            assert f"admin {screen} ({role}) p95 ≤ 300 ms" in text
    # A second run writes the same section again instead of appending another.
    assert text.count("<!-- bench:begin -->") == 1
    # Publishing on some sites leaves the others' answers in the cache only when they are
    # versioned per site; with one version, each publish empties the cache of every site.
    under = {line.split("|")[1].strip(): line.split("|") for line in text.splitlines()
             if line.startswith(("| site versions |", "| one version |"))}  # fmt: skip
    assert set(under) == {"site versions", "one version"}
    ratio = {name: float(cells[5].strip(" *%")) for name, cells in under.items()}
    assert ratio["site versions"] > ratio["one version"]
    assert all(cells[9].strip() == "0" for cells in under.values()), under  # no errors


def test_quick_scale_bench_measures_every_scale_without_errors(bench_env, tmp_path):
    """`bench_scale --quick`: two tiny datasets, each measured by a process of its own on its
    own database and search index, and one table with the growth between them."""
    output = tmp_path / "performance.md"
    output.write_text("# Performance\n\n<!-- bench:begin -->\nmain run\n<!-- bench:end -->\n")
    bench = subprocess.run(
        [sys.executable, "manage.py", "bench_scale", "--quick", "--output", str(output)],
        cwd=BASE_DIR,
        env=bench_env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert bench.returncode == 0, bench.stdout[-3000:] + bench.stderr[-3000:]
    assert "(0 errors)" in bench.stdout
    text = output.read_text(encoding="utf-8")
    # The main run's section stays; the scale section is written beside it, once.
    assert "<!-- bench:begin -->\nmain run\n<!-- bench:end -->" in text
    assert text.count("<!-- bench-scale:begin -->") == 1
    table = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| ")
    }
    for what in ("API detail, cold, p95", "API news listing (one site, a category), warm, p95",
                 "API news listing (all sites, newest first), cold, p95",
                 "search, one site, p95", "search, all sites (site=*), p95", "suggest, p95",
                 "search_rebuild", "publish → searchable, p95", "admin dashboard (editor), p95",
                 "admin explorer (chief), p95", "admin news_edit (editor), p95"):  # fmt: skip
        row = table[what]
        # A value at both scales, and the growth between them.
        assert all(cell not in ("", "–") for cell in row[2:]), row
        assert row[-1].endswith("×"), row
    for target in ("search, one site p95 ≤ 50 ms at 60", "search_rebuild ≥ 2,500 docs/s at 60",
                   "API detail, cold p95 growth 20 → 60 ≤ 1.5×",
                   "publish → searchable p95 ≤ 1 s at 60"):  # fmt: skip
        assert target in table, target
