"""Erasure requests in the admin: "Mentoring coordinators" read and complete them (a mentor's or
applicant's erasure waits for them); "Campaign managers" read them (donors' erasures are done at once).
Nobody adds, changes or deletes one (``privacy.permissions``). The retention periods are a
superuser's setting."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Mentoring coordinators": ["view_erasurerequest", "complete_erasurerequest"],
    "Campaign managers": ["view_erasurerequest"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="privacy", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="privacy"))


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("home", "0002_site_locales_and_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
