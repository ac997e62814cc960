"""Getting to work (issue 9): staff land in the admin after signing in, and its home page shows
each role its panel; the panels cost the same number of queries whatever they list."""

import datetime
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Page

import pytest

from accounts.factories import totp_code
from campaigns import services as campaign_services
from home.factories import StandardPageFactory
from mentoring import dates
from mentoring import factories as mentoring_factories
from mentoring.choices import ApplicationState
from tests.home.conftest import latvian_staff, shared_world
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

world = shared_world  # built once for the module; each test's changes roll back

PASSWORD = "correct horse battery staple"
STAFF = ["editor", "moderator", "campaign_manager", "coordinator", "superuser"]


def sign_in(client, email, next_url=None, code=True):
    data = {"login": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post("/accounts/login/", data)
    if code and response["Location"] == "/accounts/2fa/authenticate/":
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize("role", STAFF)
def test_staff_land_in_the_admin_after_signing_in(request, client, role):
    user = request.getfixturevalue(role)
    assert sign_in(client, user.email) == "/admin/"


def test_staff_who_were_going_somewhere_land_there(client, editor):
    assert sign_in(client, editor.email, next_url="/admin/images/") == "/admin/images/"


def test_others_land_where_they_were_going_or_on_the_home_page(client, visitor_user):
    assert sign_in(client, visitor_user.email, next_url="/mani-solijumi/") == "/mani-solijumi/"
    client.logout()
    assert sign_in(client, visitor_user.email) == "/"


def test_the_site_header_leads_staff_to_the_admin(client, home_page, editor, visitor_user):
    client.force_login(editor)
    assert 'href="/admin/">Administrācija</a>' in client.get("/").text
    client.force_login(visitor_user)
    assert 'href="/admin/"' not in client.get("/").text


# The panels


def panel_ids(html):
    return {name for name in ("draft-pages", "pledges-due", "mentoring-attention") if f'id="{name}' in html}


@pytest.mark.parametrize(
    ("role", "panels"),
    [
        ("editor", {"draft-pages"}),
        ("moderator", {"draft-pages"}),
        ("campaign_manager", {"pledges-due"}),
        ("coordinator", {"mentoring-attention"}),
        ("superuser", {"draft-pages", "pledges-due", "mentoring-attention"}),
    ],
)
def test_each_role_sees_its_panel(request, client, world, role, panels):
    client.force_login(request.getfixturevalue(role))
    assert panel_ids(client.get("/admin/").text) == panels


def test_editors_see_drafts_and_pages_in_moderation(client, editor, world):
    waiting = world["standard"]
    waiting.title = "Par centru (labots)"
    waiting.save_revision(user=editor)
    waiting.get_workflow().start(waiting, editor)
    client.force_login(editor)
    html = client.get("/admin/").text
    panel = html[html.index('id="draft-pages') :]
    assert "Jauns pakalpojums" in panel  # never published
    assert "Par centru (labots)" in panel and "publicēta + pārbaudē" in panel
    assert "Rudens nometne" not in panel  # published as it is


def test_campaign_managers_see_pledges_due_today_and_this_week(client, campaign_manager, world):
    today = timezone.localdate()
    campaign = world["campaign"]
    tally = campaign.tallies.order_by("sort_order").first()
    week_end = today + datetime.timedelta(days=6 - today.weekday())

    def pledge(name, day):
        details = campaign_services.DonorDetails(donor_name=name, email=f"{day}@example.org", expected_date=day)
        return campaign_services.create_pledge(campaign, {tally.pk: 1}, details).pledge

    later = pledge("Pēteris Vēlāk", week_end) if week_end > today else None
    pledge("Nākamnedēļ Nāks", week_end + datetime.timedelta(days=1))
    late = pledge("Kavētājs Kavē", today)
    type(late).objects.filter(pk=late.pk).update(expected_date=today - datetime.timedelta(days=2))
    client.force_login(campaign_manager)
    html = client.get("/admin/").text
    panel = html[html.index('id="pledges-due') :]
    assert "Anna Ozola" in panel  # due today
    assert world["pledge"].reference in panel and "Reģistrēt saņemto" in panel
    if later:
        assert later.donor_name in panel
    assert "Nākamnedēļ Nāks" not in panel
    assert "1 solījums nokavēts" in panel


def test_coordinators_see_pairs_needing_attention_and_applications_waiting(client, coordinator, world):
    today = timezone.localdate()
    fine = mentoring_factories.PairFactory(
        coordinator=coordinator, mentor__full_name="Ieva Mierīgā", start_date=today - datetime.timedelta(days=100)
    )
    mentoring_factories.MeetingFactory(pair=fine, date=dates.add_months(today, -1), hours=Decimal("10"))
    mentoring_factories.CheckInFactory(pair=fine, date=today)
    approved = mentoring_factories.ApplicationFactory(full_name="Oskars Gatavais", state=ApplicationState.APPROVED)
    client.force_login(coordinator)
    html = client.get("/admin/").text
    panel = html[html.index('id="mentoring-attention') :]
    pair = world["pair"]
    assert f"Jānis Kalniņš · {pair.reference}" in panel and "Bažas: 1" in panel
    assert "Elza" not in panel  # the child's name stays on the pair's page
    assert "Ieva Mierīgā" not in panel
    assert "Marta Liepa" in panel and "Atlase" in panel  # in screening
    assert approved.full_name not in panel


# What the admin's home page costs in queries: the same with one of each and with many.

SIGNED_IN = [
    ("the user with their admin language and two-factor sign-in set up? (session: from the cache)", 1),
    ("the user's and the groups' permissions, one query", 1),
]
MENU = [("the menu: page, collection and site permissions, locales", 4)]
PAGES_MENU = [("the menu: the pages the user may explore", 1)]
SITE_SUMMARY = [("Wagtail's site summary: pages, site, root page, images, documents", 5)]
WAGTAIL_PANELS = [
    ("Wagtail's workflow panels: the user's pages in moderation, active tasks, approval tasks, groups", 4),
    ("Wagtail's recent edits: log entries, pages", 2),
]
DRAFTS = [("drafts: the pages, their workflow states", 2)]
AWAITING_REVIEW = [("Wagtail's 'awaiting your review': task states", 1)]
PLEDGES = [("pledges due: the pledges, their lines and needs, the count of late ones", 3)]
MENTORING = [("coordinator: pairs, record checks, check-ins, applications (site and settings kept: home.layout)", 4)]
BUDGETS = {
    "editor": [*SIGNED_IN, *MENU, *PAGES_MENU, *SITE_SUMMARY, *DRAFTS, *WAGTAIL_PANELS],
    "moderator": [*SIGNED_IN, *MENU, *PAGES_MENU, *SITE_SUMMARY, *DRAFTS, *AWAITING_REVIEW, *WAGTAIL_PANELS],
    "campaign_manager": [*SIGNED_IN, *MENU, *PLEDGES, *WAGTAIL_PANELS],
    "coordinator": [*SIGNED_IN, *MENU, *MENTORING, *WAGTAIL_PANELS],
}


def add_more(world, count):
    """``count`` more drafts, pledges due today, pairs needing attention and applications waiting."""
    today = timezone.localdate()
    campaign = world["campaign"]
    tally = campaign.tallies.order_by("sort_order").first()
    for number in range(count):
        StandardPageFactory(parent=world["home"], title=f"Melnraksts {number}", live=False).save_revision()
        details = campaign_services.DonorDetails(
            donor_name=f"Ziedotājs {number}", email=f"z{number}@example.org", expected_date=today
        )
        campaign_services.create_pledge(campaign, {tally.pk: 1}, details)
        pair = mentoring_factories.PairFactory(start_date=today - datetime.timedelta(days=100))
        mentoring_factories.MeetingFactory(pair=pair, concern=True)
        mentoring_factories.ApplicationFactory(state=ApplicationState.SUBMITTED)


@pytest.mark.parametrize("role", list(BUDGETS))
@pytest.mark.parametrize("more", [0, 6])
def test_the_home_page_costs_the_same_whatever_its_panels_list(request, client, make_user, world, role, more):
    add_more(world, more)
    client.force_login(request.getfixturevalue(role))
    assert Page.objects.filter(has_unpublished_changes=True).count() >= 1 + more
    assert_queries(client, "/admin/", BUDGETS[role])


def test_latvian_staff_get_wagtails_moderation_mails_in_latvian(make_user, mail_after_commit, world):
    editor = latvian_staff(make_user, groups=["Editors"], email="redaktore@example.org")
    moderator = latvian_staff(make_user, groups=["Moderators"], email="moderatore@example.org")
    page = world["standard"]
    revision = page.save_revision(user=editor)
    with mail_after_commit():
        workflow_state = page.get_workflow().start(page, editor)
    submitted = [mail for mail in mail_after_commit.outbox if moderator.email in mail.to]
    assert submitted, [mail.to for mail in mail_after_commit.outbox]
    assert "Moderatoru apstiprinājums" in submitted[0].subject
    assert "ir iesniegt" in submitted[0].body and "submitted" not in submitted[0].body
    mail_after_commit.outbox.clear()
    with mail_after_commit():
        workflow_state.current_task_state.approve(user=moderator)
    approved = [mail for mail in mail_after_commit.outbox if editor.email in mail.to]
    assert approved and "apstiprināt" in approved[0].subject + approved[0].body
    assert "approved" not in approved[0].body
    assert revision.pk
