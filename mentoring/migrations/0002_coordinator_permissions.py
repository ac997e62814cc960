"""Give "Mentoring coordinators" the mentoring permissions, and nobody else.

Meetings are the mentors' own records: coordinators read them and approve months,
they do not edit them. Pairs are never deleted (closed pairs keep their history),
and the mentee access log is read-only for everyone.
"""

from django.db import migrations

from home import grants

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


CODENAMES = {GROUP: [f"{action}_{model}" for model, actions in GRANTS.items() for action in actions]}


def grant(apps, schema_editor):
    grants.grant(apps, "mentoring", CODENAMES)


def revoke(apps, schema_editor):
    grants.revoke(apps, "mentoring", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0001_initial"),
        ("home", "0002_site_locales_and_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
