"""The Wagtail admin works under its Content Security Policy (no inline script allowed):
an editor signs in with the second factor, edits a news item (date picker, image chooser,
rich text with a link, a new StreamField block, the preview), saves it, adds a need to a
campaign and opens a new need's date picker; the browser reports no CSP violation or error."""

import re

import pytest

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from home.factories import ImageFactory, NewsIndexPageFactory, NewsPageFactory
from home.models import HomePage
from tests.browser import sign_in_as_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def content():
    home = HomePage.objects.get(locale__language_code="lv")
    index = publish(NewsIndexPageFactory(parent=home))
    ImageFactory(title="Otrais attēls")
    news = publish(NewsPageFactory(parent=index, title="Vasaras nometnes", image=ImageFactory(title="Nometne")))
    campaigns = publish(CampaignIndexPageFactory(parent=home))
    campaign = publish(CampaignPageFactory(parent=campaigns, needs=1))
    return news, campaign


def sign_in(page, base, user):
    page.goto(base + "/accounts/login/?next=/admin/")
    sign_in_as_staff(page, user)
    page.wait_for_url("**/admin/")


# Wagtail's autosave posts the editor's form half a second after a change and answers 400 ("There are
# validation errors, click save to highlight them") while it is not valid yet, as the campaign's form
# is with a need just added and still empty: Wagtail's own notice, not a problem of the page.
AUTOSAVE = re.compile(r"/admin/pages/\d+/edit/$")


def is_problem(message):
    """A console error (a script failing, a CSP refusal, a file not loading), but not autosave's 400."""
    if message.type != "error" or message.text.startswith("axe.run results"):
        return False
    return not ("status of 400" in message.text and AUTOSAVE.search(message.location.get("url", "")))


def visible_pickers(page):
    page.wait_for_timeout(300)
    return page.locator(".xdsoft_datetimepicker:visible").count()


def test_editor_works_in_the_admin_under_its_csp(page, live_server, make_user, content):
    news, campaign = content
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(f"{message.text} ({message.location.get('url', '')})") if is_problem(message) else None
        ),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    editor = make_user(groups=["Editors"], email="redaktore@example.org")
    sign_in(page, live_server.url, editor)
    policy = page.request.get(live_server.url + "/admin/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]

    page.goto(f"{live_server.url}/admin/pages/{news.pk}/edit/")
    page.click("#id_date")
    assert visible_pickers(page) == 1
    page.keyboard.press("Escape")
    page.locator("#id_title").click()

    chooser = page.locator("#id_image-chooser")
    chooser.locator(".w-dropdown__toggle").click()
    chooser.locator(".w-dropdown__content button[data-chooser-action-choose]").click()
    choice = page.locator(".modal-dialog a[data-chooser-modal-choice]", has_text="Otrais attēls")
    choice.click()
    page.wait_for_selector(".modal-dialog", state="hidden")
    assert "Otrais attēls" in chooser.inner_text()

    text = page.locator(".Draftail-Editor [contenteditable=true]").first
    text.click()
    page.keyboard.press("End")
    page.keyboard.type(" Pieteikšanās līdz maijam.")
    page.keyboard.press("Control+k")
    page.wait_for_selector(".modal-dialog", state="visible")
    assert "Izvēlēties lapu" in page.locator(".modal-dialog").inner_text()
    page.locator(".modal-dialog [data-dismiss=modal], .modal-dialog button.close").first.click()
    page.wait_for_selector(".modal-dialog", state="hidden")

    page.locator("button[data-side-panel-toggle='preview']").first.click()
    preview = page.frame_locator("#w-preview-iframe")
    assert preview.locator("h1").inner_text(timeout=10000) == "Vasaras nometnes"

    page.locator("button[name=action-save], button:has-text('Saglabāt melnrakstu')").first.click()
    page.wait_for_load_state("load")
    assert "ir atjaunota" in page.locator(".messages").inner_text()
    news.refresh_from_db()
    assert news.get_latest_revision_as_object().image.title == "Otrais attēls"
    assert "Pieteikšanās līdz maijam." in str(news.get_latest_revision_as_object().body)

    page.goto(f"{live_server.url}/admin/pages/{campaign.pk}/edit/")
    page.click("#id_start_date")
    assert visible_pickers(page) == 1
    page.keyboard.press("Escape")
    page.locator("#id_title").click()
    assert visible_pickers(page) == 0
    before = page.locator("[data-inline-panel-child]").count()
    page.locator("#id_needs-ADD").click()
    page.wait_for_timeout(500)
    assert page.locator("[data-inline-panel-child]").count() == before + 1
    assert problems == []


def test_typing_in_an_admin_form_keeps_the_staff_session_from_going_idle(page, live_server, make_user, monkeypatch):
    """A coordinator writes a check-in note for longer than the idle timeout without sending a page:
    before, saving it found the session ended and the note was lost. Typing now tells the server
    they are there (at most once a minute; here at once). And a form sends the browser's current
    CSRF secret, so signing in again on another tab does not make it fail."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    from accounts import sessions

    monkeypatch.setattr(sessions, "LAST_SEEN_RESOLUTION", 0)
    sign_in(page, live_server.url, make_user(groups=["Mentoring coordinators"], email="koordinatore@example.org"))
    page.goto(live_server.url + "/admin/mentoring/check-ins/new/")
    key = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == settings.SESSION_COOKIE_NAME)
    session = import_string(settings.SESSION_ENGINE + ".SessionStore")

    before = session(key).load()[sessions.LAST_SEEN]
    with page.expect_response(lambda response: response.url.endswith("/admin/presence/")) as ping:
        page.locator("textarea").first.type("Runājām pa tālruni")
    assert ping.value.status == 204
    assert session(key).load()[sessions.LAST_SEEN] > before

    # Signing in again on another tab gives the browser a new CSRF secret: the form typed before
    # still saves (it sends the current one), where Django refused it and the note was lost.
    csrf = next(cookie for cookie in page.context.cookies() if cookie["name"] == settings.CSRF_COOKIE_NAME)
    page.context.add_cookies([{**csrf, "value": "n" * 32}])
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.locator("form button[type=submit]").last.click()
    assert sent.value.status != 403
