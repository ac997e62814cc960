"""Group permissions granted by data migrations, one way (each app's migration that gives a staff
group its permissions calls these): ``GRANTS = {"Group name": ["add_model", "view_model"]}``.

Permissions are made by ``post_migrate`` only after every migration has run; a migration that
grants some first makes those of every app it can see (``ensure_permissions``).
"""

from typing import Any

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps: Any) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps: Any, app_label: str, grants: dict[str, list[str]]) -> None:
    """Give each group (made if missing) the app's permissions named; every one of them must exist."""
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
        missing = set(codenames) - {permission.codename for permission in permissions}
        if missing:
            raise LookupError(f"No such permissions in {app_label}: {', '.join(sorted(missing))}")
        group.permissions.add(*permissions)


def revoke(apps: Any, app_label: str, grants: dict[str, list[str]]) -> None:
    """Take back what ``grant`` gave (going back past the migration)."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=grants):
        codenames = grants[group.name]
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
