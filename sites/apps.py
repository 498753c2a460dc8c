from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class SitesConfig(AppConfig):
    # This module holds two configs; this is the one INSTALLED_APPS' "sites" means.
    default = True
    name = "sites"
    label = "agency_sites"
    verbose_name = _("Trang thành phần")

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.models import AbstractPage

        from . import admin_history, roots, signal_handlers
        from .slugs import VietnameseSlugInput
        from .widgets import LiveTitlePageChooser

        signal_handlers.register_signal_handlers()
        admin_history.confine_page_filters()
        # Page URLs find their sites along their url_path, not by testing every site.
        roots.index_page_urls()
        # Every slug field in the admin folds Vietnamese as it makes the slug (sites.slugs).
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
        # Page foreign keys: the chooser shows a live page by its published title (over
        # Wagtail's own override, same key, registered when its forms module loaded).
        register_form_field_override(
            models.ForeignKey,
            to=AbstractPage,
            override=lambda db_field: {
                "widget": LiveTitlePageChooser(target_models=[db_field.remote_field.model])
            },
        )


class AgencyUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users admin, confined to each site admin's own agency (sites.user_admin)."""

    user_viewset = "sites.user_admin.AgencyUserViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model
        from wagtail.permissions import register_permission_policy

        from .user_admin import AgencyUserPermissionPolicy

        User = get_user_model()
        register_permission_policy(User, AgencyUserPermissionPolicy(User))
