from django.db import migrations

from home.search import FOLD_FUNCTION, postgresql_fold_function_sql


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgresql_fold_function_sql())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FOLD_FUNCTION}(text)")


class Migration(migrations.Migration):
    """portal_fold(text): search that ignores diacritics (SQLite gets it from Python, see home.search)."""

    dependencies = [("home", "0002_site_locales_and_groups")]

    operations = [migrations.RunPython(create, drop)]
