"""Wagtail's rich text link and embed handlers, expanding only references to public pages,
documents and images (registered in `wagtail_hooks`; see `references`)."""

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from sites.visibility import Visibility


def _public_only(objects: list, visibility: Visibility | None = None) -> list:
    visibility = visibility or Visibility.anonymous()
    return [visibility.public(obj) for obj in objects]


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        return _public_only(super().get_many(attrs_list))


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        return _public_only(super().get_many(attrs_list))


class PublicImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        return _public_only(super().get_many(attrs_list))
