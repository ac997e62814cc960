"""Erasure requests in the admin: "Mentoring coordinators" read and complete them (a mentor's or
applicant's erasure waits for them); "Campaign managers" read them (donors' erasures are done at once).
Nobody adds, changes or deletes one (``privacy.permissions``). The retention periods are a
superuser's setting."""

from django.db import migrations

from home import grants

GRANTS = {
    "Mentoring coordinators": ["view_erasurerequest", "complete_erasurerequest"],
    "Campaign managers": ["view_erasurerequest"],
}


def grant(apps, schema_editor):
    grants.grant(apps, "privacy", GRANTS)


def revoke(apps, schema_editor):
    grants.revoke(apps, "privacy", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("home", "0002_site_locales_and_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
