"""Wagtail's admin API endpoints for images and documents, confined to what the user may
choose or edit: the stock ones list every title, whatever the collection."""

from django.db.models import QuerySet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

# What the choosers need ("choose"), plus what the media listings show ("change", which
# includes the user's own uploads).
MEDIA_ACTIONS = ["choose", "change"]


def _permitted(queryset: QuerySet, user) -> QuerySet:
    policy = policy_registry.get_by_type(queryset.model)
    return queryset.filter(
        pk__in=policy.instances_user_has_any_permission_for(user, MEDIA_ACTIONS).values("pk")
    )


class PermittedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return _permitted(super().get_queryset(), self.request.user)


class PermittedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return _permitted(super().get_queryset(), self.request.user)
