"""Renditions read the cheap way: from those prefetched with the image, else with one cache
read. Wagtail's Image.get_renditions also writes every rendition it has just read from the
cache back to it (only prefetched ones are marked as already cached), so every image of
every API response cost a cache read, a write and the pickling."""

from copy import copy
from functools import lru_cache

from wagtail.images.models import AbstractImage, AbstractRendition, Filter


@lru_cache(maxsize=256)
def filter_for(spec: str) -> Filter:
    """One Filter per spec: a Filter parses its spec into operations on first use, and the
    rendition cache key is worked out from them for every image."""
    return Filter(spec=spec)


def renditions_of(image: AbstractImage, *specs: str) -> dict[str, AbstractRendition]:
    """The renditions of `image` for `specs`, by spec; those missing are made (and cached)
    by Wagtail."""
    filters = [image.clean_filter_for_svg(filter_for(spec)) for spec in specs]
    if image._get_prefetched_renditions() is not None:
        return dict(zip(specs, image.get_renditions(*filters).values(), strict=True))
    rendition_model = image.get_rendition_model()
    keys = {
        rendition_model.construct_cache_key(image, filter_.get_cache_key(image), filter_.spec): spec
        for spec, filter_ in zip(specs, filters, strict=True)
    }
    found = {}
    for key, rendition in rendition_model.cache_backend.get_many(list(keys)).items():
        rendition.image = image  # as Wagtail does: the image's own alt text applies
        found[keys[key]] = rendition
    missing = [
        (spec, filter_) for spec, filter_ in zip(specs, filters, strict=True) if spec not in found
    ]
    if missing:
        made = image.get_renditions(*(filter_ for _spec, filter_ in missing))
        found.update(zip((spec for spec, _filter in missing), made.values(), strict=True))
    return found


def read_renditions(images: list[AbstractImage], *specs: str) -> None:
    """The renditions of several images read with one cache read, and kept on each image as
    if prefetched with it; an image with any of them not cached is left as it was (and
    `renditions_of` makes or reads what it lacks)."""
    if not images or not specs:
        return
    rendition_model = images[0].get_rendition_model()
    holders: dict[str, list[AbstractImage]] = {}
    for image in images:
        for spec in specs:
            filter_ = image.clean_filter_for_svg(filter_for(spec))
            key = rendition_model.construct_cache_key(
                image, filter_.get_cache_key(image), filter_.spec
            )
            holders.setdefault(key, []).append(image)
    found: dict[int, list[AbstractRendition]] = {}
    for key, rendition in rendition_model.cache_backend.get_many(list(holders)).items():
        for image in holders[key]:
            found.setdefault(id(image), []).append(
                copy(rendition) if image is not holders[key][0] else rendition
            )
    for image in images:
        renditions = found.get(id(image), [])
        if len(renditions) == len(specs):
            for rendition in renditions:
                rendition.image = image  # as Wagtail does: the image's own alt text applies
            image.prefetched_renditions = renditions
