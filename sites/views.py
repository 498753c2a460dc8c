"""Admin views for site-scoped snippets: listings, choosers and edit forms stay on the
editor's own sites, and URLs with another site's object ids are refused."""

from functools import wraps

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.decorators import user_passes_test
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import ProvisionSiteForm, ReorganisationForm
from .models import Agency, Reorganisation
from .permission_policies import SiteScopedPermissionPolicy
from .provisioning import ProvisioningError, provision_agency_site
from .queries import permitted, sites_for_user
from .reorganisation.apply import ConflictError, apply_plan
from .reorganisation.plan import build_plan
from .reorganisation.report import describe


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


# The portal's featured list belongs to the team that may edit it.
MANAGE_ACTIONS = ["add", "change", "delete"]


def _managed(queryset, user):
    return permitted(queryset, user, MANAGE_ACTIONS)


class _ManagedObjectListMixin:
    def get_object_list(self):
        return _managed(super().get_object_list(), self.request.user)


class ManagedChooseView(_ManagedObjectListMixin, ChooseView):
    pass


class ManagedChooseResultsView(_ManagedObjectListMixin, ChooseResultsView):
    pass


class ManagedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return _managed(self.model_class.objects.all(), self.request.user).get(pk=pk)


class ManagedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return _managed(super().get_objects(pks), self.request.user)


class ManagedChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser offering only the objects the user may manage (add, change or
    delete, per the model's permission policy): for snippets that are not site-scoped but
    belong to one team, such as the portal's featured news."""

    choose_view_class = ManagedChooseView
    choose_results_view_class = ManagedChooseResultsView
    chosen_view_class = ManagedChosenView
    chosen_multiple_view_class = ManagedChosenMultipleView


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

    def construct_view(self, view_class, **kwargs):
        """Every view of one object (edit, delete, copy, history, usage, revisions…) answers
        404 for an object of a site the user doesn't work on: Wagtail's object views load by
        primary key alone."""
        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @wraps(view)
        def scoped_view(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if (
                pk is not None
                and not model._default_manager.filter(
                    pk=unquote(str(pk)), site__in=sites_for_user(request.user)
                ).exists()
            ):
                raise Http404
            return view(request, *args, **view_kwargs)

        return scoped_view


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Cơ quan")
    list_display = ["name", "slug", "kind", "status", "site"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "short_name", "slug"]


@user_passes_test(lambda user: user.is_superuser)
def provision_site_view(request: HttpRequest) -> HttpResponse:
    """Superusers create an agency's whole site from one form (same service as the command)."""
    form = ProvisionSiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = provision_agency_site(**form.cleaned_data)
        except ProvisioningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Đã tạo trang %(name)s tại %(host)s.")
                % {"name": result.agency.name, "host": result.site.hostname},
            )
            return redirect("wagtailsnippets_agency_sites_agency:list")
    return TemplateResponse(
        request,
        "sites/provision_site.html",
        {"form": form, "page_title": _("Tạo trang thành phần")},
    )


@user_passes_test(lambda user: user.is_superuser)
def reorganise_view(request: HttpRequest) -> HttpResponse:
    """Superusers see a reorganisation plan's dry run, then apply it (same service as the
    `reorganise` command)."""
    form = ReorganisationForm(request.POST or None)
    plans, error = None, None
    if request.method == "POST" and form.is_valid():
        spec = form.cleaned_data["plan"]
        if request.POST.get("action") == "apply":
            try:
                result = apply_plan(spec, user=request.user)
            except ConflictError as exc:
                plans, error = exc.plans, str(exc)
            else:
                if result.already_applied:
                    messages.info(
                        request, _("Kế hoạch đã được áp dụng trước đây; không thay đổi gì.")
                    )
                else:
                    messages.success(request, _("Đã áp dụng “%s”.") % spec.name)
                return redirect("sites_reorganise")
        else:
            plans = build_plan(spec)
    return TemplateResponse(
        request,
        "sites/reorganise.html",
        {
            "form": form,
            "plans": [describe(plan) for plan in plans] if plans is not None else None,
            "blocked": bool(plans and any(plan.blocking for plan in plans)),
            "error": error,
            "history": Reorganisation.objects.select_related("applied_by")[:20],
            "page_title": _("Sắp xếp cơ quan"),
        },
    )
