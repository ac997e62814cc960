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


def test_staff_get_wagtails_userbar_on_its_pages_only(client, home_page, coordinator):
    """'Edit this page' where there is a page; on the account pages (where a coordinator without a
    second factor lands, the admin still closed to them) and the other views it only covered the
    bottom right corner of the page: there the account menu's "Admin" is the way in."""
    client.force_login(coordinator)
    assert "wagtail-userbar" in client.get("/").content.decode()
    for url in ["/accounts/2fa/", "/my-data/", "/search/?q=centrs"]:
        html = client.get(url).content.decode()
        assert "wagtail-userbar" not in html, url
        assert 'href="/admin/"' in html, url
