"""The impact page and the home page's figures (issue 13): the numbers checked against data built
here (pledged and received per campaign and category, donors thanked, pairs, approved hours per
month, months that reached the target), the one suppression rule, the language's number formats,
the yearly figures' admin, and what the pages cost in queries."""

import datetime
import re
from decimal import Decimal
from html import unescape

from django.utils import timezone, translation

from wagtail.models import Locale

import pytest

from campaigns import services as campaign_services
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from home import figures
from home.demo import editor_html
from home.models import ImpactPage, YearlyFigures
from mentoring import dates
from mentoring.dates import MonthLabel
from mentoring.factories import MeetingFactory, PairFactory
from mentoring.models import MonthReview
from tests.home.test_queries import FIND_SECTION
from tests.queries import PAGE_LIMIT, assert_queries

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def publish(page):
    page.save_revision().publish()
    return page


def text(html: str) -> str:
    """The page's words without tags, spaces folded (a number and its words on one line)."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace(NBSP, " ")


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The rows of the screen readers' table with ``caption`` (the numbers behind a chart)."""
    start = html.index(f"<caption>{caption}</caption>")
    body = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


@pytest.fixture
def impact(home_page, english_home):
    page = ImpactPage(
        title="Mūsu darbs skaitļos",
        slug="musu-darbs-skaitlos",
        intro=editor_html("<p>Skaitļi no portāla datiem.</p>"),
    )
    home_page.add_child(instance=page)
    publish(page)
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Our work in figures", "our-work-in-figures"
    english.intro = editor_html("<p>Figures from the portal's data.</p>")
    publish(english)
    return page


def pledge(campaign, quantities, received=None, cancel=False):
    tallies = {tally.name: tally for tally in campaign.tallies.all()}
    result = campaign_services.create_pledge(
        campaign,
        {tallies[name].pk: quantity for name, quantity in quantities.items()},
        campaign_services.DonorDetails(
            donor_name="Ziedotājs",
            email="ziedotajs@example.org",
            expected_date=timezone.localdate() + datetime.timedelta(days=3),
        ),
    ).pledge
    if received:
        lines = {line.need.name: line.pk for line in result.lines.select_related("need")}
        campaign_services.record_receipt(result, {lines[name]: count for name, count in received.items()})
    if cancel:
        campaign_services.cancel_pledge(result)
    return result


@pytest.fixture
def campaigns(home_page):
    index = publish(CampaignIndexPageFactory(parent=home_page, title="Akcijas", slug="akcijas"))
    autumn = publish(
        CampaignPageFactory(
            parent=index,
            title="Skolai",
            start_date=timezone.localdate() - datetime.timedelta(days=20),
            needs=[
                {"name": "Zābaki", "category": "shoes", "unit": "pairs", "quantity": 10},
                {"name": "Mugursoma", "category": "school_bags", "quantity": 20},
            ],
        )
    )
    winter = publish(
        CampaignPageFactory(
            parent=index,
            title="Ziemai",
            start_date=timezone.localdate() - datetime.timedelta(days=5),
            needs=[{"name": "Burtnīcas", "category": "stationery", "quantity": 30}],
        )
    )
    pledge(autumn, {"Zābaki": 6, "Mugursoma": 5}, received={"Zābaki": 4, "Mugursoma": 5})
    pledge(winter, {"Burtnīcas": 7}, cancel=True)  # cancelled: gives its quantity back, counts nowhere
    pledge(winter, {"Burtnīcas": 3})  # pledged, not yet brought
    pledge(autumn, {"Mugursoma": 2}, received={"Mugursoma": 1})  # partly brought: thanked for it
    return autumn, winter


