"""Public accounts through allauth: e-mail as login, verified before use, in Latvian."""

import re

from django.core.management import call_command

import pytest

from accounts import english
from accounts.models import User
from tests.forms import as_a_person

pytestmark = pytest.mark.django_db


def test_sign_up_page_is_in_the_site_look_and_latvian(client, home_page):
    html = client.get("/accounts/signup/").content.decode()
    assert '<html lang="lv">' in html
    assert 'class="site-header"' in html
    assert "Reģistrēties" in html
    assert 'name="username"' not in html


def test_sign_up_sends_verification_mail_after_commit(client, home_page, mail_after_commit):
    with mail_after_commit():
        response = client.post(
            "/accounts/signup/",
            {
                "email": "jauna@example.org",
                "password1": "zils-putns-lido-2026",
                "password2": "zils-putns-lido-2026",
                **as_a_person(),
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="jauna@example.org")
    assert not user.emailaddress_set.get().verified
    assert len(mail_after_commit.outbox) == 1
    message = mail_after_commit.outbox[0]
    assert message.to == ["jauna@example.org"]
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", message.body).group(1)
    # Greeted and signed as the centre's own mails are, in Latvian: no "Sveiciens no testserver!".
    assert message.body.startswith("Labdien!\n")
    assert message.body.rstrip().endswith("Bauskas SOS ģimeņu atbalsta centrs\nhttp://testserver")
    assert "testserver!" not in message.body
    client.post(link)
    assert user.emailaddress_set.get().verified


def test_a_password_reset_mail_in_english_is_signed_by_the_centre(
    client, english_home, visitor_user, mail_after_commit
):
    with mail_after_commit():
        client.post("/en/accounts/password/reset/", {"email": visitor_user.email, **as_a_person()})
    (message,) = mail_after_commit.outbox
    assert message.subject == "Password reset e-mail"
    assert message.body.startswith("Hello!\n")
    assert message.body.rstrip().endswith("Bauska SOS Family Support Centre\nhttp://testserver")
    assert re.search(r"http://testserver/en/accounts/password/reset/key/\S+/", message.body)
    assert "Hello from" not in message.body and "Thank you for using" not in message.body


def test_unverified_user_cannot_sign_in(client, make_user, mail_after_commit):
    make_user(email="neapstiprinats@example.org", verified=False)
    with mail_after_commit():
        response = client.post(
            "/accounts/login/", {"login": "neapstiprinats@example.org", "password": "correct horse battery staple"}
        )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_wrong_password_gets_a_latvian_message(client, visitor_user):
    response = client.post("/accounts/login/", {"login": visitor_user.email, "password": "nepareiza"})
    assert response.status_code == 200
    assert "Nepareizs e-pasts un/vai parole." in response.content.decode()


def test_user_manager_creates_users_by_email():
    user = User.objects.create_user("Cilveks@Example.org", "parole-123-garāka")
    assert user.email == "Cilveks@example.org"
    assert user.check_password("parole-123-garāka")
    admin = User.objects.create_superuser("boss@example.org", "parole-123-garāka")
    assert admin.is_staff and admin.is_superuser


def _text(html):
    """The page with its whitespace collapsed and none left inside tags' edges: ``<h1>Sign in</h1>``."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+", " ", html))


def test_account_pages_write_english_as_the_site_does(client, english_home, visitor_user):
    """allauth's "Sign In", "Email Addresses", "Change Password" read "Sign in", "E-mail addresses",
    "Change password" in English, as the site's own English does; its Latvian is unchanged."""
    title_case = {msgid for _context, msgid in english.wanted()}
    assert {"Sign In", "Sign Up", "Email Addresses", "Two-Factor Authentication"} <= title_case

    def check(url, heading):
        html = _text(client.get(url).content.decode())
        assert f"<h1>{heading}</h1>" in html, url
        assert [phrase for phrase in title_case if f">{phrase}<" in html] == [], url

    check("/en/accounts/login/", "Sign in")
    assert '<label for="id_login">E-mail' in _text(client.get("/en/accounts/login/").content.decode())
    check("/en/accounts/signup/", "Sign up")
    check("/en/accounts/password/reset/", "Password reset")
    check("/accounts/login/", "Pieslēgties")
    client.force_login(visitor_user)
    check("/en/accounts/email/", "E-mail addresses")
    check("/en/accounts/password/change/", "Change password")
    client.logout()
    wrong = client.post(
        "/en/accounts/signup/", {"email": "vards@", "password1": "x", "password2": "x", **as_a_person()}
    )
    assert "Enter a valid e-mail address." in wrong.content.decode()


def test_the_english_catalogue_has_every_phrase_of_allauth_in_the_sites_style():
    call_command("english_catalogue", "--check")
    assert english.house_style("Add Email Address") == "Add e-mail address"
    assert english.house_style("Confirmation email sent to %(email)s.") == "Confirmation e-mail sent to %(email)s."
    assert english.house_style('<a href="%(email_url)s">Email</a>') == '<a href="%(email_url)s">E-mail</a>'
    assert english.sentence_case("Two-Factor Authentication") == "Two-factor authentication"
    assert english.sentence_case("IP Address") == "IP address"
    assert english.sentence_case("Trust this Browser?") == "Trust this browser?"


def test_the_confirmation_link_signs_in_the_browser_that_signed_up_and_goes_on_to_the_application(
    client, home_page, mail_after_commit
):
    """A young person taps "Izveidot kontu" on "Become a mentor", signs up and opens the link in
    the mail on the same phone: they were sent to the sign-in page to type the password again,
    and from there to the home page, not to the application. Now the link signs them in and goes
    on to where they were headed. The same link in another browser only confirms the address, and
    its page names the address once, as theirs."""
    with mail_after_commit():
        client.post(
            "/accounts/signup/?next=/kluti-par-mentoru/",
            {
                "email": "jauna@example.org",
                "password1": "zils-putns-lido-2026",
                "password2": "zils-putns-lido-2026",
                "next": "/kluti-par-mentoru/",
                **as_a_person(),
            },
        )
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail_after_commit.outbox[0].body).group(1)
    from django.test import Client

    elsewhere = Client()
    page = elsewhere.get(link)  # the confirm page, for a person who is not signed in
    # The address once, as theirs (allauth's: "... ir lietotāja jauna@example.org e-pasta adrese").
    assert "Lūdzu, apstipriniet, ka <strong>jauna@example.org</strong> ir jūsu e-pasta adrese." in page.text
    assert page.text.count("jauna@example.org") == 1
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/kluti-par-mentoru/"
    assert client.get("/accounts/email/").status_code == 200  # signed in: their account page opens
    assert User.objects.get(email="jauna@example.org").emailaddress_set.get().verified
    # Another browser with the same (now used) link is not signed in by it.
    elsewhere.post(link)
    assert elsewhere.get("/accounts/email/").status_code == 302
