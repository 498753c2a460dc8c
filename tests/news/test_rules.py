"""Where each page type may be created."""

import pytest
from wagtail.models import Page

from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def test_news_index_lives_once_under_a_home_page(agency):
    home = agency.root_page.specific
    assert NewsIndexPage.can_create_at(home)
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=index)
    assert not NewsIndexPage.can_create_at(home)
    assert not NewsIndexPage.can_create_at(index)


def test_news_pages_live_only_under_a_news_index(agency, agency_news_index, make_news):
    home = agency.root_page.specific
    assert NewsPage.can_create_at(agency_news_index)
    assert not NewsPage.can_create_at(home)
    article = make_news(agency_news_index, "Một tin")
    assert NewsPage.allowed_subpage_models() == []
    assert not NewsPage.can_create_at(article)


def test_standard_pages_nest_under_home_and_each_other(agency, agency_news_index):
    home = agency.root_page.specific
    about = StandardPage(title="Giới thiệu", slug="gioi-thieu")
    home.add_child(instance=about)
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(agency_news_index)


def test_home_page_sits_at_the_tree_root_and_holds_the_sections(agency):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    assert not HomePage.can_create_at(agency.root_page.specific)
    allowed = {model._meta.label for model in HomePage.allowed_subpage_models()}
    assert {"news.NewsIndexPage", "home.StandardPage"} <= allowed
    assert HomePage.subpage_types == [
        "news.NewsIndexPage",
        "procedures.ProcedureIndexPage",
        "legaldocs.LegalDocumentIndexPage",
        "home.StandardPage",
        "participation.QuestionAnswerIndexPage",
        "participation.ConsultationIndexPage",
    ]
