"""Staff sign in with two factors (issue 10): until they have set one up, every admin address
sends them to the set-up page; donors, applicants and mentors may turn it on themselves."""

import re

from django.contrib.messages import get_messages

import pytest

from accounts.factories import totp_code
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/mentoring/applications/",
    "/admin/settings/home/centresettings/",
    "/admin/account/",
]
SET_UP = "/accounts/2fa/"


@pytest.fixture
def new_coordinator(make_user):
    return make_user(groups=["Mentoring coordinators"], email="jauna.koordinatore@example.org", two_factor=False)


def sign_in(client, user, *, next_url="/admin/"):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD, "next": next_url})


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_staff_without_a_second_factor_are_sent_to_set_it_up(client, new_coordinator, url):
    client.force_login(new_coordinator)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == SET_UP
    [message] = get_messages(response.wsgi_request)
    assert "Darbinieku konti" in str(message)


def test_the_message_and_set_up_page_follow_the_admin_language(client, new_coordinator):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=new_coordinator, defaults={"preferred_language": "en"})
    client.force_login(new_coordinator)
    response = client.get("/admin/pages/")
    assert response["Location"] == "/en" + SET_UP
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Staff accounts sign in with two steps" in html
    assert '<html lang="en">' in html


def test_set_up_page_says_why_in_latvian(client, new_coordinator):
    client.force_login(new_coordinator)
    html = client.get("/admin/", follow=True).content.decode()
    assert '<html lang="lv">' in html
    assert "Darbinieku konti piesakās divos soļos" not in html  # "piesakās" is for applications
    assert "Darbinieku konti pieslēdzas divos soļos" in html
    assert "Autentifikatora lietotne" in html


@pytest.mark.parametrize("fixture", ["superuser", "editor", "moderator", "campaign_manager"])
def test_every_kind_of_staff_needs_it(request, client, make_user, fixture):
    kind = request.getfixturevalue(fixture)
    user = make_user(
        groups=list(kind.groups.values_list("name", flat=True)),
        is_superuser=kind.is_superuser,
        is_staff=True,
        email=f"new-{kind.email}",
        two_factor=False,
    )
    client.force_login(user)
    assert client.get("/admin/")["Location"] == SET_UP
    client.force_login(kind)  # the fixtures' staff have set it up
    assert client.get("/admin/").status_code == 200


def test_staff_can_still_sign_out_of_the_admin(client, new_coordinator):
    client.force_login(new_coordinator)
    response = client.post("/admin/logout/")
    assert response["Location"] != SET_UP
    assert "_auth_user_id" not in client.session


def test_coordinator_sets_up_an_authenticator_app_then_signs_in_with_it(client, new_coordinator):
    assert sign_in(client, new_coordinator)["Location"] == "/admin/"
    assert client.get("/admin/")["Location"] == SET_UP
    assert "/accounts/2fa/totp/activate/" in client.get(SET_UP).content.decode()

    # Setting it up asks for the password again first.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/totp/activate/"

    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page) or re.search(
        r'value="([A-Z2-7]+)"[^>]*id="authenticator_secret"', page
    )
    assert secret, "the page shows the secret for people who cannot scan the QR code"
    assert "data:image/svg+xml;base64," in page
    wrong = "000000" if totp_code(secret[1]) != "000000" else "111111"
    response = client.post("/accounts/2fa/totp/activate/", {"code": wrong})
    assert response.status_code == 200  # a wrong code sets nothing up
    assert client.get("/admin/")["Location"] == SET_UP

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret[1])})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert client.get("/admin/").status_code == 200

    # Next time, the password alone is not enough.
    client.logout()
    response = sign_in(client, new_coordinator)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    prompt = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Autentifikatora kods" in prompt or 'name="code"' in prompt
    assert client.post("/accounts/2fa/authenticate/", {"code": "12345"}).status_code == 200
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret[1])})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_donor_is_not_forced_but_may_turn_it_on(client, visitor_user):
    response = sign_in(client, visitor_user, next_url="/")
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    account = client.get("/accounts/email/").content.decode()
    assert 'href="/accounts/2fa/"' in account
    page = client.get(SET_UP)
    assert page.status_code == 200
    assert "/accounts/2fa/totp/activate/" in page.content.decode()
    assert "Darbinieku konti" not in page.content.decode()


def test_staff_with_a_second_factor_get_a_way_back_to_the_admin(client, coordinator):
    client.force_login(coordinator)
    assert 'href="/admin/"' in client.get(SET_UP).content.decode()
