from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sites.models import Agency, AgencyGroup
from sites.views import ManagedChooserViewSet, SiteScopedSnippetViewSet

from .forms import PortalFeatureForm
from .permission_policies import PortalFeaturePermissionPolicy
from .snippets import NewsCategory, PortalFeature


class NewsCategoryViewSet(SiteScopedSnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug", "site"]
    search_fields = ["name"]


portal_feature_edit_handler = ObjectList(
    [FieldPanel("news_page")], base_form_class=PortalFeatureForm
)


class PortalFeatureViewSet(SnippetViewSet):
    model = PortalFeature
    icon = "pick"
    menu_label = _("Tin trên Cổng tỉnh")
    list_display = ["news_page", "featured_by", "featured_at"]
    edit_handler = portal_feature_edit_handler
    # Only the portal's editors, who manage the list, choose from it.
    chooser_viewset_class = ManagedChooserViewSet


register_permission_policy(PortalFeature, PortalFeaturePermissionPolicy(PortalFeature))
register_snippet(NewsCategoryViewSet)
register_snippet(PortalFeatureViewSet)


@hooks.register("register_site_role_permissions")
def news_role_permissions(role: str, agency_kind: str) -> list[str]:
    """Chief editors and site admins keep their site's categories; on the provincial portal
    they also choose which sub-site news the portal features."""
    if role not in {AgencyGroup.Role.CHIEF_EDITOR, AgencyGroup.Role.SITE_ADMIN}:
        return []
    permissions = [f"news.{action}_newscategory" for action in ("add", "change", "delete")]
    if agency_kind == Agency.Kind.PORTAL:
        permissions += [f"news.{action}_portalfeature" for action in ("add", "change", "delete")]
        permissions.append("news.feature_on_portal")
    return permissions
