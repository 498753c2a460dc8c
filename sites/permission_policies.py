"""Permission policies that confine objects to the sites an editor works on."""

from django.db.models import Model, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from .queries import sites_for_user


class SiteScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions as usual, but only on objects whose `site` the user works on."""

    site_field = "site"

    def _site_ids(self, user) -> set[int]:
        cache_name = "_site_scoped_site_ids"
        if not hasattr(user, cache_name):
            setattr(user, cache_name, set(sites_for_user(user).values_list("pk", flat=True)))
        return getattr(user, cache_name)

    def _on_user_site(self, user, instance: Model) -> bool:
        return user.is_superuser or getattr(instance, f"{self.site_field}_id") in self._site_ids(
            user
        )

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action) and self._on_user_site(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.user_has_any_permission(user, actions) and self._on_user_site(user, instance)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        objects = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser:
            return objects
        return objects.filter(**{f"{self.site_field}__in": self._site_ids(user)})

    def instances_user_has_permission_for(self, user, action) -> QuerySet:
        return self.instances_user_has_any_permission_for(user, [action])
