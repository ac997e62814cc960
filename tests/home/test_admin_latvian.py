"""The admin in Latvian (issue 9): every page each staff role uses, without English interface words.

Each role signs in with Latvian as the admin's language and walks the pages listed in
``PAGES`` below; a page fails when its readable text has a word of the admin's English
interface (``tests/admin_language.py`` says how the words are found).
"""

import datetime
import functools
import re
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

import polib
import pytest

from home import catalogue
from tests.admin_language import english_on, names_of_people
from tests.home.conftest import latvian_staff, shared_world

pytestmark = pytest.mark.django_db

world = shared_world  # built once for the module; each test's changes roll back

# Names that may be in English: a language, a town (Bauska is the same in both languages) and the
# staff groups (data that code and migrations name).
ALLOWED = {"English", "Bauska", "Editors", "Moderators", "Campaign managers", "Mentoring coordinators"}
ALLOWED |= {"Mentors in training", "Mentors"}  # the handbook's groups (mentoring/migrations/0008)


# One page of each type, and a draft.
PAGE_TYPES = ("home", "standard", "draft", "news_index", "news", "campaign_index", "campaign", "mentoring_page")


def pages_urls(w):
    return [
        "/admin/pages/",
        f"/admin/pages/{w['home'].pk}/",
        f"/admin/pages/{w['campaign_index'].pk}/",
        "/admin/pages/search/?q=centru",
        f"/admin/pages/{w['home'].pk}/add_subpage/",
        f"/admin/pages/add/home/standardpage/{w['home'].pk}/",
        f"/admin/pages/add/home/newspage/{w['news_index'].pk}/",
        f"/admin/pages/add/campaigns/campaignpage/{w['campaign_index'].pk}/",
        *(f"/admin/pages/{w[name].pk}/edit/" for name in PAGE_TYPES),
        f"/admin/pages/{w['news'].pk}/history/",
        "/admin/images/",
        f"/admin/images/{w['image'].pk}/",
        "/admin/images/add/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        f"/admin/documents/edit/{w['document'].pk}/",
        "/admin/documents/add/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/home/supporter/",
        "/admin/snippets/home/supporter/add/",
        f"/admin/snippets/home/supporter/edit/{w['supporter'].pk}/",
        f"/admin/snippets/home/supporter/inspect/{w['supporter'].pk}/",
        f"/admin/snippets/home/supporter/history/{w['supporter'].pk}/",
        f"/admin/settings/home/centresettings/{w['site'].pk}/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ]


def campaign_urls(w):
    pledge = w["pledge"]
    return [
        "/admin/pledge/",
        f"/admin/pledge/inspect/{pledge.pk}/",
        f"/admin/pledge/edit/{pledge.pk}/",
        f"/admin/pledge/history/{pledge.pk}/",
        f"/admin/pledge/receive/{pledge.pk}/",
        f"/admin/pledge/cancel/{pledge.pk}/",
        "/admin/pledge/new/",
        f"/admin/pledge/new/?campaign={w['campaign'].pk}",
        "/admin/campaign_summary/",
        f"/admin/settings/campaigns/campaignsettings/{w['site'].pk}/",
        "/admin/reports/site-history/",
    ]


def mentoring_urls(w):
    pair, application, mentee = w["pair"], w["application"], w["mentee"]
    return [
        "/admin/mentoring/monitoring/",
        "/admin/mentoring/hours/",
        "/admin/mentoring/applications/",
        f"/admin/mentoring/applications/inspect/{application.pk}/",
        f"/admin/mentoring/applications/edit/{application.pk}/",
        f"/admin/mentoring/applications/decide/{application.pk}/",
        f"/admin/mentoring/applications/history/{application.pk}/",
        "/admin/mentoring/applications/new/",
        "/admin/mentoring/training/",
        "/admin/mentoring/training/new/",
        f"/admin/mentoring/training/edit/{w['session'].pk}/",
        "/admin/mentoring/mentees/",
        "/admin/mentoring/mentees/new/",
        f"/admin/mentoring/mentees/inspect/{mentee.pk}/",
        f"/admin/mentoring/mentees/edit/{mentee.pk}/",
        f"/admin/mentoring/mentees/history/{mentee.pk}/",
        "/admin/mentoring/pairs/",
        "/admin/mentoring/pairs/new/",
        f"/admin/mentoring/pairs/inspect/{pair.pk}/",
        f"/admin/mentoring/pairs/edit/{pair.pk}/",
        f"/admin/mentoring/pairs/close/{pair.pk}/",
        f"/admin/mentoring/pairs/approve-month/{pair.pk}/",
        "/admin/mentoring/check-ins/",
        f"/admin/mentoring/check-ins/new/?pair={pair.pk}",
        f"/admin/mentoring/check-ins/edit/{w['checkin'].pk}/",
        "/admin/mentoring/access-log/",
        f"/admin/settings/mentoring/mentoringsettings/{w['site'].pk}/",
        "/admin/reports/site-history/",
    ]


def superuser_urls(w):
    return [
        *pages_urls(w),
        *campaign_urls(w),
        *mentoring_urls(w),
        "/admin/users/",
        f"/admin/users/edit/{w['author'].pk}/",
        "/admin/groups/",
        "/admin/groups/new/",
        f"/admin/groups/edit/{Group.objects.get(name='Mentoring coordinators').pk}/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/redirects/",
        "/admin/locales/",
        "/admin/collections/",
        "/admin/reports/page-types-usage/",
    ]


# The pages each role uses: the dashboard and account page, and their own work.
PAGES = {
    "editor": ({"groups": ["Editors"]}, pages_urls),
    "moderator": ({"groups": ["Moderators"]}, lambda w: [*pages_urls(w), "/admin/redirects/"]),
    "campaign_manager": ({"groups": ["Campaign managers"]}, campaign_urls),
    "coordinator": ({"groups": ["Mentoring coordinators"]}, mentoring_urls),
    "superuser": ({"is_superuser": True, "is_staff": True}, superuser_urls),
}


@pytest.mark.parametrize("role", list(PAGES))
def test_each_role_works_in_latvian_without_english_words(client, make_user, world, role):
    kwargs, urls = PAGES[role]
    client.force_login(latvian_staff(make_user, email=f"{role}@example.org", **kwargs))
    allowed = ALLOWED | names_of_people()
    walked, english, no_icon = [], [], []
    for url in ["/admin/", "/admin/account/", *urls(world)]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{role}: {url} answered {response.status_code}"
        assert response.request["PATH_INFO"].startswith("/admin/"), f"{role}: {url} left the admin"
        walked.append(url)
        english += [f"{url}: {found}" for found in english_on(response.text, allowed)]
        no_icon += [f"{url}: {name}" for name in set(ICON_USED.findall(response.text)) - wagtail_icons()]
    assert not english, f"{role} walked {len(walked)} pages and met English:\n" + "\n".join(english)
    # An icon name Wagtail has no drawing for is a blank gap before a button's label ("tick": Wagtail's is "check").
    assert not no_icon, f"{role} met icons Wagtail does not have: {sorted(no_icon)}"


ICON_USED = re.compile(r'(?:href="#icon-|"icon_name": ?"|"icon": ?")([\w-]+)"')


@functools.cache
def wagtail_icons() -> set[str]:
    from wagtail.admin.icons import get_icons

    return set(re.findall(r'id="icon-([\w-]+)"', get_icons()))


def test_every_admin_string_has_latvian():
    """Wagtail, wagtail-localize and taggit: each msgid has Latvian, in their catalogues or ours."""
    call_command("admin_catalogue", "--check")


def test_the_checker_finds_english_where_staff_read_it():
    html = """<nav aria-label="Actions"></nav><p>Pievienot</p><div hidden>Reports</div>
        <script type="application/json">{"label": "Help", "name": "help"}</script>
        <input type="submit" value="Search"><span title="3 minutes ago">x</span>"""
    found = " ".join(english_on(html))
    assert '"Actions"' in found and '"Help"' in found and '"Search"' in found and '"ago"' in found
    assert "Reports" not in found and "Pievienot" not in found


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(1, "1 minūte atpakaļ"), (3, "3 minūtes atpakaļ"), (11, "11 minūtes atpakaļ"), (21, "21 minūte atpakaļ")],
)
def test_relative_times_read_in_latvian(client, campaign_manager, world, minutes, words):
    pledge = world["pledge"]
    type(pledge).objects.filter(pk=pledge.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=minutes))
    client.force_login(campaign_manager)
    text = re.sub(r"\s+", " ", client.get("/admin/pledge/").text)
    assert words in text


