"""PostgreSQL's search folds the marks of Latin letters, as SQLite's FTS5 does: "gimene" finds
"Ģimene". A text search configuration of the portal's own, ``portal_folded``: PostgreSQL's
``simple`` (no English stemming of Latvian words; ``home.search_backend`` matches Latvian word
forms itself) with its ``unaccent`` dictionary (a trusted extension: the database's owner may add
it). ``home.search_backend`` indexes and searches with it; an index built before is rebuilt after
``migrate`` (``home.search_backend.refold_index``). Nothing on SQLite."""

from django.db import migrations

CONFIG = "portal_folded"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
              ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
              WITH unaccent, simple;
          END IF;
        END $$;
        """
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("home", "0008_yearly_figures_permissions")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
