"""`manage.py reorganise`: a dry run prints the plan and writes nothing; --apply applies it
once; a bad file or a conflict is a clear error naming where."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sites.models import Agency, Reorganisation
from tests.reorganisation.test_merge import counts


def run(tmp_path, data, *args) -> str:
    path = tmp_path / "plan.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out = StringIO()
    call_command("reorganise", "--plan", str(path), *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_plan_and_changes_nothing(demo_world, plan_data, tmp_path):
    before = counts()
    output = run(tmp_path, plan_data)
    assert counts() == before
    assert "hợp nhất stttt vào skhcn (cơ quan mới)" in output
    assert "stttt.bacninh.localhost/tin-tuc → http://skhcn.bacninh.localhost/tin-tuc/" in output
    assert "stttt-admin (admin): thôi quyền (retire)" in output
    assert "[slug → thong-bao-skhdt]" in output
    assert "Chạy thử" in output


def test_apply_then_apply_again(demo_world, plan_data, tmp_path):
    output = run(tmp_path, plan_data, "--apply")
    assert "Đã áp dụng" in output
    assert Agency.objects.get(slug="skhdt").status == Agency.Status.MERGED
    after = counts()
    assert "đã được áp dụng" in run(tmp_path, plan_data, "--apply")
    assert counts() == after
    assert Reorganisation.objects.count() == 1


def test_errors_name_the_entry_the_field_and_the_reason(demo_world, plan_data, tmp_path):
    plan_data["operations"][1]["target"] = "khong-co"
    with pytest.raises(CommandError, match=r"operations\[2\], target: không có cơ quan"):
        run(tmp_path, plan_data, "--apply")
    with pytest.raises(CommandError, match=r"dòng 1 cột 2"):
        run(tmp_path, "{,", "--apply")


def test_a_conflict_prints_the_report_and_fails(demo_world, plan_data, tmp_path):
    del plan_data["operations"][2]["procedure_conflicts"]
    before = counts()
    out = StringIO()
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_data), encoding="utf-8")
    with pytest.raises(CommandError, match="xung đột"):
        call_command("reorganise", "--plan", str(path), "--apply", stdout=out)
    assert "CHƯA QUYẾT ĐỊNH" in out.getvalue()
    assert counts() == before
