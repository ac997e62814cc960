"""Give "Mentoring coordinators" the mentoring permissions, and nobody else.

Meetings are the mentors' own records: coordinators read them and approve months,
they do not edit them. Pairs are never deleted (closed pairs keep their history),
and the mentee access log is read-only for everyone.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Mentoring coordinators"
GRANTS = {
    "application": ["change", "view"],
    "interview": ["add", "change", "delete", "view"],
    "reference": ["add", "change", "delete", "view"],
    "recordcheck": ["add", "change", "delete", "view"],
    "trainingsession": ["add", "change", "delete", "view"],
    "trainingattendance": ["add", "change", "delete", "view"],
    "mentee": ["add", "change", "delete", "view"],
    "pair": ["add", "change", "view"],
    "meeting": ["view"],
    "monthreview": ["add", "view"],
    "checkin": ["add", "change", "delete", "view"],
    "reminder": ["view"],
    "menteeaccesslog": ["view"],
    "mentoringsettings": ["change"],
}


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for model, actions in GRANTS.items():
        for action in actions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="mentoring", codename=f"{action}_{model}")
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="mentoring"))


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0001_initial"),
        ("home", "0002_site_locales_and_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