@pytest.mark.parametrize(
    ("role", "url", "label", "nominative"),
    [
        ("campaign_manager", "/admin/pledge/", "Pievienot solījumu", "Pievienot solījums"),
        ("coordinator", "/admin/mentoring/pairs/", "Pievienot pāri", "Pievienot pāris"),
        ("coordinator", "/admin/mentoring/check-ins/", "Pievienot saziņu", "Pievienot saziņa"),
        ("coordinator", "/admin/mentoring/mentees/", "Pievienot aizbilstamo", "Pievienot aizbilstamais"),
        (
            "coordinator",
            "/admin/mentoring/training/",
            "Pievienot apmācības nodarbību",
            "Pievienot apmācības nodarbība<",
        ),
        ("superuser", "/admin/mentoring/applications/", "Pievienot pieteikumu", "Pievienot pieteikums"),
        ("coordinator", "/admin/mentoring/training/new/", "Pievienot dalībnieku", "Pievienot dalībnieks"),
        ("coordinator", "application_edit", "Pievienot interviju", "Pievienot intervija"),
        ("coordinator", "application_edit", "Pievienot atsauksmi", "Pievienot atsauksme"),
        ("coordinator", "application_edit", "Pievienot sodāmības pārbaudi", "Pievienot sodāmības pārbaude"),
        ("editor", "/admin/snippets/home/supporter/", "Pievienot atbalstītāju", "Pievienot atbalstītājs"),
        ("editor", "campaign_edit", "Pievienot vajadzību", "Pievienot vajadzība"),
        ("editor", "centre_settings", "Pievienot darba laiku", "Pievienot darba laiks"),
    ],
)
def test_add_buttons_take_the_accusative(request, client, world, role, url, label, nominative):
    url = {
        "application_edit": f"/admin/mentoring/applications/edit/{world['application'].pk}/",
        "campaign_edit": f"/admin/pages/{world['campaign'].pk}/edit/",
        "centre_settings": f"/admin/settings/home/centresettings/{world['site'].pk}/",
    }.get(url, url)
    client.force_login(request.getfixturevalue(role))
    text = re.sub(r"\s*<", "<", re.sub(r"\s+", " ", client.get(url).text))
    assert label in text
    assert nominative not in text


