"""The layout in Chromium at 320, 375, 768, 1,024, 1,280 and 1,440 px, in Latvian and English:
the header fits for everyone (signed out, donor, mentor, coordinator), the focus ring stands out on
every colour, tables and the campaign page work on a phone. (That no page scrolls sideways is
checked in ``test_axe_browser``, in the same walk over every page as axe.)"""

from decimal import Decimal

from django.core.cache import caches
from django.utils import timezone

import pytest

from campaigns.models import CampaignPage
from home.factories import ImageFactory
from mentoring.factories import MeetingFactory
from tests.a11y.conftest import LANGUAGES, WIDTHS, resize

# The portal is built once for the module (``shared_portal``): these checks only read it.
pytestmark = pytest.mark.browser

# What the header looks like: sideways scroll, labels on more than one line, links outside the window.
HEADER = """() => {
  const header = document.querySelector(".site-header");
  // A label wraps when one of its words' text runs over more than one line (hidden text aside).
  const wraps = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest(".visually-hidden, [aria-hidden='true']")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) return true;
    }
    return false;
  };
  const shown = [...header.querySelectorAll("a, button, input")].filter((el) => el.offsetParent !== null);
  const width = document.documentElement.clientWidth;
  return {
    scrolls: document.documentElement.scrollWidth > window.innerWidth,
    compact: header.classList.contains("site-header--compact"),
    wrapped: shown.filter((el) => el.tagName !== "INPUT" && wraps(el)).map((el) => el.textContent.trim()),
    outside: shown.filter((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > width; })
      .map((el) => el.textContent.trim() || el.name),
    links: shown.length,
  };
}"""

ROLES = ("out", "donor", "mentor", "coordinator")

# On how many lines ``words`` stand in an element (a range over its text, wherever its tags split it).
LINES_OF = """(element, words) => {
  const at = element.textContent.indexOf(words);
  const range = document.createRange();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const end = offset + node.length;
    if (offset <= at && at < end) range.setStart(node, at - offset);
    if (offset < at + words.length && at + words.length <= end) range.setEnd(node, at + words.length - offset);
    offset = end;
  }
  return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
}"""

# A stacked table's column names (``data-label``, shown before each value on a phone) that run into
# their value: the name's longest word is wider than the room left of the value.
NAMES_INTO_VALUES = """(table) => {
  const context = document.createElement("canvas").getContext("2d");
  const crowded = [];
  for (const cell of table.querySelectorAll("tbody td")) {
    const name = getComputedStyle(cell, "::before");
    context.font = `${name.fontWeight} ${name.fontSize} ${name.fontFamily}`;
    const widest = Math.max(...cell.dataset.label.split(/\\s+/).map((word) => context.measureText(word).width));
    const range = document.createRange();
    range.selectNodeContents(cell);
    const value = Math.min(...[...range.getClientRects()].map((rect) => rect.left));
    const start = cell.getBoundingClientRect().left + parseFloat(getComputedStyle(cell).paddingLeft);
    if (start + widest > value) crowded.push(cell.dataset.label);
  }
  return crowded;
}"""


@pytest.mark.parametrize("role", ROLES)
def test_the_header_fits_for_everyone_at_every_width(page, shared_live_server, shared_portal, shared_sign_in, role):
    """The home page opens at 320 px and is widened step by step to 1,440 px: at each width the header
    is laid out as on a page opened at that width (CSS, and the header's script on the resize)."""
    problems = []
    shared_sign_in(page.context, shared_portal.people[role])
    for language in LANGUAGES:
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        page.goto(shared_live_server.url + shared_portal.url("home", language))
        for width in WIDTHS:
            resize(page, width, 800)
            where = f"{role} {language} {width}px"
            state = page.evaluate(HEADER)
            if state["compact"]:
                toggle = page.locator(".nav-toggle")
                assert toggle.is_visible(), where
                assert toggle.get_attribute("aria-expanded") == "false", f"{where}: the menu starts closed"
                toggle.click()
                assert toggle.get_attribute("aria-expanded") == "true", where
                state = page.evaluate(HEADER)
                expected = "Iziet" if language == "lv" else "Sign out"
                signed_in = role != "out"
                assert page.get_by_role("button", name=expected).is_visible() == signed_in, where
                page.keyboard.press("Escape")
                assert toggle.get_attribute("aria-expanded") == "false", where
                assert page.evaluate("document.activeElement.classList.contains('nav-toggle')"), where
            else:
                assert width >= 960, f"{where}: a phone gets the menu button"
            if state["scrolls"] or state["wrapped"] or state["outside"]:
                problems.append((where, state))
    assert problems == []


