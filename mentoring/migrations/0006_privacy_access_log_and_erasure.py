"""The mentee access log in its new shape, append-only in PostgreSQL itself; erasure and retention fields.

The log points to a record by its number only and names the fields changed, never their
values nor the child's name. The links to the record and to the person stop being database
constraints first (so deleting either never updates the log, and a converted row may point to
a record already deleted). Then existing rows are converted: the "#12 Elza" label gives its
number, old changes ({label: [old, new]}) give the fields' names, and the page they noted
({"page": "history"}) says how; then the columns that held names and values go. Last, on
PostgreSQL, a trigger refuses UPDATE and DELETE.
"""

import re

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Mentee's field labels as the log stored them, in either language, back to the fields' names.
FIELD_NAMES = {
    "first name": "first_name",
    "vārds": "first_name",
    "birth date": "birth_date",
    "dzimšanas datums": "birth_date",
    "family case reference": "case_reference",
    "ģimenes lietas numurs": "case_reference",
    "guardian's consent given on": "guardian_consent_on",
    "aizbildņa piekrišanas datums": "guardian_consent_on",
    "interests": "interests",
    "intereses": "interests",
    "notes": "notes",
    "piezīmes": "notes",
}
LABEL_NUMBER = re.compile(r"^#(\d+)\b")

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION mentoring_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The mentee access log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER mentoring_access_log_append_only
BEFORE UPDATE OR DELETE ON mentoring_menteeaccesslog
FOR EACH ROW EXECUTE FUNCTION mentoring_access_log_append_only();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS mentoring_access_log_append_only ON mentoring_menteeaccesslog;
DROP FUNCTION IF EXISTS mentoring_access_log_append_only();
"""


def via(entry):
    page = entry.changes.get("page") if isinstance(entry.changes, dict) else None
    if page in ("history", "usage"):
        return page
    return {"listed": "list", "viewed": "record"}.get(entry.action, "form")


def convert_rows(apps, schema_editor):
    MenteeAccessLog = apps.get_model("mentoring", "MenteeAccessLog")
    rows = list(MenteeAccessLog.objects.all())
    for entry in rows:
        if entry.mentee_id is None:
            match = LABEL_NUMBER.match(entry.mentee_label or "")
            entry.mentee_id = int(match.group(1)) if match else None
        entry.via = via(entry)
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        entry.fields = [FIELD_NAMES.get(label, label) for label in changes if label != "page"]
        entry.changes = {}
        entry.mentee_label = ""
    MenteeAccessLog.objects.bulk_update(rows, ["mentee_id", "via", "fields", "changes", "mentee_label"], batch_size=500)


def append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_FUNCTION, params=None)  # its "%" is PL/pgSQL's, not a placeholder
        schema_editor.execute(APPEND_ONLY_TRIGGER, params=None)


def allow_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0005_limits_in_one_place"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The access log: new columns, the rows converted, the old columns gone, no constraints.
        migrations.AddField(
            model_name="menteeaccesslog",
            name="via",
            field=models.CharField(
                choices=[
                    ("list", "Mentee list"),
                    ("search", "Mentee search"),
                    ("record", "Mentee record"),
                    ("form", "Mentee form"),
                    ("history", "Record history"),
                    ("usage", "Record usage"),
                    ("pairs_list", "Pair list"),
                    ("pairs_export", "Pairs export"),
                    ("pair_page", "Pair page"),
                    ("pair_form", "New pair form"),
                    ("dashboard", "Monitoring dashboard"),
                    ("hours_report", "Hours report (pseudonymised)"),
                    ("hours_report_named", "Hours report with names"),
                    ("retention", "Retention job"),
                ],
                default="record",
                max_length=20,
                verbose_name="how",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="menteeaccesslog",
            name="fields",
            field=models.JSONField(blank=True, default=list, verbose_name="fields changed"),
        ),
        migrations.AlterField(
            model_name="menteeaccesslog",
            name="mentee",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="access_log",
                to="mentoring.mentee",
                verbose_name="mentee",
            ),
        ),
        migrations.AlterField(
            model_name="menteeaccesslog",
            name="user",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="who",
            ),
        ),
        migrations.RunPython(convert_rows, migrations.RunPython.noop),
        migrations.RemoveField(model_name="menteeaccesslog", name="changes"),
        migrations.RemoveField(model_name="menteeaccesslog", name="mentee_label"),
        migrations.AlterField(
            model_name="menteeaccesslog",
            name="action",
            field=models.CharField(
                choices=[
                    ("listed", "Seen in a list"),
                    ("viewed", "Viewed"),
                    ("exported", "Exported"),
                    ("created", "Created"),
                    ("changed", "Changed"),
                    ("anonymised", "Anonymised"),
                    ("deleted", "Deleted"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.RunPython(append_only, allow_changes),
        # Erasure and retention.
        migrations.AddField(
            model_name="application",
            name="erased_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="personal data erased"),
        ),
        migrations.AlterField(
            model_name="application",
            name="birth_date",
            field=models.DateField(null=True, verbose_name="birth date"),
        ),
        migrations.AlterField(
            model_name="application",
            name="user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mentor_applications",
                to=settings.AUTH_USER_MODEL,
                verbose_name="account",
            ),
        ),
        migrations.AddField(
            model_name="mentee",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="anonymised"),
        ),
        # The record-check entry says who verified it.
        migrations.AddField(
            model_name="recordcheck",
            name="verified_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="verified by",
            ),
        ),
    ]
