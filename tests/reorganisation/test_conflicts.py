"""A procedure code already on the target stops the apply, with a report, and nothing is
written; an invalid plan names the entry, the field and the reason."""

import pytest

from sites.reorganisation.apply import ConflictError, apply_plan
from sites.reorganisation.spec import PlanError, parse_plan
from tests.reorganisation.test_merge import counts


def test_a_conflict_stops_the_apply_and_writes_nothing(demo_world, plan_data):
    del plan_data["operations"][2]["procedure_conflicts"]
    before = counts()
    with pytest.raises(ConflictError) as raised:
        apply_plan(parse_plan(plan_data))
    assert counts() == before
    conflicts = [c for plan in raised.value.plans for c in plan.blocking]
    assert conflicts and {c.source for c in conflicts} == {"pvocuong"}
    for conflict in conflicts:
        assert conflict.code and conflict.existing_page != conflict.page
    assert "xung đột" in str(raised.value)


@pytest.mark.parametrize(
    ("change", "entry", "field"),
    [
        (lambda p: p["operations"][0].update(sources=["khong-co"]), "operations[1]", "sources"),
        (lambda p: p["operations"][1].update(target="khong-co"), "operations[2]", "target"),
        (
            lambda p: p["operations"][0]["target"].pop("hostname"),
            "operations[1]",
            "target.hostname",
        ),
        (
            lambda p: p["operations"][1].update(people={"editor": "boss"}),
            "operations[2]",
            "people.editor",
        ),
        (
            lambda p: p["operations"][2].update(procedure_conflicts="overwrite"),
            "operations[3]",
            "procedure_conflicts",
        ),
        (lambda p: p["operations"][1].update(sources=["stttt"]), "operations[2]", "sources/target"),
        (lambda p: p["operations"][0].update(type="teleport"), "operations[1]", "type"),
    ],
)
def test_an_invalid_plan_names_entry_field_and_reason(demo_world, plan_data, change, entry, field):
    change(plan_data)
    with pytest.raises(PlanError) as raised:
        parse_plan(plan_data)
    assert any(e == entry and f == field and reason for e, f, reason in raised.value.errors), (
        raised.value.errors
    )
