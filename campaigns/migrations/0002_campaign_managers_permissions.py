"""Campaign managers handle pledges (see, enter, change; never delete) and the campaign settings."""

from django.db import migrations

from home import grants

GRANTS = {
    "Campaign managers": ["add_pledge", "change_pledge", "view_pledge", "change_campaignsettings"],
}


def grant(apps, schema_editor):
    grants.grant(apps, "campaigns", GRANTS)


def revoke(apps, schema_editor):
    grants.revoke(apps, "campaigns", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("home", "0002_site_locales_and_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
