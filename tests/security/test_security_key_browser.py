"""A coordinator without a second factor sets up a security key (WebAuthn) in Chromium, with
Chromium's virtual authenticator standing in for the key, reaches the admin, and next time
signs in with the key instead of a code (issue 10)."""

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_coordinator_sets_up_a_security_key_and_signs_in_with_it(page, live_server, make_user):
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    authenticator = page.context.new_cdp_session(page)
    authenticator.send("WebAuthn.enable")
    authenticator.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    user = make_user(groups=["Mentoring coordinators"], email="atslega@example.org", two_factor=False)

    def sign_in():
        page.goto(live_server.url + "/accounts/login/?next=/admin/")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("load")

    sign_in()
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/accounts/2fa/"
    assert page.get_by_text("Darbinieku konti pieslēdzas divos soļos").is_visible()

    page.goto(live_server.url + "/accounts/2fa/webauthn/add/")
    page.fill("input[name=password]", PASSWORD)  # setting it up asks for the password again
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    page.fill("input[name=name]", "Zilā atslēga")
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "webauthn/add" not in url)
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/admin/"

    page.context.clear_cookies()
    sign_in()
    assert page.url == live_server.url + "/accounts/2fa/authenticate/"
    page.locator("#mfa_webauthn_authenticate").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto("about:blank")
    assert problems == []
