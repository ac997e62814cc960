"""Django's and allauth's authentication backends, loading what every signed-in request needs in fewer queries.

A signed-in request reads the user, asks their permissions and, for staff, whether two-factor
sign-in is set up (``accounts.staff``) and their Wagtail admin profile (language, theme). Django
asks for each separately: five queries. Here the user comes with their admin profile and a
"has a second factor" flag in one query, and their own and their groups' permissions in one
more. Nothing is kept between requests: every request asks the database again, so a change of
groups, permissions or authenticators counts from the next request on, as before.
"""

from typing import Any

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Permission
from django.db.models import CharField, Exists, OuterRef, QuerySet, Value

from allauth.account import auth_backends
from allauth.mfa.models import Authenticator

from accounts.staff import SECOND_FACTOR_ANNOTATION, SECOND_FACTORS


def signed_in_users() -> QuerySet[Any]:
    """Users with their admin profile and whether they have a second factor (``accounts.staff``)."""
    return (
        get_user_model()
        ._default_manager.select_related("wagtail_userprofile")
        .annotate(
            **{
                SECOND_FACTOR_ANNOTATION: Exists(
                    Authenticator.objects.filter(user=OuterRef("pk"), type__in=SECOND_FACTORS)
                )
            }
        )
    )


class OneQueryMixin:
    """``get_user`` and ``get_all_permissions`` of Django's ``ModelBackend`` in one query each."""

    def get_user(self, user_id: Any) -> Any:
        try:
            user = signed_in_users().get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None  # type: ignore[attr-defined]

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            self._load_permissions(user_obj)
        return user_obj._perm_cache

    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        # ModelBackend's get_user_permissions and get_group_permissions read these caches.
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, f"_{from_name}_perm_cache"):
            self._load_permissions(user_obj)
        return getattr(user_obj, f"_{from_name}_perm_cache")

    @staticmethod
    def _load_permissions(user_obj: Any) -> None:
        """The user's own and their groups' permissions in one query (Django asks twice)."""
        fields = ("source", "content_type__app_label", "codename")
        if user_obj.is_superuser:
            everything = {f"{app}.{codename}" for app, codename in Permission.objects.values_list(*fields[1:])}
            user_obj._user_perm_cache, user_obj._group_perm_cache = set(everything), set(everything)
            user_obj._perm_cache = everything
            return
        user_model = get_user_model()
        own = user_model._meta.get_field("user_permissions").related_query_name()
        via_groups = f"group__{user_model._meta.get_field('groups').related_query_name()}"

        def source(name: str, **lookup: Any) -> QuerySet[Any]:
            return (
                Permission.objects.filter(**lookup)
                .annotate(source=Value(name, output_field=CharField()))
                .values_list(*fields)
                .order_by()
            )

        found: dict[str, set[str]] = {"user": set(), "group": set()}
        for name, app, codename in source("user", **{own: user_obj}).union(
            source("group", **{via_groups: user_obj}), all=True
        ):
            found[name].add(f"{app}.{codename}")
        user_obj._user_perm_cache = found["user"]
        user_obj._group_perm_cache = found["group"]
        user_obj._perm_cache = found["user"] | found["group"]


class ModelBackend(OneQueryMixin, backends.ModelBackend):
    pass


class AuthenticationBackend(OneQueryMixin, auth_backends.AuthenticationBackend):
    pass
