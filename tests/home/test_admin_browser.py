"""The Latvian admin in Chromium: what Wagtail's scripts draw (the sidebar, menus, the page
editor's blocks and side panels) is Latvian too, for each role, at a laptop's and a phone's width.
(``test_admin_latvian`` reads the server's HTML; this reads what the browser shows.)"""

import re

import pytest

from tests.admin_language import english_words, names_of_people, words
from tests.browser import sign_in_as_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ALLOWED = {"English", "Bauska"}


@pytest.fixture
def admin_world(home_page, make_user):
    from django.utils import timezone

    from wagtail.users.models import UserProfile

    from campaigns import services
    from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
    from mentoring import factories

    index = CampaignIndexPageFactory(parent=home_page, title="Akcijas")
    campaign = CampaignPageFactory(parent=index, needs=[{"name": "Mugursoma", "quantity": 5}])
    for page in (index, campaign):
        page.save_revision().publish()
    tally = campaign.tallies.get()
    details = services.DonorDetails(
        donor_name="Anna Ozola", email="anna@example.org", expected_date=timezone.localdate()
    )
    pledge = services.create_pledge(campaign, {tally.pk: 1}, details).pledge
    pair = factories.PairFactory(mentor__full_name="Jānis Kalniņš", mentee__first_name="Elza")
    factories.MeetingFactory(pair=pair, concern=True)
    users = {}
    for role, groups in [
        ("editor", ["Editors"]),
        ("manager", ["Campaign managers"]),
        ("coordinator", ["Mentoring coordinators"]),
    ]:
        users[role] = make_user(groups=groups, email=f"{role}@example.org", first_name="Ilze", last_name="Bērziņa")
        profile = UserProfile.get_for_user(users[role])
        profile.preferred_language = "lv"
        profile.save()
    return {"users": users, "campaign": campaign, "pledge": pledge, "pair": pair}


def english_in(page):
    page.wait_for_load_state("load")
    page.wait_for_timeout(400)  # Wagtail's scripts draw the sidebar and the editor after load
    text = page.evaluate("document.body.innerText")
    for phrase in sorted(ALLOWED | names_of_people(), key=len, reverse=True):
        text = text.replace(phrase, " ")
    english = english_words()
    return sorted({word for word in words(text) if word.lower() in english})


@pytest.mark.parametrize(
    ("role", "paths"),
    [
        ("editor", lambda w: ["/admin/", "/admin/pages/", f"/admin/pages/{w['campaign'].pk}/edit/", "/admin/images/"]),
        ("manager", lambda w: ["/admin/", "/admin/pledge/", f"/admin/pledge/inspect/{w['pledge'].pk}/"]),
        (
            "coordinator",
            lambda w: ["/admin/", "/admin/mentoring/monitoring/", f"/admin/mentoring/pairs/inspect/{w['pair'].pk}/"],
        ),
    ],
)
def test_what_the_browser_shows_staff_is_latvian(page, live_server, admin_world, role, paths):
    user = admin_world["users"][role]
    page.goto(live_server.url + "/accounts/login/")
    sign_in_as_staff(page, user)
    page.wait_for_url(re.compile(r".*/admin/$"))  # staff land in the admin
    found = {}
    # Every page on a laptop; on a phone the home page (its panels and the folded sidebar).
    for width, visits in [(1280, paths(admin_world)), (375, ["/admin/"])]:
        page.set_viewport_size({"width": width, "height": 900})
        for path in visits:
            page.goto(live_server.url + path)
            english = english_in(page)
            if english:
                found[f"{path} at {width} px"] = english
    assert not found, found
    # What was read includes what the scripts drew: the sidebar's menu (React) in Latvian.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/")
    page.wait_for_load_state("load")
    assert "Atskaites" in page.locator("#wagtail-sidebar").inner_text()


# After scrolling the listing's box to its end: the last column's header within the window, and the
# widest word of each title cell (by the cell's own font) within the cell.
LISTING_FITS = """() => {
  const box = document.querySelector('#listing-results');
  box.scrollLeft = box.scrollWidth;
  const last = [...box.querySelectorAll('table.listing thead th')].pop().getBoundingClientRect();
  const context = document.createElement('canvas').getContext('2d');
  const broken = [...box.querySelectorAll('table.listing tbody td.title')].filter((cell) => {
    const style = getComputedStyle(cell.querySelector('a') || cell);
    context.font = style.font;
    const widest = Math.max(...cell.innerText.split(/\\s+/).map((word) => context.measureText(word).width));
    const padding = parseFloat(getComputedStyle(cell).paddingLeft) + parseFloat(getComputedStyle(cell).paddingRight);
    return widest > cell.clientWidth - padding + 1;
  }).map((cell) => cell.innerText.trim().split('\\n')[0]);
  const spilling = [...box.querySelectorAll('table.listing tbody td.title .button')]
    .filter((button) => button.scrollHeight > button.clientHeight + 1 || button.scrollWidth > button.clientWidth + 1)
    .map((button) => button.innerText.trim());
  return {lastRight: Math.round(last.right), window: innerWidth, broken, spilling};
}"""


ROW_MENU = "table.listing tbody tr:last-child [data-tippy-root] a"
MENU_CLICKABLE = """(menu) => [...document.querySelectorAll(menu)].every((item) => {
  const box = item.getBoundingClientRect();
  const found = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return found === item || item.contains(found);
})"""


@pytest.mark.parametrize(
    ("role", "paths"),
    [
        ("coordinator", ["/admin/mentoring/pairs/", "/admin/mentoring/hours/", "/admin/mentoring/mentees/"]),
        ("manager", ["/admin/pledge/"]),
    ],
)
def test_every_column_of_a_listing_can_be_reached_on_a_phone_and_a_small_laptop(
    page, live_server, admin_world, role, paths
):
    """Wagtail's listings sit in a box that hides what overflows it: on a phone the pairs' status and
    the hours report's hours were cut off with no way to reach them, and the title column shrank to a
    few letters a line ("P-", "00", "06"), its buttons' labels spilling out of their borders. Now the
    listing scrolls sideways inside its box (the page itself does not), a title breaks between words
    and a button's label stays on one line inside it."""
    page.goto(live_server.url + "/accounts/login/")
    sign_in_as_staff(page, admin_world["users"][role])
    page.wait_for_url(re.compile(r".*/admin/$"))
    found = {}
    for width in (375, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            seen = page.evaluate(LISTING_FITS)
            if seen["lastRight"] > seen["window"] or seen["broken"] or seen["spilling"]:
                found[f"{path} at {width} px"] = seen
            assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page never scrolls sideways
    assert not found, found
    # The box that scrolls does not clip the row's "..." menu: each of its items can be clicked.
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(live_server.url + paths[-1])
    page.locator("table.listing tbody tr:last-child [data-w-dropdown-target=toggle]").click()
    items = page.locator(ROW_MENU)
    items.first.wait_for()
    assert items.count() >= 2
    assert page.evaluate(MENU_CLICKABLE, ROW_MENU)
