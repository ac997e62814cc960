"""Every public form, submitted wrong once in Chromium on a phone: an error summary at the form's top
takes the focus and is announced (role="alert"), lists each problem once, in the order of the fields,
each as a link that puts the cursor in its field; each field carries its own message
(aria-invalid, aria-describedby). Without JavaScript the page opens at the summary."""

import datetime

from django.utils import timezone

import pytest

from tests.conftest import PASSWORD

# The portal is built once for the module (``shared_portal``): a form sent wrong changes nothing.
pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}

# The invalid fields in document order (a group of radio buttons once, by its first button).
INVALID_FIELDS = """() => {
  const seen = new Set(), ids = [];
  for (const el of document.querySelectorAll("main [aria-invalid='true']")) {
    const key = el.type === "radio" ? "radio:" + el.name : el.id;
    if (!seen.has(key)) { seen.add(key); ids.push(el.id); }
  }
  return ids;
}"""

# The messages an element's aria-describedby (its own, or its fieldset's) points to.
DESCRIBED_BY = """(el) => {
  const owner = el.type === "radio" ? el.closest("fieldset") : el;
  return (owner.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean).map((node) => node.textContent.trim());
}"""


def in_view(page, selector):
    return page.evaluate(
        """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
             return r.bottom > 0 && r.top < window.innerHeight; }""",
        selector,
    )


def assert_error_summary(page, *, plain=()):
    """The summary is there, focused, announced; its links follow the invalid fields in page order and
    each puts the cursor in its field; ``plain`` are problems of the whole form (no field to link to).
    Returns the summary's lines."""
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.get_attribute("role") == "alert"
    assert summary.get_attribute("tabindex") == "-1"
    # Its autofocus focuses it once the page is read (and site.js, for browsers that autofocus only fields).
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    assert in_view(page, "#error-summary")
    assert summary.locator("h2").inner_text()

    lines = [text.strip() for text in summary.locator("li").all_inner_texts()]
    assert len(lines) == len(set(lines)), f"a line repeats: {lines}"
    for text in plain:
        assert text in lines, lines
    links = summary.locator("a")
    targets = [link.get_attribute("href")[1:] for link in links.all()]
    invalid = page.evaluate(INVALID_FIELDS)
    assert invalid or plain, "no field is marked aria-invalid"
    assert [target for target in targets if target in invalid] == invalid, (targets, invalid)

    for index, target in enumerate(targets):
        page.locator("#error-summary").focus()
        link = page.locator("#error-summary a").nth(index)
        message = link.inner_text()
        link.click()
        assert page.evaluate("document.activeElement.id") == target, message
        assert in_view(page, f"#{target}"), target
        field = page.locator(f"#{target}")
        if target in invalid:
            described = field.evaluate(DESCRIBED_BY)
            assert any(text and text in message for text in described), (message, described)
    return lines


