"""modelcluster's child relations, kept per state of a model's fields (home.clusters), are the
ones modelcluster works out, and are worked out again when Django's field cache expires."""

import modelcluster.models
import pytest
from wagtail.models import Page, get_page_models

from home.clusters import _ORIGINALS, _kept_per_fields
from news.models import NewsPage

NAMES = list(_ORIGINALS)
pytestmark = pytest.mark.django_db


def test_the_installed_lookups_are_the_kept_ones():
    for name in NAMES:
        installed = getattr(modelcluster.models, name)
        assert installed is not _ORIGINALS[name]
        assert installed.__wrapped__ is _ORIGINALS[name]


@pytest.mark.parametrize("name", NAMES)
def test_every_page_type_gets_what_modelcluster_works_out(name):
    installed = getattr(modelcluster.models, name)
    for model in [Page, *get_page_models()]:
        expected = _ORIGINALS[name](model)
        assert installed(model) == expected
        assert installed(model()) == expected  # asked with an instance, as __init__ does
    assert installed(NewsPage)  # inline children and categories: not a vacuous equality


def test_worked_out_again_when_the_fields_change():
    calls = []

    def work_out(model):
        calls.append(model)
        return _ORIGINALS["get_all_child_relations"](model)

    lookup = _kept_per_fields(work_out)
    first = lookup(NewsPage)
    lookup(NewsPage).clear()  # a caller changing its list changes nothing kept
    assert lookup(NewsPage) == first and len(calls) == 1
    NewsPage._meta._expire_cache()
    assert lookup(NewsPage) == first and len(calls) == 2


def test_a_page_built_with_its_children_still_gets_them():
    page = NewsPage(title="Tin", slug="tin", related_pages=[])
    assert list(page.related_pages.all()) == []
