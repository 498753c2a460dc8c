"""Split: chosen sections, sectors or pages of one agency move to others; their old
addresses 301 to the new ones, the rest of the source stays where it was."""

import pytest
from django.test import Client
from wagtail.models import Page

from procedures.models import ProcedurePage
from sites.models import Agency, Reorganisation
from sites.reorganisation.apply import apply_plan
from sites.reorganisation.plan import build_plan
from sites.reorganisation.spec import PlanError, parse_plan
from tests.reorganisation.conftest import get, inventory, public_urls
from tests.reorganisation.test_merge import counts


def split_plan(sector: str) -> dict:
    return {
        "name": "Tách thử",
        "operations": [
            {
                "type": "split",
                "source": "stc",
                "parts": [
                    {"target": "sxd", "sections": ["tin-tuc"]},
                    {
                        "target": {
                            "slug": "sqlgia",
                            "name": "Ban Quản lý giá",
                            "hostname": "sqlgia.bacninh.localhost",
                        },
                        "sectors": [sector],
                    },
                ],
            }
        ],
    }


def test_split_moves_the_chosen_parts_and_keeps_the_rest(demo_world):
    client = Client()
    stc_root = demo_world.sites["stc"].root_page
    procedures = ProcedurePage.objects.descendant_of(stc_root).order_by("code")
    sector = procedures.first().sector
    chosen = set(procedures.filter(sector=sector).values_list("pk", flat=True))
    staying = set(procedures.exclude(sector=sector).values_list("pk", flat=True))
    news = set(
        Page.objects.get(pk=stc_root.pk)
        .get_children()
        .get(slug="tin-tuc")
        .get_children()
        .values_list("pk", flat=True)
    )
    data = split_plan(sector.slug)
    (plan,) = build_plan(parse_plan(data))
    assert {m.page for m in plan.parts[0].moves} == news
    assert {m.page for m in plan.parts[1].moves} == chosen
    before_urls, before = public_urls(), inventory()
    apply_plan(parse_plan(data))
    after = inventory()
    assert all(ids <= after[kind] for kind, ids in before.items())
    for (host, path), page_id in before_urls.items():
        response = get(client, path, host)
        if page_id in news | chosen:
            assert response.status_code == 301, (host, path)
            assert response["Location"] == Page.objects.get(pk=page_id).full_url
            assert get(client, response["Location"]).status_code == 200
        else:
            assert response.status_code == 200, (host, path)
    for pk in chosen:
        assert Page.objects.get(pk=pk).get_site().hostname == "sqlgia.bacninh.localhost"
    for pk in news:
        assert Page.objects.get(pk=pk).get_site().hostname == "sxd.bacninh.localhost"
    for pk in staying:
        assert Page.objects.get(pk=pk).get_site().hostname == "stc.bacninh.localhost"
    assert Agency.objects.get(slug="stc").status == Agency.Status.ACTIVE
    after_counts = counts()
    apply_plan(parse_plan({**data, "name": "Lần hai"}))
    assert counts() == after_counts
    assert Reorganisation.objects.count() == 1


def test_split_names_unknown_sections_and_foreign_pages(demo_world):
    data = split_plan("khong-co")
    data["operations"][0]["parts"][0]["sections"] = ["khong-co"]
    data["operations"][0]["parts"][1]["pages"] = [demo_world.article.pk]
    with pytest.raises(PlanError) as raised:
        parse_plan(data)
    fields = {(entry, field) for entry, field, _reason in raised.value.errors}
    assert ("operations[1].parts[1]", "sections") in fields
    assert ("operations[1].parts[2]", "pages") in fields
