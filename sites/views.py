"""Admin views for site-scoped snippets: listings, choosers and edit forms stay on the
editor's own sites, and URLs with another site's object ids are refused."""

from django.http import Http404
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from .permission_policies import SiteScopedPermissionPolicy
from .queries import sites_for_user


class _UserSitesObjectListMixin:
    def get_object_list(self):
        return super().get_object_list().filter(site__in=sites_for_user(self.request.user))


class SiteScopedChooseView(_UserSitesObjectListMixin, ChooseView):
    pass


class SiteScopedChooseResultsView(_UserSitesObjectListMixin, ChooseResultsView):
    pass


class SiteScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        obj = super().get_object(pk)
        if not sites_for_user(self.request.user).filter(pk=obj.site_id).exists():
            raise Http404
        return obj


class SiteScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return super().get_objects(pks).filter(site__in=sites_for_user(self.request.user))


class SiteScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SiteScopedChooseView
    choose_results_view_class = SiteScopedChooseResultsView
    chosen_view_class = SiteScopedChosenView
    chosen_multiple_view_class = SiteScopedChosenMultipleView


class SiteScopedSnippetViewSet(SnippetViewSet):
    """Register snippets that subclass `sites.models.SiteScopedModel` with this viewset."""

    chooser_viewset_class = SiteScopedChooserViewSet
    list_filter = ["site"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not isinstance(
            policy_registry.get_by_type(self.model, fallback=False), SiteScopedPermissionPolicy
        ):
            register_permission_policy(
                self.model, SiteScopedPermissionPolicy(self.model), exact_class=True
            )

    def get_queryset(self, request):
        return self.model._default_manager.filter(site__in=sites_for_user(request.user))
