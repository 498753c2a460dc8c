"""Admin side of the headless preview: a token for the page, then off to the front-end."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import FrontendConfig
from .preview import frontend_preview_url


def preview_on_frontend(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    site = page.get_site()
    config = FrontendConfig.objects.filter(site=site).first() if site else None
    if config is None or not config.frontend_url:
        messages.error(request, _("Trang thông tin này chưa cấu hình địa chỉ front-end."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect(frontend_preview_url(config.frontend_url, page))
