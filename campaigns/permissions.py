"""Who may do what with pledges in the admin, beyond the model permissions given to "Campaign managers"."""

from typing import Any

from django.db.models import QuerySet

from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.models import Pledge


class PledgePermissionPolicy(ModelPermissionPolicy):
    """Pledges are cancelled or expire, never deleted: a deletion would lose the record and the counts.

    "change" is what a Campaign manager needs to record arrivals and cancel pledges.
    """

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions: Any) -> QuerySet:
        return super().users_with_any_permission([action for action in actions if action != "delete"])


pledge_permission_policy = PledgePermissionPolicy(Pledge)
