import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from wagtail.permissions import policy_registry

from news.models import PortalFeature
from news.services import latest_news, portal_featured_news
from news.wagtail_hooks import portal_feature_edit_handler

pytestmark = pytest.mark.django_db


def test_a_draft_page_cannot_be_featured(agency_news_index, make_news):
    draft = make_news(agency_news_index, "Tin nháp", live=False)
    with pytest.raises(ValidationError) as error:
        PortalFeature(news_page=draft).full_clean()
    assert "news_page" in error.value.message_dict


def test_a_live_page_can_be_featured(agency_news_index, make_news):
    live = make_news(agency_news_index, "Tin đã đăng")
    PortalFeature(news_page=live).full_clean()


def test_form_offers_only_live_news_labelled_with_their_site(
    agency_news_index, make_news, admin_user
):
    live = make_news(agency_news_index, "Tin đã đăng")
    draft = make_news(agency_news_index, "Tin nháp", live=False)

    form_class = portal_feature_edit_handler.bind_to_model(PortalFeature).get_form_class()
    form = form_class(data={"news_page": draft.pk}, for_user=admin_user)
    labels = [label for _, label in form.fields["news_page"].choices]

    assert "Tin đã đăng — Sở Thông tin và Truyền thông" in labels
    assert not any("Tin nháp" in str(label) for label in labels)
    assert not form.is_valid()

    form = form_class(data={"news_page": live.pk}, for_user=admin_user)
    assert form.is_valid(), form.errors
    feature = form.save()
    assert feature.featured_by == admin_user
    assert feature.sort_order == 0


def test_managing_features_needs_the_feature_on_portal_permission(django_user_model):
    policy = policy_registry.get_by_type(PortalFeature)
    editor = django_user_model.objects.create_user("bientap", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="add_portalfeature"))
    editor = django_user_model.objects.get(pk=editor.pk)
    assert not policy.user_has_permission(editor, "add")

    editor.user_permissions.add(Permission.objects.get(codename="feature_on_portal"))
    editor = django_user_model.objects.get(pk=editor.pk)
    assert policy.user_has_permission(editor, "add")
    assert editor in policy.users_with_permission("add")


def test_portal_featured_news_follow_their_order_and_drop_unpublished(
    agency_news_index, portal_news_index, make_news
):
    first = make_news(agency_news_index, "Tin Sở", day=1)
    second = make_news(portal_news_index, "Tin Cổng", day=9)
    later_unpublished = make_news(agency_news_index, "Tin gỡ", day=5)
    for page in (first, second, later_unpublished):
        PortalFeature.objects.create(news_page=page)
    later_unpublished.unpublish()

    featured = portal_featured_news(limit=5)

    assert [page.title for page in featured] == ["Tin Sở", "Tin Cổng"]
    assert featured[0].source_site.hostname == "stttt.bacninh.localhost"
    assert portal_featured_news(limit=1) == [first]


def test_latest_news_of_given_sites_or_all(
    portal, agency, agency_news_index, portal_news_index, make_news
):
    make_news(agency_news_index, "Tin Sở cũ", day=1)
    make_news(agency_news_index, "Tin Sở mới", day=3)
    make_news(portal_news_index, "Tin Cổng", day=2)
    make_news(agency_news_index, "Tin nháp", day=4, live=False)

    assert [p.title for p in latest_news(sites=[agency])] == ["Tin Sở mới", "Tin Sở cũ"]
    assert [p.title for p in latest_news()] == ["Tin Sở mới", "Tin Cổng", "Tin Sở cũ"]
    assert [p.title for p in latest_news(limit=1)] == ["Tin Sở mới"]
    assert latest_news(sites=[]) == []


def test_latest_news_query_count_does_not_grow_with_the_list(
    agency_news_index, make_news, image, django_assert_max_num_queries
):
    for day in range(1, 7):
        make_news(agency_news_index, f"Tin {day}", day=day, featured_image=image)
    with django_assert_max_num_queries(3):
        titles = [(page.title, page.featured_image.title) for page in latest_news(limit=6)]
    assert len(titles) == 6
