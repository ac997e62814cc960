"""Wagtail's own migrations name the moderation workflow and its task in English ("Moderators
approval"); editors read the name on the page editor's button ("Iesniegt: …") and in mails.
The staff's language is Latvian, so the default workflow and task are named in Latvian."""

from django.db import migrations

ENGLISH = "Moderators approval"
LATVIAN = "Moderatoru apstiprinājums"


def rename(old, new):
    def run(apps, schema_editor):
        apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
        apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_centre_words_and_tag_names"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename(ENGLISH, LATVIAN), rename(LATVIAN, ENGLISH))]
