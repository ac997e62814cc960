"""Who may do what with erasure requests: read them (``view``) and complete them (``complete``).

Nobody adds, edits or deletes one in the admin, superusers included: requests come from the
people themselves and are closed only by completing them (``services.complete_erasure``).
"""

from typing import Any

from django.db.models import QuerySet

from wagtail.permission_policies import ModelPermissionPolicy

from privacy.models import ErasureRequest

ACTIONS = ("view", "complete")


class ErasurePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions: Any) -> QuerySet:
        allowed = [action for action in actions if action in ACTIONS]
        if not allowed:
            return self._get_users_with_any_permission_codenames([]).none()
        return super().users_with_any_permission(allowed)


erasure_permission_policy = ErasurePermissionPolicy(ErasureRequest)
