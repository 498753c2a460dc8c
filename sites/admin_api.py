"""Wagtail's admin API endpoints for images and documents, confined to what the user may
choose or edit: the stock ones list every title, whatever the collection."""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from .queries import permitted

# What the choosers need ("choose"), plus what the media listings show ("change", which
# includes the user's own uploads).
MEDIA_ACTIONS = ["choose", "change"]


class PermittedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return permitted(super().get_queryset(), self.request.user, MEDIA_ACTIONS)


class PermittedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return permitted(super().get_queryset(), self.request.user, MEDIA_ACTIONS)