def test_items_pledged_and_received_per_category_and_campaign(client, impact, campaigns):
    html = client.get("/musu-darbs-skaitlos/").content.decode()
    assert table_rows(html, "Solītās un saņemtās lietas pēc veida, visas akcijas") == [
        ["Skolas somas", "7", "6"],
        ["Apavi", "6", "4"],
        ["Kancelejas preces", "3", "0"],
    ]
    assert table_rows(html, "Solītās un saņemtās lietas katrā akcijā") == [
        ["Ziemai", "3", "0"],
        ["Skolai", "13", "10"],
    ]
    words = text(html)
    assert "16 apsolītas lietas" in words
    assert "10 saņemtas lietas" in words
    # Two pledges of which something arrived (2 donors thanked): fewer than five people, not shown.
    assert "mazāk nekā 5 ziedotāji, kam pateicāmies par atnesto" in words
    [thanked] = figures.figures(["campaigns.donors_thanked"])
    assert (thanked.value, thanked.suppressed) == (2, True)


def test_the_english_page_names_categories_and_writes_numbers_in_english(client, impact, campaigns):
    html = client.get("/en/our-work-in-figures/").content.decode()
    assert table_rows(html, "Items pledged and received by category, all campaigns")[0] == ["School bags", "7", "6"]
    assert "fewer than 5 donors thanked for what they brought" in text(html)


def review(pair, month, hours):
    return MonthReview.objects.create(pair=pair, month=month, hours=Decimal(hours))


def test_hours_per_month_and_the_share_of_months_that_reached_the_target(client, impact):
    today = timezone.localdate()
    last, before = dates.add_months(today, -1), dates.add_months(today, -2)
    pairs = [PairFactory(start_date=today - datetime.timedelta(days=100)) for _ in range(6)]
    for pair, hours in zip(pairs, ["10", "12.5", "8", "10", "5", "3"], strict=True):
        review(pair, before, hours)  # 6 pairs: 48.5 h, 3 of 6 reached 10 h
    for pair, hours in zip(pairs[:3], ["11", "9", "10"], strict=True):
        review(pair, last, hours)  # 3 pairs: too few to show
    MeetingFactory(pair=pairs[0], date=today, hours=Decimal("6"))  # this month, not approved: not counted
    pairs[5].closed_on = today
    pairs[5].save()

    html = client.get("/musu-darbs-skaitlos/").content.decode()
    caption = "Cik stundu mentori un aizbilstamie kopā pavadīja katrā mēnesī (apstiprinātie mēneši)"
    hours = dict(table_rows(html, caption))
    shares = dict(table_rows(html, "To pāru daļa, kuru mēnesis sasniedza 10 stundas (apstiprinātie mēneši)"))
    with translation.override("lv"):
        before, last, now = (MonthLabel(month).long for month in (before, last, today))
    assert hours[before] == "48,5 h"
    assert hours[last] == "nav parādīts: mazāk nekā 5 pāri"
    assert hours[now] == "0 h"  # this month's meetings wait for approval
    assert shares[before] == "50%"
    assert shares[last] == "nav parādīts: mazāk nekā 5 pāri"
    words = text(html)
    assert "78,5 stundas kopā pēdējos 12 mēnešos" in words  # 48.5 + 30 approved; the 6 h waiting do not count
    assert "56% pāru mēnešu sasniedza 10 stundas" in words  # 5 of 9 approved pair-months, of 6 pairs


def test_pairs_active_and_closed_under_five_are_not_shown(client, impact):
    today = timezone.localdate()
    pairs = [PairFactory(start_date=today - datetime.timedelta(days=100)) for _ in range(7)]
    for pair in pairs[:2]:
        pair.closed_on = today
        pair.save()
    words = text(client.get("/musu-darbs-skaitlos/").content.decode())
    assert "5 mentoru pāri tiekas tagad" in words
    assert "mazāk nekā 5 mentoru pāri slēgti" in words


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, False), (1, False), (4, False), (5, True), (6, True), (131, True)],
)
def test_one_rule_suppresses_counts_of_people_under_five(count, shown):
    assert figures.too_few(count) is not shown
    figure = figures.Figure("x", "bērni", count, figures.PEOPLE)
    with translation.override("lv"):
        assert (figure.number == "mazāk nekā 5") is not shown
    with translation.override("en"):
        assert (figure.number == "fewer than 5") is not shown
    # Things (items, camps) are not people: shown as they are.
    assert figures.Figure("x", "", count, figures.THINGS).number == str(count)
    # A share or a sum of hours is suppressed when it is of fewer than five pairs or families.
    assert figures.Figure("x", "", Decimal("50"), figures.SHARE, base=count).suppressed is not shown


