"""Admin: front-end configuration (each site's admins keep their own), the portal-wide CORS
list, webhooks, the delivery log and the preview button."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from sites.models import Agency, AgencyGroup
from sites.permission_policies import SiteScopedPermissionPolicy
from sites.queries import permitted
from sites.snippet_forms import SiteScopedSnippetForm

from .admin_forms import WebhookEndpointEditForm
from .admin_views import preview_on_frontend
from .models import FrontendConfig, WebhookDelivery, WebhookEndpoint

register_permission_policy(FrontendConfig, SiteScopedPermissionPolicy(FrontendConfig))


class FrontendPreviewMenuItem(ActionMenuItem):
    label = _("Xem trước trên front-end")
    name = "action-frontend-preview"
    icon_name = "view"

    def is_shown(self, context):
        return context.get("view") == "edit"

    def get_url(self, parent_context):
        return reverse("api_preview_on_frontend", args=[parent_context["page"].pk])


class OwnSitesMixin:
    """Lists and opens only the entries of the sites the user may configure."""

    def get_queryset(self):
        return permitted(super().get_queryset(), self.request.user, ["add", "change", "delete"])


class FrontendConfigIndexView(OwnSitesMixin, generic.IndexView):
    pass


class FrontendConfigEditView(OwnSitesMixin, generic.EditView):
    pass


class FrontendConfigDeleteView(OwnSitesMixin, generic.DeleteView):
    pass


class FrontendConfigViewSet(ModelViewSet):
    """A site's admins see and edit their own site's entry only (SiteScopedPermissionPolicy);
    the form offers only their sites."""

    model = FrontendConfig
    index_view_class = FrontendConfigIndexView
    edit_view_class = FrontendConfigEditView
    delete_view_class = FrontendConfigDeleteView
    icon = "site"
    menu_label = _("Front-end và CORS")
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("frontend_url"), FieldPanel("cors_origins")],
        base_form_class=SiteScopedSnippetForm,
    )
    list_display = ["site", "frontend_url"]


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Webhook")
    form_fields = ["site", "url", "secret", "is_active"]
    list_display = ["site", "url", "is_active"]

    def get_form_class(self, for_update: bool = False):
        # The secret is shown once, on the creation form (prefilled with a random value).
        return WebhookEndpointEditForm if for_update else super().get_form_class(for_update)


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = _("Nhật ký webhook")
    form_fields = ["status"]
    list_display = [
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "created_at",
    ]
    list_filter = ["status", "event_type"]
    inspect_view_enabled = True


class APIViewSetGroup(ModelViewSetGroup):
    menu_label = _("API")
    menu_icon = "code"
    items = [FrontendConfigViewSet, WebhookEndpointViewSet, WebhookDeliveryViewSet]


@hooks.register("register_admin_viewset")
def register_api_viewsets():
    return APIViewSetGroup()


@hooks.register("register_site_role_permissions")
def api_role_permissions(role: str, agency_kind: str) -> list[str]:
    """Site admins set their site's front-end address and CORS origins; the portal's also
    keep the portal-wide origin list."""
    if role != AgencyGroup.Role.SITE_ADMIN:
        return []
    permissions = ["api.add_frontendconfig", "api.change_frontendconfig"]
    if agency_kind == Agency.Kind.PORTAL:
        permissions.append("api.change_portalfrontendsettings")
    return permissions


@hooks.register("register_page_action_menu_item")
def register_frontend_preview():
    return FrontendPreviewMenuItem(order=15)


@hooks.register("register_admin_urls")
def register_preview_url():
    return [
        path("api-preview/<int:page_id>/", preview_on_frontend, name="api_preview_on_frontend"),
    ]