# WCAG's contrast ratio of two CSS colours.
RATIO = """
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => {
    const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
"""

# The focus ring of ``selector``: its best contrast with the control itself and with what is around it.
CONTRAST = (
    """([selector, background]) => {"""
    + RATIO
    + """
  const el = document.querySelector(selector);
  el.focus();
  const style = getComputedStyle(el);
  const around = getComputedStyle(document.querySelector(background)).backgroundColor;
  const own = style.backgroundColor === "rgba(0, 0, 0, 0)" ? around : style.backgroundColor;
  const [outer, inner] = [style.outlineColor, style.boxShadow];
  return {
    control: Math.max(ratio(inner, own), ratio(outer, own)),
    background: Math.max(ratio(inner, around), ratio(outer, around)),
    width: parseFloat(style.outlineWidth),
  };
}"""
)

TEXT_CONTRAST = (
    "(el) => {"
    + RATIO
    + "return ratio(getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor); }"
)


def test_the_focus_ring_stands_out_on_every_colour(page, shared_live_server, shared_portal, shared_db):
    live_server, portal = shared_live_server, shared_portal
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + portal.url("home"))
    page.keyboard.press("Tab")  # from here on, focus is the keyboard's (:focus-visible)
    for selector, background in [
        (".hero .btn--accent", ".hero"),  # the orange button on blue
        (".hero .btn--ghost", ".hero"),
        (".site-nav .nav-link", ".site-header"),
        (".site-footer a", ".site-footer"),  # on dark blue
        ("#search-mini", ".site-header"),  # an input on white
    ]:
        ring = page.evaluate(CONTRAST, [selector, background])
        assert ring["width"] >= 2, selector
        assert ring["control"] >= 3, (selector, ring)
        assert ring["background"] >= 3, (selector, ring)
    page.goto(live_server.url + portal.url("campaign"))
    page.keyboard.press("Tab")
    for selector, background in [
        ("#id_donor_name", ".donor-details"),
        (".donor-details .btn--accent", ".donor-details"),
    ]:
        ring = page.evaluate(CONTRAST, [selector, background])
        assert ring["control"] >= 3 and ring["background"] >= 3, (selector, ring)