@pytest.mark.parametrize(
    ("count", "lv", "en"),
    [
        (131, "131 bērnam sniegts atbalsts 2015. gadā", "131 children supported in 2015"),
        (21, "21 bērnam sniegts atbalsts 2015. gadā", "21 children supported in 2015"),
        (111, "111 bērniem sniegts atbalsts 2015. gadā", "111 children supported in 2015"),
        (3, "mazāk nekā 5 bērniem sniegts atbalsts 2015. gadā", "fewer than 5 children supported in 2015"),
    ],
)
def test_the_words_after_a_number_agree_with_it(client, impact, count, lv, en):
    YearlyFigures.objects.create(**{**YEAR, "children_supported": count, "camp_children": None})
    assert lv in text(client.get("/musu-darbs-skaitlos/").content.decode())
    assert en in text(client.get("/en/our-work-in-figures/").content.decode())


def test_numbers_in_the_active_language():
    big = figures.Figure("x", "", 12345, figures.PEOPLE)
    share = figures.Figure("x", "", Decimal("3.7"), figures.SHARE, base=45, decimals=1)
    with translation.override("lv"):
        assert (big.number, share.number) == (f"12{NBSP}345", "3,7%")
    with translation.override("en"):
        assert (big.number, share.number) == ("12,345", "3.7%")


YEAR = {
    "year": 2015,
    "children_supported": 1310,
    "families_supported": 45,
    "children_per_month": 105,
    "families_per_month": 41,
    "high_risk_share": Decimal("3.7"),
    "medium_risk_share": Decimal("96.3"),
    "cases_closed": 9,
    "cases_goals_reached": 6,
    "camps": 2,
    "camp_families": 12,
    "camp_children": 3,
    "note": "Centra 2015. gada pārskats.",
    "note_en": "The Centre's report for 2015.",
}


def test_the_latest_yearly_figures_in_both_languages(client, impact):
    YearlyFigures.objects.create(**{**YEAR, "year": 2014, "children_supported": 99})
    YearlyFigures.objects.create(**YEAR)
    lv = text(client.get("/musu-darbs-skaitlos/").content.decode())
    assert "2015. gads" in lv
    assert "Centra 2015. gada pārskats." in lv
    assert "1 310 bērniem sniegts atbalsts 2015. gadā" in lv
    assert "3,7% ģimeņu 2015. gadā bija augsta riska" in lv
    assert "2 nometnes ģimenēm 2015. gadā" in lv  # camps are not people
    assert "mazāk nekā 5 bērni nometnēs 2015. gadā" in lv
    assert "Skaitļi no portāla datiem." in lv
    en = text(client.get("/en/our-work-in-figures/").content.decode())
    assert "1,310 children supported in 2015" in en
    assert "3.7% of the families were at high risk in 2015" in en
    assert "The Centre's report for 2015." in en
    assert "Figures from the portal's data." in en


def test_the_page_draws_charts_as_svg_with_a_table_for_screen_readers(client, impact, campaigns):
    html = client.get("/musu-darbs-skaitlos/").content.decode()
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'style="' not in html
    assert html.count('class="bar-rows__rows" aria-hidden="true"') == 2
    assert html.count('<div class="visually-hidden"><table class="bar-rows__table">') == 2


def build_data(pairs, pledges):
    today = timezone.localdate()
    month = dates.add_months(today, -1)
    for _ in range(pairs):
        review(PairFactory(start_date=today - datetime.timedelta(days=100)), month, "10")


# The frame (settings, header, menu, footer) is kept between requests (home.layout).
IMPACT_PAGE = [
    *FIND_SECTION,
    ("the yearly figures: the latest year", 1),
    ("campaigns: items pledged and received, donors thanked, per campaign, per category", 4),
    ("mentoring: pairs, the target (site, settings), approved months in total and per month", 5),
]