def test_signed_out_forms(page, shared_live_server, shared_portal, shared_db, monkeypatch):
    live_server, portal = shared_live_server, shared_portal
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size(PHONE)
    boots = portal.tallies[1]

    # The pledge form: pick-up fields appear only once a pick-up is chosen.
    page.goto(live_server.url + portal.url("campaign"))
    pickup = page.locator("[data-show-when]")
    assert pickup.is_hidden()
    page.locator("#id_delivery_1").check()
    assert pickup.is_visible()
    assert page.get_by_text("Tikai tad, ja lietas jāsavāc:").is_hidden()  # the note is for pages without JavaScript
    page.locator(f"#id_need_{boots.pk}").fill("5")  # 3 are still needed (the donor pledged 1 of 4)
    page.locator("#id_email").fill("nav-adrese")
    page.get_by_role("button", name="Apsolīt", exact=True).click()
    lines = assert_error_summary(page)
    assert page.locator("#error-summary h2").inner_text() == f"Jāizlabo {len(lines)} kļūdas"
    assert "Lūdzu, pārbaudiet zemāk atzīmētos daudzumus." not in page.content()  # said once, by the field
    assert lines[0] == "Ziemas zābaki EU 36: Vajadzīgi vēl tikai 3."  # the item, then its problem
    assert page.evaluate(INVALID_FIELDS)[:3] == [f"id_need_{boots.pk}", "id_donor_name", "id_email"]
    assert pickup.is_visible()  # still chosen, still shown

    # Without JavaScript the answer opens at the summary and focuses it (its autofocus), and the address
    # has no fragment for a pledge that succeeds to carry along.
    context = page.context.browser.new_context(java_script_enabled=False, viewport=PHONE)
    plain = context.new_page()
    plain.goto(live_server.url + portal.url("campaign"))
    assert plain.get_by_text("Tikai tad, ja lietas jāsavāc:").is_visible()
    plain.get_by_role("button", name="Apsolīt", exact=True).click()
    plain.locator("#error-summary").wait_for()
    assert "#" not in plain.url
    plain.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    assert in_view(plain, "#error-summary")
    context.close()

    # Sign in, in Latvian and in English.
    page.goto(live_server.url + portal.url("sign_in"))
    page.locator("main button[type=submit]").click()
    assert_error_summary(page)
    page.locator("#id_login").fill(portal.people["donor"].email)
    page.locator("#id_password").fill("nepareiza parole")
    page.locator("main button[type=submit]").click()
    assert_error_summary(page, plain=["Nepareizs e-pasts un/vai parole."])
    page.goto(live_server.url + portal.url("sign_in", "en"))
    page.locator("main button[type=submit]").click()
    assert_error_summary(page)
    assert page.locator("#error-summary h2").inner_text() == "There are 2 problems to fix"

    # Sign up: a short password, typed differently the second time.
    page.goto(live_server.url + portal.url("sign_up"))
    page.locator("#id_email").fill("jauna@example.org")
    page.locator("#id_password1").fill("isa")
    page.locator("#id_password2").fill("cita")
    page.locator("main button[type=submit]").click()
    lines = assert_error_summary(page)
    assert any("vismaz 8 rakstzīmēm" in line for line in lines), lines

    # Forgotten password: not an address.
    page.goto(live_server.url + portal.url("password_reset"))
    page.locator("#id_email").fill("nav-adrese")
    page.locator("main button[type=submit]").click()
    assert_error_summary(page)

    # The private link: more than was pledged, then nothing at all.
    first, second = portal.pledge.lines.order_by("pk")
    page.goto(live_server.url + portal.url("pledge"))
    page.locator(f"#id_line_{first.pk}").fill("9")
    page.get_by_role("button", name="Saglabāt daudzumu").click()
    assert_error_summary(page)
    page.locator(f"#id_line_{first.pk}").fill("0")
    page.locator(f"#id_line_{second.pk}").fill("0")
    page.get_by_role("button", name="Saglabāt daudzumu").click()
    page.locator("#error-summary").wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#error-summary li").count() == 1

    # Cancelling, when the pledge closed in the meantime (staff recorded it, say): the refusal is the summary.
    from campaigns import services

    page.goto(live_server.url + portal.url("pledge"))
    page.get_by_role("button", name="Atcelt solījumu").click()
    page.get_by_role("button", name="Jā, atcelt manu solījumu").wait_for()

    def refuse(pledge):
        from django.core.exceptions import ValidationError

        raise ValidationError("Šis solījums jau ir noslēgts.")

    monkeypatch.setattr(services, "_refuse_if_closed", refuse)
    page.get_by_role("button", name="Jā, atcelt manu solījumu").click()
    page.locator("#error-summary").wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#error-summary li").all_inner_texts() == ["Šis solījums jau ir noslēgts."]
    assert errors == []


def test_applicant_forms(page, shared_live_server, shared_portal, shared_sign_in):
    live_server, portal, sign_in = shared_live_server, shared_portal, shared_sign_in
    page.set_viewport_size(PHONE)
    sign_in(page.context, portal.people["applicant"])

    # The mentor application, far down the page on a phone.
    page.goto(live_server.url + portal.url("mentoring_page"))
    page.locator("#id_full_name").fill("Ģirts")
    page.locator("#id_birth_date").fill((timezone.localdate() - datetime.timedelta(days=365 * 16)).isoformat())
    page.locator("#id_phone").fill("zvaniet")
    page.get_by_role("button", name="Nosūtīt pieteikumu").click()
    lines = assert_error_summary(page)
    assert page.evaluate(INVALID_FIELDS)[:3] == ["id_full_name", "id_birth_date", "id_phone"]
    assert len(lines) >= 5  # name, age, phone, motivation, the two consents

    # The account's password and e-mail pages.
    page.goto(live_server.url + portal.url("password_change"))
    page.locator("#id_oldpassword").fill("nepareiza")
    page.locator("#id_password1").fill(PASSWORD + " jauna")
    page.locator("#id_password2").fill(PASSWORD + " jauna")
    page.locator("main form button[type=submit]").first.click()
    assert_error_summary(page)
    page.goto(live_server.url + portal.url("email"))
    page.locator("#id_email").fill("nav-adrese")
    page.locator("button[name=action_add]").click()
    assert_error_summary(page)


def test_mentor_forms(page, shared_live_server, shared_portal, shared_sign_in):
    live_server, portal, sign_in = shared_live_server, shared_portal, shared_sign_in
    page.set_viewport_size(PHONE)
    sign_in(page.context, portal.people["mentor"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    # Logging a meeting: a future date and hours that are not a number. The date comes first, as
    # a person fixes it, though the hours are wrong too.
    page.goto(live_server.url + portal.url("my_mentoring"))
    page.locator("#id_date").fill(tomorrow.isoformat())
    page.locator("#id_hours").fill("daudz")
    page.get_by_role("button", name="Saglabāt tikšanos").click()
    lines = assert_error_summary(page)
    assert lines[0] == "Tikšanās nevar būt nākotnē."
    assert page.evaluate(INVALID_FIELDS) == ["id_date", "id_hours", "id_activity"]

    # Editing one: too long.
    page.goto(live_server.url + portal.url("edit_meeting"))
    page.locator("#id_hours").fill("13")
    page.get_by_role("button", name="Saglabāt izmaiņas").click()
    assert_error_summary(page)
