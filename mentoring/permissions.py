"""Who may do what in the admin, beyond the model permissions given to "Mentoring coordinators"."""

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The mentee access log can be read by whoever may view it and changed by nobody, superusers included."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action == "view"]
        if not actions:
            return self._get_users_with_any_permission_codenames([]).none()
        return super().users_with_any_permission(actions)
