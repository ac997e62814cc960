"""One walk over every public page type and form, signed out and signed in (a donor, a mentor), in
Latvian and English: no page scrolls sideways at 320, 375, 768, 1,024, 1,280 or 1,440 px, and axe-core
(WCAG 2.0, 2.1 and 2.2, levels A and AA) finds nothing at 375 and 1,280 px; forms are also checked
as they come back with errors. (Each page is opened once for both checks.)"""

from pathlib import Path

import pytest

from tests.a11y.conftest import LANGUAGES, PAGES, WIDTHS, resize

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
        page.locator("main form.form input[type=number]").first.fill("99")
        page.locator("main form.form button[type=submit]").click()
    elif name in ("my_mentoring", "edit_meeting"):
        page.locator("#id_hours").fill("daudz")
        page.locator("main form.form button[type=submit]").click()
    else:
        page.locator("main form button[type=submit]").first.click()
    page.locator("#error-summary").wait_for()


WITH_ERRORS = {"out": ["campaign", "sign_in", "sign_up", "pledge"], "mentor": ["my_mentoring", "edit_meeting"]}


AXE_WIDTHS = (375, 1280)
SCROLLS = "document.documentElement.scrollWidth > window.innerWidth"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", list(PAGES))
def test_no_page_scrolls_sideways_and_axe_finds_nothing(
    page, shared_live_server, shared_portal, shared_sign_in, role, language
):
    """Each page opens at 320 px and is widened step by step to 1,440 px (the layout follows the window
    as on a fresh load: CSS, and the header's script on the resize): at each width nothing scrolls
    sideways, and at 375 and 1,280 px axe checks it. A form is then sent wrong and checked by axe
    at both widths."""
    page.context.add_init_script(path=str(AXE))  # before the page's own scripts; the site never serves it
    found, scrolling = {}, []

    def check(where, width):
        resize(page, width)
        violations = page.evaluate(RUN, RULES)
        if violations:
            found[f"{where} {language} {role} {width}px"] = violations

    shared_sign_in(page.context, shared_portal.people[role])
    for name in PAGES[role]:
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        page.goto(shared_live_server.url + shared_portal.url(name, language))
        for width in WIDTHS:
            if width in AXE_WIDTHS:
                check(name, width)
            else:
                resize(page, width)
            if page.evaluate(SCROLLS):
                scrolling.append(f"{name} {language} {role} {width}px")
        if name in WITH_ERRORS.get(role, ()):
            submit_wrong(page, name)
            check(f"{name} with errors", 1280)
            check(f"{name} with errors", 375)
    assert scrolling == []
    assert found == {}
