"""The groups the mentor's handbook is private to, with the people who belong in them today;
coordinators may see and revoke certificates of volunteering.

"Mentors": approved mentors waiting for a first pair or in an active pair. "Mentors in
training": applicants in training. From now on ``mentoring.services.sync_handbook_access``
keeps them in step. Neither group can open the admin.
"""

from django.db import migrations
from django.db.models import Count, Q

from home import grants

MENTORS = "Mentors"
TRAINEES = "Mentors in training"
COORDINATORS = "Mentoring coordinators"


def add_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Application = apps.get_model("mentoring.Application")
    mentors, _ = Group.objects.get_or_create(name=MENTORS)
    trainees, _ = Group.objects.get_or_create(name=TRAINEES)
    applications = Application.objects.filter(user__isnull=False, erased_at=None).annotate(
        pair_count=Count("pairs"), active_pairs=Count("pairs", filter=Q(pairs__closed_on=None))
    )
    approved = {row.user_id for row in applications if row.state == "approved" and (row.active_pairs or not row.pair_count)}
    training = {row.user_id for row in applications if row.state == "training"} - approved
    mentors.user_set.add(*approved)
    trainees.user_set.add(*training)

    grants.grant(apps, "mentoring", {COORDINATORS: ["view_certificate", "change_certificate"]})


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=[MENTORS, TRAINEES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0007_certificates_and_handbook"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_groups, remove_groups)]
