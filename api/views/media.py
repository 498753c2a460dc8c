"""Images and documents: Wagtail's endpoints plus renditions and file details."""

from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from ..fields import FileDocumentSerializer, RenditionImageSerializer
from .base import APIViewSetMixin


class ImagesViewSet(APIViewSetMixin, ImagesAPIViewSet):
    base_serializer_class = RenditionImageSerializer
    meta_fields = [*ImagesAPIViewSet.meta_fields, "renditions"]
    listing_default_fields = [*ImagesAPIViewSet.listing_default_fields, "renditions"]
    nested_default_fields = [*ImagesAPIViewSet.nested_default_fields, "renditions"]


class DocumentsViewSet(APIViewSetMixin, DocumentsAPIViewSet):
    base_serializer_class = FileDocumentSerializer
    meta_fields = [*DocumentsAPIViewSet.meta_fields, "file"]
    listing_default_fields = [*DocumentsAPIViewSet.listing_default_fields, "file"]
    nested_default_fields = [*DocumentsAPIViewSet.nested_default_fields, "file"]