def test_phone_pages(page, shared_live_server, shared_portal, shared_sign_in):
    live_server, portal, sign_in = shared_live_server, shared_portal, shared_sign_in
    # The campaign page: where, when and what is accepted before the form on a phone, beside it on a laptop;
    # opening hours never break inside "09:00–17:00".
    for width in (320, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + portal.url("campaign"))
        dropoff = page.locator("#dropoff-title").bounding_box()
        accepted = page.locator("#conditions-title").bounding_box()
        form = page.locator("#still-needed").bounding_box()
        assert dropoff["y"] < accepted["y"] < form["y"]
        for hours in page.locator(".campaign-aside .hours dd").all():
            lines = hours.evaluate(
                """(el) => { const range = document.createRange(); range.selectNodeContents(el);
                   return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; }"""
            )
            assert lines == 1, hours.inner_text()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + portal.url("campaign"))
    assert page.locator("#dropoff-title").bounding_box()["x"] > page.locator("#still-needed").bounding_box()["x"] + 400

    # Tables become one block per row: nothing off-screen, every value under its column's name.
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page.context, portal.people["donor"])

    def stacked(name, language="lv"):
        page.goto(live_server.url + portal.url(name, language))
        table = page.locator("table.table--stack").first
        assert table.evaluate("(el) => el.scrollWidth <= el.clientWidth"), name
        cell = table.locator("tbody td").first
        assert cell.evaluate("(el) => getComputedStyle(el, '::before').content") != "none", name
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        assert not table.locator("thead").is_visible() or table.locator("thead").bounding_box()["height"] <= 1
        assert table.evaluate(NAMES_INTO_VALUES) == [], (name, language)

    for name in ("my_pledges", "confirmation", "pledge"):
        stacked(name)
    # The pledge's reference stays whole in its heading: at 375 px "RNSV-" ended one line and "HKDA"
    # began the next.
    page.set_viewport_size({"width": 375, "height": 800})
    for language in LANGUAGES:
        page.goto(live_server.url + portal.url("pledge", language))
        assert page.locator("main h1").evaluate(LINES_OF, portal.pledge.reference) == 1, language

    # A mentor past the month's target: the bar is full and says by how much.
    sign_in(page.context, portal.people["mentor"])
    page.goto(live_server.url + portal.url("my_mentoring"))
    assert page.locator(".month-progress .bar__done").get_attribute("width") == "100.0"
    assert (
        page.get_by_test_id("over-target").inner_text() == "Mērķis sasniegts: par 2 h vairāk, nekā plānots. Paldies!"
    )

    # The 404 page: its big number can be read; the English one leads to the English home page.
    for language, home in (("lv", "/"), ("en", "/en/")):
        page.goto(live_server.url + portal.url("not_found", language))
        code = page.locator(".error-page__code")
        ratio = code.evaluate(TEXT_CONTRAST)
        assert ratio >= 3
        home_link = page.locator(".error-page .btn--ghost")
        assert home_link.get_attribute("href") == home

    # "My data": a mentor's meetings (from four, a table) one block each, every value beside its
    # column's name and no name ("Piezīme koordinatoram", "Something worries me") into its value.
    MeetingFactory(pair=portal.pair, date=timezone.localdate(), hours=Decimal("0.5"), note="Īsa saruna.")
    sign_in(page.context, portal.people["mentor"])
    for width in (320, 375, 767):
        page.set_viewport_size({"width": width, "height": 800})
        for language in LANGUAGES:
            stacked("my_data", language)
    # From a tablet's width on, a table whose six columns fit in their box (none scrolls sideways).
    for width in (768, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for language in LANGUAGES:
            page.goto(live_server.url + portal.url("my_data", language))
            table = page.locator("table.data-table").first
            assert table.locator("thead").bounding_box()["height"] > 1, (width, language)
            assert table.evaluate("(el) => el.parentElement.scrollWidth <= el.parentElement.clientWidth"), width


def test_one_running_campaign_is_one_wide_card_on_a_laptop(page, shared_live_server, shared_portal, shared_db):
    """The home page's only running campaign fills its row from a tablet's width (before, it took
    half of it beside an empty half); on a phone it is the card it always was."""
    for width in (375, 768, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for language in LANGUAGES:
            page.goto(shared_live_server.url + shared_portal.url("home", language))
            cards = page.locator(".campaigns-teaser .card")
            assert cards.count() == 1
            row = page.locator(".campaigns-teaser .cards").bounding_box()
            card = cards.bounding_box()
            assert abs(card["width"] - row["width"]) <= 1, (width, language)

    # With its picture: beside the text from a tablet's width, above it on a phone. (A browser of its
    # own: this one keeps the home page a few seconds, as any visitor's does.)
    CampaignPage.objects.update(image=ImageFactory())
    for alias in caches:
        caches[alias].clear()
    page = page.context.browser.new_page()
    for width, beside in ((375, False), (768, True), (1280, True)):
        page.set_viewport_size({"width": width, "height": 900})
        for language in LANGUAGES:
            page.goto(shared_live_server.url + shared_portal.url("home", language))
            picture = page.locator(".campaigns-teaser .card__image img").bounding_box()
            text = page.locator(".campaigns-teaser .card__body").bounding_box()
            # The wide card's picture asks for renditions of its own width (the grid's card asks for 22rem).
            sizes = page.locator(".campaigns-teaser .card__image img").get_attribute("sizes")
            assert sizes.startswith("(min-width: 75rem) 36rem"), sizes
            if beside:
                assert picture["x"] + picture["width"] <= text["x"] + 1 and picture["height"] >= 200, (width, language)
            else:
                assert picture["y"] + picture["height"] <= text["y"] + 1, (width, language)
    page.close()


def test_a_word_longer_than_the_line_breaks_instead_of_pushing_the_page_sideways(
    page, shared_live_server, shared_portal, shared_db
):
    """A search for a pasted address or a long run of letters is repeated on the results page; on a
    320 px phone it broke out of the page (2,100 px wide) before."""
    page.set_viewport_size({"width": 320, "height": 800})
    for language in LANGUAGES:
        for query in ("ā" * 200, "https://example.org/" + "x" * 150):
            prefix = "/en" if language == "en" else ""
            page.goto(f"{shared_live_server.url}{prefix}/search/?q={query}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, (language, query[:30])
