"""The header's account menu gathers links that the apps register."""

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_sign_in_only(client, home_page):
    html = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in html
    assert "/campaigns/my-pledges/" not in html


def test_signed_in_donor_sees_my_pledges_and_account_on_every_page(client, home_page, visitor_user):
    client.force_login(visitor_user)
    for url in ["/", "/search/"]:
        html = client.get(url).content.decode()
        assert 'href="/campaigns/my-pledges/"' in html
        assert "Mani solījumi" in html
        assert 'href="/accounts/email/"' in html
        assert "/mentoring/" not in html  # only for those who applied
