"""The Wagtail API v2 router: pages, images and documents, the stock way."""

from django.urls import get_script_prefix
from wagtail.api.v2.router import WagtailAPIRouter

from .views.media import DocumentsViewSet, ImagesViewSet
from .views.pages import PagesViewSet

# A primary key to reverse detail URLs with: it appears nowhere else in a URL path.
_SAMPLE_PK = 918_273_645


class APIRouter(WagtailAPIRouter):
    """Wagtail's router, with an object's detail URL path filled in from its endpoint's URL,
    reversed once per endpoint and script prefix: a listing gives two or three URLs per item,
    and Django's `reverse` was the largest cost of building them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._detail_paths: dict[tuple[str, str], tuple[str, str] | None] = {}

    def get_object_detail_urlpath(self, model, pk):
        endpoint = self.get_model_endpoint(model)
        if not endpoint or not isinstance(pk, int):
            return super().get_object_detail_urlpath(model, pk)
        key = (endpoint[0], get_script_prefix())
        if key not in self._detail_paths:
            sample = super().get_object_detail_urlpath(model, _SAMPLE_PK)
            parts = sample.split(str(_SAMPLE_PK))
            self._detail_paths[key] = (parts[0], parts[1]) if len(parts) == 2 else None
        parts = self._detail_paths[key]
        if parts is None:
            return super().get_object_detail_urlpath(model, pk)
        return f"{parts[0]}{pk}{parts[1]}"


api_router = APIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesViewSet)
api_router.register_endpoint("images", ImagesViewSet)
api_router.register_endpoint("documents", DocumentsViewSet)
