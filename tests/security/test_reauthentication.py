"""Changing e-mail, password or two-factor sign-in asks for the password again (issue 10)."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_adding_an_email_address_asks_for_the_password_first(client, visitor_user):
    client.force_login(visitor_user)
    response = client.post("/accounts/email/", {"action_add": "", "email": "otra@example.org"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="otra@example.org").exists()

    page = client.get(response["Location"]).content.decode()
    assert 'name="password"' in page
    assert client.post(response["Location"], {"password": "nepareiza-parole"}).status_code == 200
    assert not EmailAddress.objects.filter(email="otra@example.org").exists()

    # The right password carries the suspended request through.
    client.post(response["Location"], {"password": PASSWORD})
    assert EmailAddress.objects.filter(user=visitor_user, email="otra@example.org").exists()


@pytest.mark.parametrize("action", ["action_remove", "action_primary"])
def test_removing_or_changing_the_primary_address_asks_too(client, visitor_user, action):
    EmailAddress.objects.create(user=visitor_user, email="otra@example.org", verified=True)
    client.force_login(visitor_user)
    response = client.post("/accounts/email/", {action: "", "email": "otra@example.org"})
    assert response["Location"].startswith("/accounts/reauthenticate/")
    address = EmailAddress.objects.get(email="otra@example.org")
    assert not address.primary


def test_changing_the_password_needs_the_current_one(client, visitor_user):
    client.force_login(visitor_user)
    new = "jauna-zila-parole-2026"
    response = client.post(
        "/accounts/password/change/", {"oldpassword": "nepareiza-parole", "password1": new, "password2": new}
    )
    assert response.status_code == 200
    visitor_user.refresh_from_db()
    assert visitor_user.check_password(PASSWORD)
    client.post("/accounts/password/change/", {"oldpassword": PASSWORD, "password1": new, "password2": new})
    visitor_user.refresh_from_db()
    assert visitor_user.check_password(new)


def test_turning_off_the_authenticator_app_asks_for_the_password(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    page = client.get(response["Location"]).content.decode()
    assert 'name="password"' in page


def test_the_admin_account_page_changes_neither_email_nor_password(client, editor):
    """Wagtail's own account page would change them without asking again: it leaves them to allauth."""
    client.force_login(editor)
    html = client.get("/admin/account/").content.decode()
    assert 'name="name_email-email"' not in html
    assert 'type="password"' not in html
    client.post("/admin/account/", {"name_email-first_name": "X", "name_email-email": "cits@example.org"}, follow=True)
    editor.refresh_from_db()
    assert editor.email == "editor@example.org"
