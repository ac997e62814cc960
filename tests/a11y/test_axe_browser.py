"""axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) finds nothing on any public page type or form,
signed out and signed in as a mentor, at 375 and 1,280 px, in Latvian and English; forms are also
checked as they come back with errors."""

from pathlib import Path

import pytest

from tests.a11y.conftest import LANGUAGES, PAGES, resize

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("axe.min.js")
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # axe-core has no "wcag22a" tag
RUN = """async (tags) => {
  const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact, where: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}"""


def submit_wrong(page, name):
    """Send a form empty (or wrong), so that it comes back with its errors."""
    if name == "campaign":
        page.locator("#pledge button[type=submit]").click()
    elif name == "pledge":
        page.locator("form[action='#error-summary'] input[type=number]").first.fill("99")
        page.locator("form[action='#error-summary'] button[type=submit]").click()
    elif name in ("my_mentoring", "edit_meeting"):
        page.locator("#id_hours").fill("daudz")
        page.locator("main form.form button[type=submit]").click()
    else:
        page.locator("main form button[type=submit]").first.click()
    page.locator("#error-summary").wait_for()


WITH_ERRORS = {"out": ["campaign", "sign_in", "sign_up", "pledge"], "mentor": ["my_mentoring", "edit_meeting"]}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", list(PAGES))
def test_axe_finds_nothing(page, shared_live_server, shared_portal, shared_sign_in, role, language):
    """Each page is checked at 375 px, then widened to 1,280 px (the layout follows the window as
    on a fresh load: CSS and the header's script answer the resize) and checked again; a form is
    then sent wrong and checked at both widths."""
    page.context.add_init_script(path=str(AXE))  # before the page's own scripts; the site never serves it
    found = {}

    def check(where, width):
        resize(page, width)
        violations = page.evaluate(RUN, RULES)
        if violations:
            found[f"{where} {language} {role} {width}px"] = violations

    shared_sign_in(page.context, shared_portal.people[role])
    for name in PAGES[role]:
        page.set_viewport_size({"width": 375, "height": 900})
        page.goto(shared_live_server.url + shared_portal.url(name, language))
        check(name, 375)
        check(name, 1280)
        if name in WITH_ERRORS.get(role, ()):
            submit_wrong(page, name)
            check(f"{name} with errors", 1280)
            check(f"{name} with errors", 375)
    assert found == {}
