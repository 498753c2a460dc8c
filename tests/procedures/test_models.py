import pytest
from django.core.exceptions import ValidationError

from home.models import HomePage
from legaldocs.models import LegalDocumentIndexPage, LegalDocumentPage
from procedures.models import ProcedureIndexPage, ProcedurePage

pytestmark = pytest.mark.django_db


def messages(error: ValidationError, field: str) -> list[str]:
    return error.message_dict.get(field, [])


def test_duplicate_code_on_the_same_site_is_rejected(portal_index, make_procedure):
    make_procedure(portal_index, "1.001612")
    with pytest.raises(ValidationError) as caught:
        make_procedure(portal_index, "1.001612", slug="another-slug")
    assert messages(caught.value, "code") == ["Mã thủ tục 1.001612 đã tồn tại trên trang này."]
    assert ProcedurePage.objects.filter(code="1.001612").count() == 1


def test_duplicate_code_is_caught_before_the_page_has_a_tree_path(
    portal_index, make_procedure, sector
):
    """The admin's create form validates a page with no path; it passes the parent along."""
    make_procedure(portal_index, "1.001612")
    page = ProcedurePage(
        title="Bản sao",
        slug="ban-sao",
        code="1.001612",
        sector=sector,
        level_commune=True,
        implementing_agency="UBND cấp xã",
    )
    page._validation_parent = portal_index
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "code" in caught.value.message_dict


def test_same_code_on_another_site_is_allowed(portal_index, agency_index, make_procedure):
    make_procedure(portal_index, "1.001612")
    other = make_procedure(agency_index, "1.001612")
    other.full_clean()
    assert ProcedurePage.objects.filter(code="1.001612").count() == 2


def test_editing_a_page_does_not_clash_with_itself(portal_index, make_procedure):
    page = make_procedure(portal_index, "1.001612.000.00.00.H04")
    page.implementing_agency = "UBND phường"
    page.full_clean()
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.implementing_agency == "UBND phường"


def test_replaced_status_requires_the_replacing_procedure(portal_index, make_procedure):
    old = make_procedure(portal_index, "1.000001")
    new = make_procedure(portal_index, "1.000002")
    old.status = "da_thay_the"
    with pytest.raises(ValidationError) as caught:
        old.full_clean()
    assert messages(caught.value, "replaced_by") == [
        "Thủ tục đã được thay thế: chọn thủ tục thay thế nó."
    ]
    old.replaced_by = new
    old.full_clean()


def test_a_procedure_cannot_replace_itself(portal_index, make_procedure):
    page = make_procedure(portal_index, "1.000001")
    page.status = "da_thay_the"
    page.replaced_by = page
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert messages(caught.value, "replaced_by") == ["Thủ tục không thể thay thế chính nó."]


def test_at_least_one_level_is_required(portal_index, make_procedure):
    page = make_procedure(portal_index, "1.000001")
    page.level_commune = False
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "Chọn ít nhất một cấp thực hiện." in messages(caught.value, "level_province")


def test_levels_property_lists_the_keys_in_order(portal_index, make_procedure):
    page = make_procedure(portal_index, "1.000001", level_ministry=True, level_commune=True)
    assert page.levels == ["bo", "xa"]
    assert page.get_levels_display() == ["Cấp bộ", "Cấp xã"]


def test_page_type_placement(two_sites):
    portal, _ = two_sites
    home = portal.root_page.specific
    assert ProcedureIndexPage.can_create_at(home)
    assert not ProcedurePage.can_create_at(home)
    assert ProcedureIndexPage.parent_page_types == ["home.HomePage"]
    assert ProcedurePage.allowed_parent_page_models() == [ProcedureIndexPage]
    assert ProcedureIndexPage.allowed_subpage_models() == [ProcedurePage]
    assert ProcedurePage.allowed_subpage_models() == []

    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc")
    home.add_child(instance=index)
    assert ProcedurePage.can_create_at(index)
    assert not LegalDocumentPage.can_create_at(index)
    # One procedure index per site root.
    assert not ProcedureIndexPage.can_create_at(home)
    assert not ProcedureIndexPage.can_create_at(index)
    assert LegalDocumentIndexPage.can_create_at(home)
    assert isinstance(home, HomePage)
