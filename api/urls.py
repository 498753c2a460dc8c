"""Everything under /api/v2/ (no namespace here: Wagtail reverses `wagtailapi:…` itself)."""

from django.urls import path, re_path

from .errors import unknown_endpoint
from .ratelimit import rate_limited
from .router import api_router
from .views import extra, participation
from .views.preview import PreviewViewSet

urlpatterns = [
    path("", api_router.urls),
    path("sites/", extra.SitesView.as_view(), name="api-sites"),
    path("sites/<int:pk>/", extra.SiteDetailView.as_view(), name="api-site-detail"),
    path("menus/", extra.MenusView.as_view(), name="api-menus"),
    path("redirects/", extra.RedirectsView.as_view(), name="api-redirects"),
    path("news-categories/", extra.NewsCategoriesView.as_view(), name="api-news-categories"),
    path("sectors/", extra.SectorsView.as_view(), name="api-sectors"),
    path(
        "preview/",
        rate_limited("preview")(PreviewViewSet.as_view({"get": "preview_view"})),
        name="api-preview",
    ),
    path("participation/token/", participation.FormTokenView.as_view(), name="api-form-token"),
    path("questions/", participation.QuestionsView.as_view(), name="api-questions"),
    path(
        "questions/<str:code>/",
        rate_limited("participation_lookup")(participation.QuestionStatusView.as_view()),
        name="api-question-status",
    ),
    path(
        "questions/<str:code>/reply/",
        participation.QuestionReplyView.as_view(),
        name="api-question-reply",
    ),
    path(
        "consultations/<int:pk>/comments/",
        participation.CommentsView.as_view(),
        name="api-consultation-comments",
    ),
    # Last: any other slash-ended URL here (e.g. /pages/abc/) is a JSON 404, not the site's
    # HTML page; URLs without the slash still get APPEND_SLASH's redirect first.
    re_path(r"^(?P<path>[\s\S]*/)$", unknown_endpoint),
]
