"""The Wagtail API v2 router: pages, images and documents, the stock way."""

from wagtail.api.v2.router import WagtailAPIRouter

from .views.media import DocumentsViewSet, ImagesViewSet
from .views.pages import PagesViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesViewSet)
api_router.register_endpoint("images", ImagesViewSet)
api_router.register_endpoint("documents", DocumentsViewSet)
