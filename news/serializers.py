"""API representations of the news relations that Wagtail cannot serialise by itself. A
related page passes the public filter (sites.visibility): one that is not public is null."""

from rest_framework import serializers

from home.compiled import related_objects
from sites.visibility import Visibility


class CategoriesField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> list[dict]:
        categories = related_objects(page, "categories")
        if categories is None:
            categories = page.categories.all()
        return [
            {"id": category.pk, "name": category.name, "slug": category.slug}
            for category in categories
        ]


class PageLinkField(serializers.Field):
    """A page as a link: id, title and its canonical URL on its own site."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page) -> dict | None:
        if not Visibility.for_context(self.context).allows(page):
            return None
        return {"id": page.pk, "title": page.title, "url": page.full_url}
