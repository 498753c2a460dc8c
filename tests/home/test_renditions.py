"""Renditions read the cheap way (home.renditions): the same renditions Wagtail gives, read
from those prefetched with an image or with one cache read, made when missing."""

import pytest
from django.core.cache import cache
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home.renditions import read_renditions, renditions_of

pytestmark = pytest.mark.django_db

SPECS = ("width-100", "fill-40x30")


@pytest.fixture
def image():
    cache.clear()
    return get_image_model().objects.create(title="Ảnh", file=get_test_image_file())


def fresh(image):
    return get_image_model().objects.get(pk=image.pk)


def test_missing_renditions_are_made_and_found_again(image):
    made = renditions_of(image, *SPECS)
    assert list(made) == list(SPECS)
    assert (made["width-100"].width, made["fill-40x30"].height) == (100, 30)
    assert image.renditions.count() == 2
    again = renditions_of(fresh(image), *SPECS)  # from the cache this time
    assert {spec: r.file.name for spec, r in again.items()} == {
        s: r.file.name for s, r in made.items()
    }
    assert image.renditions.count() == 2
    # Wagtail's own answer is the same.
    wagtails = fresh(image).get_renditions(*SPECS)
    assert {s: r.file.name for s, r in wagtails.items()} == {
        s: r.file.name for s, r in made.items()
    }


def test_renditions_out_of_the_cache_are_read_from_the_database(image):
    made = renditions_of(image, *SPECS)
    cache.clear()
    found = renditions_of(fresh(image), *SPECS)
    assert {s: r.file.name for s, r in found.items()} == {s: r.file.name for s, r in made.items()}


def test_several_images_are_read_in_one_go(image):
    other = get_image_model().objects.create(title="Khác", file=get_test_image_file())
    renditions_of(image, *SPECS)
    renditions_of(other, SPECS[0])  # the other one lacks a rendition
    first, second, same_as_first = fresh(image), fresh(other), fresh(image)
    read_renditions([first, second, same_as_first], *SPECS)
    assert {r.filter_spec for r in first.prefetched_renditions} == set(SPECS)
    assert all(r.image is first for r in first.prefetched_renditions)
    assert all(r.image is same_as_first for r in same_as_first.prefetched_renditions)
    assert not hasattr(second, "prefetched_renditions")
    # Read from what was kept, and what the other lacks is made.
    assert renditions_of(first, *SPECS)["fill-40x30"].height == 30
    assert renditions_of(second, *SPECS)["fill-40x30"].height == 30
