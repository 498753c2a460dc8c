from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search.pages import search_page

urlpatterns = [
    path("", include("health.urls")),
    path("django-admin/", admin.site.urls),
    # Confined versions of some Wagtail admin views, at Wagtail's own paths (sites.admin_urls).
    path("admin/", include("sites.admin_urls")),
    # Uploads land in the agency's "Hình ảnh"/"Tài liệu" collection (editorial.admin_urls).
    path("admin/", include("editorial.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/search/", include("search.urls")),
    path("api/v2/", include("api.urls")),
    path("api/", include("api.docs_urls")),
    # The front-end's search page; a page with the slug "tim-kiem" would be shadowed.
    path("tim-kiem/", search_page, name="search_page"),
    # Asking a question, its status, commenting on a draft (participation.urls).
    path("", include("participation.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A lost database answers 503 (health.views.server_error), other errors 500.
handler500 = "health.views.server_error"

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
