"""The yearly figures are entered by the staff who publish: Editors add and change them,
Moderators also delete them."""

from django.db import migrations

from home import grants

GRANTS = {
    "Editors": ["add_yearlyfigures", "change_yearlyfigures"],
    "Moderators": ["add_yearlyfigures", "change_yearlyfigures", "delete_yearlyfigures"],
}


def grant(apps, schema_editor):
    grants.grant(apps, "home", GRANTS)


def revoke(apps, schema_editor):
    grants.revoke(apps, "home", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("home", "0007_impact_page_and_yearly_figures")]

    operations = [migrations.RunPython(grant, revoke)]
