"""Admin: front-end configuration, webhooks, the delivery log and the preview button."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .admin_forms import WebhookEndpointEditForm
from .admin_views import preview_on_frontend
from .models import FrontendConfig, WebhookDelivery, WebhookEndpoint


class FrontendPreviewMenuItem(ActionMenuItem):
    label = _("Xem trước trên front-end")
    name = "action-frontend-preview"
    icon_name = "view"

    def is_shown(self, context):
        return context.get("view") == "edit"

    def get_url(self, parent_context):
        return reverse("api_preview_on_frontend", args=[parent_context["page"].pk])


class FrontendConfigViewSet(ModelViewSet):
    model = FrontendConfig
    icon = "site"
    menu_label = _("Front-end và CORS")
    form_fields = ["site", "frontend_url", "cors_origins"]
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


@hooks.register("register_page_action_menu_item")
def register_frontend_preview():
    return FrontendPreviewMenuItem(order=15)


@hooks.register("register_admin_urls")
def register_preview_url():
    return [
        path("api-preview/<int:page_id>/", preview_on_frontend, name="api_preview_on_frontend"),
    ]
