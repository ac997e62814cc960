"""Sign-up does not tell whether an address already has an account (issue 10): the same
answer, a mail in both cases, and the same work (it took ~5 ms for a known address against
~200 ms for a new one, the password hash; measured in CPU time, not asserted here)."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client

import pytest

from accounts.models import User
from tests.forms import as_a_person

pytestmark = pytest.mark.django_db

HASHED = []


class CountingHasher(PBKDF2PasswordHasher):
    """The production hasher, counting how often it hashes."""

    iterations = 1000

    def encode(self, password, salt, iterations=None):
        HASHED.append(password)
        return super().encode(password, salt, iterations)


def sign_up(client, email):
    password = "zils-putns-lido-2026"
    data = {"email": email, "password1": password, "password2": password, **as_a_person()}
    return client.post("/accounts/signup/", data)


def test_known_and_new_addresses_get_the_same_answer_and_a_mail(home_page, make_user, mail_after_commit):
    make_user(email="zinams@example.org")
    pages = {}
    for email in ("zinams@example.org", "jauns@example.org"):
        client = Client()
        with mail_after_commit():
            response = sign_up(client, email)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/confirm-email/"
        pages[email] = client.get(response["Location"]).content.decode().replace(email, "ADDRESS")
    assert pages["zinams@example.org"] == pages["jauns@example.org"]
    assert [message.to for message in mail_after_commit.outbox] == [["zinams@example.org"], ["jauns@example.org"]]
    assert User.objects.filter(email="zinams@example.org").count() == 1


def test_both_answers_cost_one_password_hash(client, home_page, make_user, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    make_user(email="zinams@example.org")
    for email in ("zinams@example.org", "jauns@example.org"):
        HASHED.clear()
        client.logout()
        sign_up(client, email)
        assert len(HASHED) == 1, email
