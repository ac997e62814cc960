"""Who sees what: every role against every mentoring URL.

Mentors see only their own pair (another's gives 404); editors and campaign managers
see nothing of the programme in the admin; only coordinators get in there.
"""

import datetime

import pytest

from mentoring.factories import CheckInFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain_user", "applicant", "mentor_a", "mentor_b", "editor", "campaign_manager", "coordinator"]


@pytest.fixture
def world(make_user, applicant, coordinator, editor, campaign_manager, pair_a, pair_b, today):
    """Two pairs with a meeting each, and one closed pair of mentor A's past."""
    from mentoring.factories import MenteeFactory, PairFactory

    old = PairFactory(
        mentor=pair_a.mentor,
        mentee=MenteeFactory(),
        coordinator=coordinator,
        start_date=today - datetime.timedelta(days=400),
        closed_on=today - datetime.timedelta(days=200),
        closure_reason="goals_met",
    )
    return {
        "users": {
            "anonymous": None,
            "plain_user": make_user(email="plain@example.org"),
            "applicant": applicant,
            "mentor_a": pair_a.mentor.user,
            "mentor_b": pair_b.mentor.user,
            "editor": editor,
            "campaign_manager": campaign_manager,
            "coordinator": coordinator,
        },
        "pair": pair_a,
        "old_pair": old,
        "meeting": MeetingFactory(pair=pair_a, date=today),
        "checkin": CheckInFactory(pair=pair_a, date=today),
        "mentee": pair_a.mentee,
        "application": pair_a.mentor,
    }


# (name, method, url template) — {pair}, {old_pair}, {meeting}, {mentee}, {application} are mentor A's.
PUBLIC = [
    ("my_mentoring", "get", "/mentoring/"),
    ("old_pair", "get", "/mentoring/pairs/{old_pair}/"),
    ("log_meeting", "post", "/mentoring/pairs/{pair}/meetings/"),
    ("edit_meeting", "get", "/mentoring/meetings/{meeting}/edit/"),
    ("delete_meeting", "get", "/mentoring/meetings/{meeting}/delete/"),
    ("delete_meeting_post", "post", "/mentoring/meetings/{meeting}/delete/"),
]
ADMIN = [
    "/admin/mentoring/monitoring/",
    "/admin/mentoring/hours/",
    "/admin/mentoring/hours/?export=csv",
    "/admin/mentoring/applications/",
    "/admin/mentoring/applications/inspect/{application}/",
    "/admin/mentoring/applications/edit/{application}/",
    "/admin/mentoring/applications/decide/{application}/",
    "/admin/mentoring/training/",
    "/admin/mentoring/training/new/",
    "/admin/mentoring/mentees/",
    "/admin/mentoring/mentees/new/",
    "/admin/mentoring/mentees/inspect/{mentee}/",
    "/admin/mentoring/mentees/edit/{mentee}/",
    "/admin/mentoring/mentees/history/{mentee}/",
    "/admin/mentoring/pairs/",
    "/admin/mentoring/pairs/new/",
    "/admin/mentoring/pairs/inspect/{pair}/",
    "/admin/mentoring/pairs/edit/{pair}/",
    "/admin/mentoring/pairs/close/{pair}/",
    "/admin/mentoring/pairs/approve-month/{pair}/",
    "/admin/mentoring/check-ins/edit/{checkin}/",
    "/admin/mentoring/check-ins/",
    "/admin/mentoring/check-ins/new/",
    "/admin/mentoring/access-log/",
    "/admin/settings/mentoring/mentoringsettings/",
]

PUBLIC_EXPECTED = {
    # role: {url name: status}; anything not listed is 404 (not yours) for signed-in people.
    "anonymous": dict.fromkeys([name for name, _m, _u in PUBLIC], 302),
    "mentor_a": {
        "my_mentoring": 200,
        "old_pair": 200,
        "log_meeting": 302,
        "edit_meeting": 200,
        "delete_meeting": 200,
        "delete_meeting_post": 302,
    },
}


def _url(template, world):
    return template.format(
        pair=world["pair"].pk,
        old_pair=world["old_pair"].pk,
        meeting=world["meeting"].pk,
        mentee=world["mentee"].pk,
        application=world["application"].pk,
        checkin=world["checkin"].pk,
    )


def _login(client, user):
    if user is not None:
        client.force_login(user)


def _body(response):
    return response.content.decode() if not response.streaming else b"".join(response.streaming_content).decode()


