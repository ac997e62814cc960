"""The site's starting state: a Latvian home page as the site root, the English
locale, and the four staff groups with the permissions their names promise.

Apps that come later (campaigns, mentoring) add their own models' permissions
to "Campaign managers" and "Mentoring coordinators" in their own migrations.
"""

from django.db import migrations

from home import grants

# Editors write and publish; Moderators also delete, lock pages, approve
# workflow steps and manage redirects (Wagtail gives them lock and unlock).
GROUPS = {
    "Editors": [
        ("home", "supporter", ["add", "change", "publish"]),
        ("home", "centresettings", ["change"]),
    ],
    "Moderators": [
        ("home", "supporter", ["add", "change", "delete", "publish"]),
        ("home", "centresettings", ["change"]),
        ("wagtailredirects", "redirect", ["add", "change", "delete"]),
    ],
    "Campaign managers": [],
    "Mentoring coordinators": [],
}


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    Locale.objects.get_or_create(language_code="en")
    latvian, _ = Locale.objects.get_or_create(language_code="lv")

    # Wagtail's placeholder "Welcome" page goes; its Site goes with it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    root = Page.objects.get(depth=1)
    path = f"{root.path}{root.numchild + 1:04d}"
    home = HomePage.objects.create(
        title="Sākums",
        draft_title="Sākums",
        slug="sakums",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/sakums/",
        locale=latvian,
        live=True,
        has_unpublished_changes=False,
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Bauskas SOS ģimeņu atbalsta centrs",
        root_page=home,
        is_default_site=True,
    )


def create_groups(apps, schema_editor):
    grants.ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, group_grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        for app_label, model, actions in group_grants:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            for action in actions:
                # Wagtail adds "publish" to draftable snippets only after migrating.
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)

    # Wagtail gives Editors "add" and "change" on pages; they publish too.
    page_publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    root = Page.objects.get(depth=1)
    for name in ["Editors", "Moderators"]:
        GroupPagePermission.objects.get_or_create(
            group=Group.objects.get(name=name), page=root, permission=page_publish
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_site, migrations.RunPython.noop),
        migrations.RunPython(create_groups, migrations.RunPython.noop),
    ]
