from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Site
from wagtail.snippets.models import register_snippet

from .admin_api import PermittedDocumentsAdminAPIViewSet, PermittedImagesAdminAPIViewSet
from .queries import chooser_pages_q
from .references import hidden_references
from .views import AgencyViewSet, provision_site_view, reorganise_view

register_snippet(AgencyViewSet)


@hooks.register("register_admin_urls")
def register_provision_url():
    return [
        path("sites/provision/", provision_site_view, name="sites_provision"),
        path("sites/reorganise/", reorganise_view, name="sites_reorganise"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_provision_menu_item():
    return SuperuserMenuItem(
        _("Tạo trang thành phần"), reverse("sites_provision"), icon_name="site", order=602
    )


@hooks.register("register_settings_menu_item")
def register_reorganise_menu_item():
    return SuperuserMenuItem(
        _("Sắp xếp cơ quan"), reverse("sites_reorganise"), icon_name="resubmit", order=603
    )


@hooks.register("register_log_actions")
def register_reorganisation_log_actions(actions):
    actions.register_action("agency_sites.merge", _("Hợp nhất cơ quan"), _("Hợp nhất cơ quan"))
    actions.register_action("agency_sites.rename", _("Đổi tên cơ quan"), _("Đổi tên cơ quan"))
    actions.register_action("agency_sites.close", _("Giải thể cơ quan"), _("Giải thể cơ quan"))
    actions.register_action("agency_sites.split", _("Tách cơ quan"), _("Tách cơ quan"))


@hooks.register("before_delete_page")
def protect_site_roots(request, page):
    """A site's home page goes only with its site, which only superusers remove."""
    if not request.user.is_superuser and Site.objects.filter(root_page=page).exists():
        messages.error(request, _("Không thể xoá trang chủ của một trang thành phần."))
        return redirect("wagtailadmin_explore", page.pk)
    return None


@hooks.register("before_move_page")
def refuse_unpermitted_moves(request, page, destination):
    """Wagtail's move confirmation page checks permissions only when the move is posted; its
    GET would show any page's title to any editor."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return None


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser(pages, request):
    """Editors choose among their own sites' pages; elsewhere only published, public ones."""
    return pages.filter(chooser_pages_q(request.user))


# After Wagtail's own (order 0), which registers the stock endpoints under the same names.
@hooks.register("construct_admin_api", order=1)
def confine_admin_api_media(router):
    router.register_endpoint("images", PermittedImagesAdminAPIViewSet)
    router.register_endpoint("documents", PermittedDocumentsAdminAPIViewSet)


@hooks.register("construct_reports_menu")
def hide_superuser_reports(request, menu_items):
    """Only superusers see the page types usage report: it names pages of every site."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def flag_hidden_references(request, page):
    """Tells the editor what the public will not see of the page: the drafts, restricted
    pages and private media it refers to are left out of every public output."""
    count = len(hidden_references(page))
    if count:
        messages.warning(
            request,
            _(
                "Trang này tham chiếu %(count)s mục chưa công khai (trang nháp, trang hạn chế "
                "hoặc ảnh, tài liệu trong bộ sưu tập riêng): người xem sẽ không thấy chúng cho "
                "đến khi chúng được công khai."
            )
            % {"count": count},
        )
