"""Campaign managers handle pledges (see, enter, change; never delete) and the campaign settings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [
    ("pledge", ["add", "change", "view"]),
    ("campaignsettings", ["change"]),
]


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name="Campaign managers")
    for model, actions in GRANTS:
        for action in actions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="campaigns", codename=f"{action}_{model}")
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name="Campaign managers").first()
    if group is None:
        return
    codenames = [f"{action}_{model}" for model, actions in GRANTS for action in actions]
    group.permissions.remove(
        *Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("home", "0002_site_locales_and_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
