import pytest

from procedures.queries import featured_procedures

pytestmark = pytest.mark.django_db


def test_featured_procedures_are_per_site_live_and_in_force(
    two_sites, portal_index, agency_index, make_procedure
):
    portal, agency = two_sites
    shown = make_procedure(portal_index, "1.000001", title="B thủ tục", featured=True)
    first = make_procedure(portal_index, "1.000002", title="A thủ tục", featured=True)
    make_procedure(portal_index, "1.000003", featured=False)
    make_procedure(portal_index, "1.000004", featured=True, status="bai_bo")
    draft = make_procedure(portal_index, "1.000005", featured=True)
    draft.unpublish()
    make_procedure(agency_index, "1.000006", featured=True)

    assert list(featured_procedures(portal)) == [first, shown]
    assert list(featured_procedures(portal, limit=1)) == [first]
    assert [p.code for p in featured_procedures(agency)] == ["1.000006"]
