"""The bench URLconf: the project's URLs plus a stock Wagtail API v2 on the same data.

The stock router lives outside /api/ so that none of the project's API machinery (response
cache, site scoping, filters, serializers) touches it: it is the baseline the issue asks for.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as project_urlpatterns

stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)

STOCK_PREFIX = "stock-api/v2/"

urlpatterns = [path(STOCK_PREFIX, stock_router.urls), *project_urlpatterns]
