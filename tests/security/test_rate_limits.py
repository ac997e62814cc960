"""The 11th failed sign-in in a short window answers 429, counted per address and per account;
the address is the one our own proxies saw, never one the visitor wrote (issue 10)."""

from django.test import RequestFactory

import pytest
from django_ratelimit.core import is_ratelimited

from accounts.network import client_ip

pytestmark = pytest.mark.django_db

ALLOWED_FAILURES = 10


def fail(client, email, **extra):
    return client.post("/accounts/login/", {"login": email, "password": "nepareiza-parole"}, **extra)


def test_the_eleventh_failure_from_one_address_answers_429(client, make_user):
    users = [make_user(email=f"cilveks{number}@example.org") for number in range(ALLOWED_FAILURES + 1)]
    for user in users[:ALLOWED_FAILURES]:
        response = fail(client, user.email)
        assert response.status_code == 200
        assert "Nepareizs e-pasts un/vai parole." in response.content.decode()
    response = fail(client, users[-1].email)
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="lv">' in html
    assert 'class="site-header"' in html
    assert "Pārāk daudz mēģinājumu" in html
    # The limit holds for the right password too: guessing has to stop, not just fail.
    response = client.post("/accounts/login/", {"login": users[0].email, "password": "correct horse battery staple"})
    assert response.status_code == 429
    # Another address is not held up.
    assert fail(client, users[0].email, REMOTE_ADDR="192.0.2.44").status_code == 200


def test_the_eleventh_failure_for_one_account_answers_429_from_anywhere(client, visitor_user):
    for number in range(ALLOWED_FAILURES):
        assert fail(client, visitor_user.email, REMOTE_ADDR=f"198.51.100.{number + 1}").status_code == 200
    response = fail(client, visitor_user.email, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429


def test_the_429_page_is_in_english_under_en(client, english_home, visitor_user):
    for _ in range(ALLOWED_FAILURES):
        client.post("/en/accounts/login/", {"login": visitor_user.email, "password": "wrong"})
    response = client.post("/en/accounts/login/", {"login": visitor_user.email, "password": "wrong"})
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Too many attempts" in html


def test_a_forged_forwarded_for_does_not_change_the_counted_address(client, visitor_user, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for number in range(ALLOWED_FAILURES):
        # A different account each time, so only the per-address limit can catch it.
        fail(client, f"nav{number}@example.org", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    response = fail(client, "nav-vairs@example.org", HTTP_X_FORWARDED_FOR="10.0.0.200")
    assert response.status_code == 429


def test_behind_our_proxy_each_visitor_is_counted_apart(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for number in range(ALLOWED_FAILURES):
        fail(client, f"nav{number}@example.org", HTTP_X_FORWARDED_FOR="192.0.2.10", **proxy)
    # The same visitor is stopped even when it puts another address in front of the proxy's.
    forged = fail(client, "cits@example.org", HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.10", **proxy)
    assert forged.status_code == 429
    # Another visitor behind the same proxy is not.
    assert fail(client, "cits@example.org", HTTP_X_FORWARDED_FOR="192.0.2.11", **proxy).status_code == 200


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "", "203.0.113.1"),
        (0, "192.0.2.7", "203.0.113.1"),
        (1, "192.0.2.7", "192.0.2.7"),
        (1, "10.0.0.1, 192.0.2.7", "192.0.2.7"),
        (2, "10.0.0.1, 192.0.2.7, 198.51.100.2", "192.0.2.7"),
        (2, "192.0.2.7", "203.0.113.1"),  # fewer entries than proxies: not from our proxies
        (1, "not-an-address", "203.0.113.1"),
    ],
)
def test_client_address(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_django_ratelimit_counts_the_same_address(settings):
    """The pledge form's limit (django-ratelimit, key "ip") uses the same rule."""
    settings.TRUSTED_PROXY_COUNT = 0
    factory = RequestFactory()

    def limited(forwarded):
        request = factory.post("/", REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_FOR=forwarded)
        return is_ratelimited(request, group="test.forged", key="ip", rate="1/m", method="POST", increment=True)

    assert not limited("10.0.0.1")
    assert limited("10.0.0.2")