# One test per role, looping over the URLs: the world is built once per role, not once per URL.
# Every role × URL expectation is still checked, and a failure names the URL.


@pytest.mark.parametrize("role", ROLES)
def test_public_urls(client, world, today, role):
    _login(client, world["users"][role])
    for name, method, template in PUBLIC:
        url = _url(template, world)
        data = {"date": today.isoformat(), "hours": "1", "activity": "walk"} if method == "post" else None
        response = getattr(client, method)(url, data)
        default = 200 if name == "my_mentoring" else 404
        expected = PUBLIC_EXPECTED.get(role, {}).get(name, default)
        assert response.status_code == expected, (role, url, response.status_code)
        if role == "anonymous":
            assert "/accounts/login/" in response["Location"], (role, url)
        if expected != 200 or role != "mentor_a":
            assert world["mentee"].first_name not in response.content.decode(), (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_admin_urls(client, world, role):
    _login(client, world["users"][role])
    for template in ADMIN:
        url = _url(template, world)
        response = client.get(url)
        body = _body(response)
        if role == "coordinator":
            # Site settings redirect to the default site's form first.
            assert client.get(url, follow=True).status_code == 200, (role, url)
            continue
        assert response.status_code in (302, 403), (role, url, response.status_code)
        if role == "anonymous":
            location = response["Location"]
            assert "/accounts/login/" in location or "/admin/login/" in location, (role, url)
        elif role in ("plain_user", "applicant", "mentor_a", "mentor_b"):
            # Signed in without admin access: a page that says so (home.middleware), not the sign-in loop.
            assert response.status_code == 403 and "Location" not in response, (role, url)
        assert world["mentee"].first_name not in body, (role, url)
        assert world["application"].full_name not in body, (role, url)


@pytest.mark.parametrize("role", ["editor", "campaign_manager", "coordinator"])
def test_admin_menu_shows_mentoring_only_to_coordinators(client, world, role):
    client.force_login(world["users"][role])
    response = client.get("/admin/")
    assert response.status_code == 200
    for url in ["/admin/mentoring/pairs/", "/admin/mentoring/monitoring/", "/admin/mentoring/hours/"]:
        shown = url in response.content.decode()
        assert shown is (role == "coordinator"), (role, url)


@pytest.mark.parametrize("role", ["editor", "campaign_manager"])
def test_staff_outside_the_programme_cannot_post_admin_actions(client, world, role, today):
    client.force_login(world["users"][role])
    pair = world["pair"]
    posts = [
        (f"/admin/mentoring/pairs/close/{pair.pk}/", {"closed_on": today.isoformat(), "reason": "other"}),
        (f"/admin/mentoring/pairs/approve-month/{pair.pk}/", {"month": "2026-01-01"}),
        (f"/admin/mentoring/pairs/resolve-concern/{world['meeting'].pk}/", {}),
        (f"/admin/mentoring/applications/decide/{world['application'].pk}/", {"state": "withdrawn"}),
        (f"/admin/mentoring/mentees/edit/{world['mentee'].pk}/", {"first_name": "X"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (302, 403), url
    pair.refresh_from_db()
    assert pair.is_active
    world["mentee"].refresh_from_db()
    assert world["mentee"].first_name != "X"


def test_superuser_sees_the_programme(client, world, superuser):
    client.force_login(superuser)
    assert client.get("/admin/mentoring/monitoring/").status_code == 200


@pytest.mark.parametrize("role", ["editor", "campaign_manager"])
def test_wagtails_history_report_hides_the_programme_from_other_staff(client, world, role, today):
    coordinator = world["users"]["coordinator"]
    client.force_login(coordinator)
    mentee = world["mentee"]
    data = {
        "first_name": mentee.first_name,
        "birth_date": mentee.birth_date.isoformat(),
        "case_reference": mentee.case_reference,
        "guardian_consent_on": mentee.guardian_consent_on.isoformat(),
        "interests": "Jaunas intereses",
        "notes": "",
    }
    assert client.post(f"/admin/mentoring/mentees/edit/{mentee.pk}/", data).status_code == 302
    client.post(
        f"/admin/mentoring/pairs/close/{world['pair'].pk}/", {"closed_on": today.isoformat(), "reason": "other"}
    )
    assert mentee.first_name in client.get("/admin/reports/site-history/").content.decode()

    client.force_login(world["users"][role])
    response = client.get("/admin/reports/site-history/")
    # The report itself (the sidebar names the signed-in user, who may share a first name with the child).
    body = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert mentee.first_name not in body
    assert world["application"].full_name not in body