def test_wagtails_moderation_workflow_has_a_latvian_name(client, editor, world):
    client.force_login(editor)
    text = client.get(f"/admin/pages/{world['standard'].pk}/edit/").text
    assert "Moderatoru apstiprinājums" in text
    assert "Moderators approval" not in text


# Wagtail's templates that the project overrides for the Latvian admin (under templates/): each
# must stay Wagtail's own but for its change, so that a Wagtail upgrade shows where to look.
SEARCH_BUTTON = (
    '<input type="submit" value="Search" class="button" />',
    '<input type="submit" value="{% translate \'Search\' %}" class="button" />',
)
OVERRIDES = {
    "wagtailadmin/home.html": ("wagtail.admin", [SEARCH_BUTTON]),
    "wagtailadmin/shared/header.html": ("wagtail.admin", [SEARCH_BUTTON]),
    "wagtailadmin/shared/headers/_actions.html": (
        "wagtail.admin",
        [
            ("{# Actions divider #}", "{% load i18n %}{# Actions divider #}"),
            ('"Actions"', "\"{% translate 'Actions' %}\""),
        ],
    ),
    "wagtailadmin/shared/user_avatar.html": (
        "wagtail.admin",
        [
            (
                "{% if not username %}{{ user }}{% else %}{{ username }}{% endif %}",
                "{% if username %}{{ username }}{% elif user %}{{ user }}{% else %}—{% endif %}",
            )
        ],
    ),
    "wagtailadmin/tables/boolean_cell.html": ("wagtail.admin", [("value|stringformat:'s'", "value|yesno|capfirst")]),
    "wagtailadmin/panels/read_only_output.html": (
        "wagtail.admin",
        [("{{ display_value }}", '{{ display_value|default_if_none:"—" }}')],
    ),
    "wagtailusers/groups/includes/formatted_permissions.html": (
        "wagtail.users",
        [
            (
                "{% for content_perms_dict in object_perms %}\n",
                "{% for content_perms_dict in object_perms %}\n"
                + " " * 20
                + "{% trans content_perms_dict.object as object_name %}\n",
            ),
            ("<h3>{{ content_perms_dict.object|capfirst }}</h3>", "<h3>{{ object_name|capfirst }}</h3>"),
            *(
                (
                    f"{{{{ content_perms_dict.{action}.perm.name }}}}",
                    "{% blocktranslate trimmed with object=object_name %}"
                    + label
                    + ": {{ object }}{% endblocktranslate %}",
                )
                for action, label in [("add", "Add"), ("change", "Change"), ("delete", "Delete")]
            ),
        ],
    ),
    "wagtailusers/groups/includes/page_permissions_form.html": (
        "wagtail.users",
        [("{{ option.choice_label }}", "{% trans option.data.value.instance.name %}")],
    ),
    "wagtaillocales/index.html": (
        "wagtail_localize.locales",
        [
            (
                "{# TODO Make this translatable #}\n"
                "                                {{ locale.num_pages }} pages{% if locale.num_others %} + "
                "{{ locale.num_others }} others{% endif %}",
                "{% blocktranslate trimmed count counter=locale.num_pages %}{{ counter }} page{% plural %}"
                "{{ counter }} pages{% endblocktranslate %}{% if locale.num_others %} + {% blocktranslate trimmed "
                "count counter=locale.num_others %}{{ counter }} other record{% plural %}{{ counter }} other records"
                "{% endblocktranslate %}{% endif %}",
            )
        ],
    ),
}


