from wagtail.permission_policies import ModelPermissionPolicy


class PortalFeaturePermissionPolicy(ModelPermissionPolicy):
    """Managing the portal's featured news needs the usual model permission *and*
    `news.feature_on_portal`, which only the portal's chief editors hold."""

    feature_permission = "feature_on_portal"

    def user_has_permission(self, user, action) -> bool:
        return super().user_has_permission(user, action) and user.has_perm(
            f"{self.app_label}.{self.feature_permission}"
        )

    def users_with_any_permission(self, actions):
        return (
            super()
            .users_with_any_permission(actions)
            .filter(self._get_users_with_any_permission_codenames_filter([self.feature_permission]))
        )