def test_the_impact_page_costs_the_same_at_small_and_larger_data(client, impact, campaigns):
    YearlyFigures.objects.create(**YEAR)
    assert sum(count for _what, count in IMPACT_PAGE[len(FIND_SECTION) :]) <= 12
    build_data(1, 1)
    assert_queries(client, "/musu-darbs-skaitlos/", IMPACT_PAGE, limit=PAGE_LIMIT)
    build_data(30, 30)
    autumn, _winter = campaigns
    for _ in range(10):
        pledge(autumn, {"Mugursoma": 1}, received={"Mugursoma": 1})
    assert_queries(client, "/musu-darbs-skaitlos/", IMPACT_PAGE, limit=PAGE_LIMIT)
    # English costs the same: the frame (home pages, switcher) is kept between requests (home.layout).
    english = IMPACT_PAGE
    assert_queries(client, "/en/our-work-in-figures/", english)


def test_editors_enter_a_years_figures_in_the_admin_and_see_them_listed(client, editor):
    client.force_login(editor)
    data = {key: ("" if value is None else str(value)) for key, value in YEAR.items()}
    response = client.post("/admin/snippets/home/yearlyfigures/add/", data)
    assert response.status_code == 302
    figures_2015 = YearlyFigures.objects.get(year=2015)
    assert (figures_2015.children_supported, figures_2015.high_risk_share) == (1310, Decimal("3.7"))
    listing = client.get("/admin/snippets/home/yearlyfigures/").content.decode()
    assert "2015" in listing and "1310" in listing.replace(NBSP, "").replace(" ", "")


def test_figures_that_cannot_be_true_are_refused_and_nothing_is_saved(client, editor):
    client.force_login(editor)
    data = {key: ("" if value is None else str(value)) for key, value in YEAR.items()}
    data.update(cases_closed="4", cases_goals_reached="6", high_risk_share="10", medium_risk_share="96.3")
    response = client.post("/admin/snippets/home/yearlyfigures/add/", data)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Mērķus nevar sasniegt vairāk lietu, nekā slēgts." in html or "No more cases can reach" in html
    assert not YearlyFigures.objects.exists()


def test_the_home_page_shows_the_figures_the_editor_chose_from_the_same_source(client, home_page, impact, campaigns):
    YearlyFigures.objects.create(**YEAR)
    keys = ["year.children_supported", "campaigns.items_received", "campaigns.donors_thanked"]
    home_page.body = [("live_figures", {"title": "Gads skaitļos", "figures": keys, "page": impact})]
    publish(home_page)
    words = text(client.get("/").content.decode())
    assert "Gads skaitļos 1 310 bērniem sniegts atbalsts 2015. gadā 10 saņemtas lietas mazāk nekā 5 ziedotāji" in words
    assert "Vairāk skaitļu" in words
    # every registered figure is offered to the editor, and nothing else
    offered = [key for key, _label in figures.figure_choices()]
    assert {"year.children_supported", "campaigns.items_received", "mentoring.hours", "mentoring.target_share"} <= set(
        offered
    )
    assert len(offered) == len(set(offered))


def test_the_home_pages_figures_cost_a_query_or_two_each_source(client, home_page, impact, campaigns):
    from tests.home.test_queries import HOME

    YearlyFigures.objects.create(**YEAR)
    keys = ["year.children_supported", "campaigns.items_received", "mentoring.hours", "mentoring.pairs_active"]
    home_page.body = [("live_figures", {"title": "Gads skaitļos", "figures": keys, "page": impact})]
    publish(home_page)
    budget = [
        ("running campaigns (campaigns_tags)", 1),
        ("latest news: the news index", 1),
        ("figures: the latest year; items; pairs; the target (site, settings) and approved months", 6),
        ("the link to the impact page", 1),
    ]
    assert HOME  # the home page without figures is pinned in test_queries
    assert_queries(client, "/", budget, limit=PAGE_LIMIT)
    build_data(12, 0)
    assert_queries(client, "/", budget, limit=PAGE_LIMIT)
