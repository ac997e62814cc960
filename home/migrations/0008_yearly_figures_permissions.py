"""The yearly figures are entered by the staff who publish: Editors add and change them,
Moderators also delete them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ["add_yearlyfigures", "change_yearlyfigures"],
    "Moderators": ["add_yearlyfigures", "change_yearlyfigures", "delete_yearlyfigures"],
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
        group.permissions.add(*Permission.objects.filter(content_type__app_label="home", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(codename__endswith="_yearlyfigures"))


class Migration(migrations.Migration):
    dependencies = [("home", "0007_impact_page_and_yearly_figures")]

    operations = [migrations.RunPython(grant, revoke)]