@pytest.mark.parametrize("name", list(OVERRIDES))
def test_overridden_wagtail_templates_are_wagtails_but_for_the_translation(settings, name):
    package, changes = OVERRIDES[name]
    config = next(config for config in apps.get_app_configs() if config.name == package)
    expected = (Path(config.path) / "templates" / name).read_text()
    for theirs, ours in changes:
        assert theirs in expected, f"{name}: Wagtail's template changed; look again at the override"
        expected = expected.replace(theirs, ours)
    ours = (settings.BASE_DIR / "templates" / name).read_text()
    ours = "\n".join(line for line in ours.split("\n") if not line.startswith("{# Wagtail 8.0's"))
    assert ours == expected


def test_the_projects_catalogue_leaves_our_apps_words_alone(client, coordinator, world):
    """Wagtail's "Application" (a section of its keyboard shortcuts) is "Vispārīgi"; the mentor's
    application stays "Pieteikums" on the coordinator's form."""
    client.force_login(coordinator)
    text = client.get(f"/admin/mentoring/applications/edit/{world['application'].pk}/").text
    assert ">Pieteikums<" in re.sub(r"\s*<", "<", re.sub(r">\s*", ">", text))
    assert "Lietotne" not in text


def test_the_catalogue_check_finds_a_msgid_that_would_change_our_apps_words():
    mine = catalogue.load("django")
    mine.append(polib.POEntry(msgid="Opening hours", msgstr="Atvērts"))
    assert [str(problem) for problem in catalogue.collisions("django", mine)] == [
        "django: 'Opening hours': translated otherwise by home: leave it to home"
    ]


def test_admin_catalogue_adds_what_has_no_latvian_for_a_translator_to_fill(settings, tmp_path, capsys):
    """After a Wagtail upgrade the command lists the new msgids as empty entries; --check then fails."""
    settings.LOCALE_PATHS = [tmp_path]
    call_command("admin_catalogue")
    added = polib.pofile(str(tmp_path / "lv" / "LC_MESSAGES" / "django.po"))
    assert len(added) > 1000 and not added.translated_entries()
    assert added.find("%(time_period)s ago").comment == "wagtail.admin"
    assert (tmp_path / "lv" / "LC_MESSAGES" / "djangojs.mo").exists()
    with pytest.raises(CommandError):
        call_command("admin_catalogue", "--check")
    assert "'More actions': no Latvian yet" in capsys.readouterr().err
