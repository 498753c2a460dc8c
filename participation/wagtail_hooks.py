"""The inbox of citizens' questions and comments in the admin: URLs, menu, dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from sites.queries import sites_for_user

from . import admin_views
from .panels import InboxCountsPanel


@hooks.register("register_admin_urls")
def register_participation_urls() -> list:
    return [
        path("participation/questions/", admin_views.inbox, name="participation_inbox"),
        path(
            "participation/questions/<int:pk>/",
            admin_views.question_detail,
            name="participation_question",
        ),
        path(
            "participation/questions/<int:pk>/attachment/",
            admin_views.question_attachment,
            name="participation_question_attachment",
        ),
        path(
            "participation/questions/<int:pk>/<slug:action>/",
            admin_views.question_action,
            name="participation_question_action",
        ),
        path("participation/comments/", admin_views.comment_inbox, name="participation_comments"),
        path(
            "participation/comments/<int:pk>/moderate/",
            admin_views.comment_moderate,
            name="participation_comment_moderate",
        ),
        path(
            "participation/consultations/<int:pk>/export/",
            admin_views.comment_export,
            name="participation_comment_export",
        ),
    ]


class AgencyStaffMenuItem(MenuItem):
    """Shown to people who work on a site (superusers included)."""

    def is_shown(self, request) -> bool:
        # Asked of both items, twice each, on every admin screen (three queries): once a request.
        shown = getattr(request, "_works_on_a_site", None)
        if shown is None:
            shown = request._works_on_a_site = sites_for_user(request.user).exists()
        return shown


@hooks.register("register_admin_menu_item")
def register_participation_menu() -> SubmenuMenuItem:
    submenu = Menu(
        items=[
            AgencyStaffMenuItem(
                _("Câu hỏi của công dân"), reverse("participation_inbox"), icon_name="help"
            ),
            AgencyStaffMenuItem(
                _("Ý kiến góp ý dự thảo"), reverse("participation_comments"), icon_name="comment"
            ),
        ]
    )
    return SubmenuMenuItem(_("Hỏi đáp – Góp ý"), submenu, icon_name="help", order=230)


@hooks.register("construct_homepage_panels")
def add_inbox_counts(request, panels: list) -> None:
    panels.append(InboxCountsPanel())
