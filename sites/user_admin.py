"""The users admin, confined: a site admin sees and manages only the users of their own
agency's editorial groups and can grant nothing beyond those groups."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from wagtail.admin.views.generic.usage import UsageView as GenericUsageView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as user_views

from .models import AgencyGroup

User = get_user_model()


def manageable_groups(user) -> QuerySet[Group]:
    """Groups whose membership `user` may change: all for superusers; otherwise the groups
    of every agency where `user` is a site admin."""
    if user.is_superuser:
        return Group.objects.all()
    agencies = AgencyGroup.objects.filter(
        role=AgencyGroup.Role.SITE_ADMIN, group__user=user
    ).values("agency")
    return Group.objects.filter(agency_role__agency__in=agencies)


def managed_users(user) -> QuerySet:
    """Users `user` may see and edit in the admin: those whose every group is manageable."""
    if user.is_superuser:
        return User._default_manager.all()
    groups = manageable_groups(user)
    outside = Group.objects.exclude(pk__in=groups.values("pk"))
    return (
        User._default_manager.filter(groups__in=groups, is_superuser=False)
        .exclude(groups__in=outside)
        .distinct()
    )


class AgencyUserPermissionPolicy(ModelPermissionPolicy):
    def _manages(self, user, instance) -> bool:
        return managed_users(user).filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action) and self._manages(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.user_has_any_permission(user, actions) and self._manages(user, instance)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if not self.user_has_any_permission(user, actions):
            return User._default_manager.none()
        return managed_users(user)


class _ConfinedFormMixin:
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is None or for_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        self.fields["groups"].queryset = manageable_groups(for_user)
        self.fields["groups"].required = True


class AgencyUserCreationForm(_ConfinedFormMixin, UserCreationForm):
    pass


class AgencyUserEditForm(_ConfinedFormMixin, UserEditForm):
    pass


class _ForUserFormKwargsMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class AgencyUserFilterSet(user_views.UserFilterSet):
    """The group filter offers only the groups the request user manages."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["group"].queryset = manageable_groups(request.user)


class IndexView(user_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=managed_users(self.request.user))


class CreateView(_ForUserFormKwargsMixin, user_views.CreateView):
    pass


class _ManagedUserMixin:
    """Refuses users outside the request user's agency, whatever the URL says."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not managed_users(self.request.user).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj


class EditView(_ManagedUserMixin, _ForUserFormKwargsMixin, user_views.EditView):
    pass


class DeleteView(_ManagedUserMixin, user_views.DeleteView):
    pass


class HistoryView(_ManagedUserMixin, user_views.HistoryView):
    pass


class UsageView(_ManagedUserMixin, GenericUsageView):
    pass


class AgencyUserViewSet(user_views.UserViewSet):
    filterset_class = AgencyUserFilterSet
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView

    def get_form_class(self, for_update=False):
        return AgencyUserEditForm if for_update else AgencyUserCreationForm
