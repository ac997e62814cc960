"""Helpers the browser tests share."""

from pathlib import Path

from playwright.sync_api import Error

# Chromium now and then answers a screenshot with "Unable to capture screenshot" when the machine is
# busy (no frame was ready); the next try a moment later gets one. Anything else is a real failure.
NO_FRAME = "Unable to capture screenshot"


def screenshot(page, path: Path | str, tries: int = 3) -> bytes:
    """A full-page screenshot of ``page`` at ``path``, for a person to look at."""
    for attempt in range(tries):
        try:
            return page.screenshot(path=path, full_page=True)
        except Error as error:
            if NO_FRAME not in str(error) or attempt == tries - 1:
                raise
            page.wait_for_timeout(250)
    raise AssertionError("unreachable")


def watch_console(page) -> list[str]:
    """The page's console errors and uncaught exceptions, collected as they happen."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def sign_in_as_staff(page, user) -> None:
    """Fill the sign-in page on screen as ``user`` (password, then the authenticator's code: staff
    have a second factor) and send it; the caller waits for where it leads."""
    from accounts.factories import totp_code
    from tests.conftest import PASSWORD

    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", totp_code())
    page.locator("main form button[type=submit]").first.click()
