"""The demo content, loaded once for this module (``demo_site``): it loads once in both
languages, has pledges in every state, names no real person, opens in the editor, and every link on it leads somewhere
with the basics of accessible HTML (a language, one main heading, alt text on images); its privacy
notice gives the retention periods the settings hold."""

import json
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from campaigns.choices import PledgeState
from campaigns.models import CampaignPage, Pledge
from home.demo import editor_html
from home.models import HomePage, NewsPage, StandardPage, Supporter
from privacy.models import RetentionSettings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_demo_data_loads_once_in_both_languages(client):
    counts = (NewsPage.objects.count(), StandardPage.objects.count(), Supporter.objects.count())
    call_command("load_demo_data", stdout=StringIO())
    assert (NewsPage.objects.count(), StandardPage.objects.count(), Supporter.objects.count()) == counts
    assert CampaignPage.objects.filter(locale__language_code="lv").count() == 1
    assert CampaignPage.objects.filter(locale__language_code="en").count() == 1
    assert NewsPage.objects.filter(locale__language_code="lv").count() == 6
    assert NewsPage.objects.filter(locale__language_code="en").count() >= 3
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()
    for url in ["/", "/en/", "/jaunumi/", "/en/news/", "/par-centru/", "/en/about/", "/kontakti/"]:
        assert client.get(url).status_code == 200, url


def test_demo_campaign_has_pledges_in_every_state():
    assert set(Pledge.objects.values_list("state", flat=True)) == set(PledgeState.values)
    assert Pledge.objects.count() >= 30
    assert not Pledge.objects.exclude(email__endswith="@example.org").exists()


def test_demo_impact_page_and_the_home_pages_live_figures(client):
    from home.models import ImpactPage, YearlyFigures

    assert YearlyFigures.objects.get(year=2015).children_supported == 131
    assert ImpactPage.objects.filter(live=True).count() == 2
    lv = client.get("/musu-darbs-skaitlos/").content.decode()
    assert "2015. gads" in lv and "3,7%" in lv and "Kopā pavadītais laiks" in lv
    en = client.get("/en/our-work-in-figures/").content.decode()
    assert "The year 2015" in en and "3.7%" in en
    # The words after a number agree with it: 131 takes the singular in Latvian.
    for url, words in [
        ("/", "131</strong> <span>bērnam sniegts atbalsts 2015. gadā"),
        ("/en/", "131</strong> <span>children supported in 2015"),
    ]:
        assert words in client.get(url).content.decode()
    for home in HomePage.objects.all():
        assert "live_figures" in [block.block_type for block in home.body]
        assert "figures" not in [block.block_type for block in home.body]  # none typed by hand


# People the seed texts name, with their contacts: none of it may reach the demo.
REAL_PEOPLE = ["Irēna Kalniņa", "Liene Lapsa", "Dace Bužeriņa", "Alīna Šmite", "sosbca.lv", "26542514"]


def test_demo_data_has_no_real_people_or_contacts():
    everything = StringIO()
    call_command("dumpdata", stdout=everything)
    dump = json.dumps(json.loads(everything.getvalue()), ensure_ascii=False)
    assert "Kļūstiet par mentoru" in dump  # the dump holds the demo, in readable letters (and says "jūs")
    for trace in REAL_PEOPLE:
        assert trace not in dump


def test_every_demo_page_and_supporter_opens_in_the_editor(client, superuser):
    """Demo content is stored as the editor stores it, so an editor can open every page of it."""
    client.force_login(superuser)
    pages = Page.objects.filter(depth__gt=1).order_by("path")
    assert pages.count() > 20
    failed = [page.title for page in pages if client.get(f"/admin/pages/{page.pk}/edit/").status_code != 200]
    assert failed == []
    for supporter in Supporter.objects.all():
        assert client.get(f"/admin/snippets/home/supporter/edit/{supporter.pk}/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    assert client.get(f"/admin/settings/home/centresettings/{site.pk}/").status_code == 200
    # Opening and saving home's pages would change nothing in their rich text.
    for page in [*StandardPage.objects.all(), *NewsPage.objects.all()]:
        for block in page.body:
            if block.block_type == "paragraph":
                assert editor_html(block.value.source) == block.value.source, page.title


SKIP_PREFIXES = ("/admin/", "/documents/", "/accounts/logout/", "/en/accounts/logout/")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.h1_count, self.images_without_alt, self.lang = [], 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "img" and "alt" not in attrs:
            self.images_without_alt.append(attrs.get("src"))
        elif tag == "html":
            self.lang = attrs.get("lang")


def internal(href):
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return urldefrag(href)[0]


def test_demo_site_has_no_broken_links_and_sound_html(client):
    seen, queue, problems = set(), ["/", "/en/"], []
    while queue:
        url = queue.pop()
        if url in seen or url.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = PageParser()
        parser.feed(response.content.decode())
        if parser.lang not in ("lv", "en"):
            problems.append(f"{url}: html lang {parser.lang!r}")
        if parser.h1_count != 1:
            problems.append(f"{url}: {parser.h1_count} h1 headings")
        if parser.images_without_alt:
            problems.append(f"{url}: images without alt {parser.images_without_alt}")
        queue.extend(link for link in map(internal, parser.links) if link and link not in seen)
    assert problems == []
    assert len(seen) > 25


def test_the_privacy_notice_shows_the_periods_as_the_settings_say_now(client):
    """The privacy notice, a page of the demo, gives the retention periods the settings hold now (it sits
    here, not in tests/privacy/test_paperwork.py, to share this module's one load of the demo)."""
    latvian = client.get("/privatuma-politika/")
    english = client.get("/en/privacy/")
    assert "6 mēnešus pēc akcijas beigām" in latvian.text and "5 gadus pēc pēdējā pāra noslēgšanas" in latvian.text
    assert "6 months after the campaign ended" in english.text and "5 years after their last pair" in english.text
    assert "Mani dati" in latvian.text and "My data" in english.text  # where people use their rights
    periods = RetentionSettings.for_default_site()
    periods.donor_contact_months = 3
    periods.mentee_record_years = 1
    periods.save()
    latvian = client.get("/privatuma-politika/")
    assert "3 mēnešus pēc akcijas beigām" in latvian.text and "1 gadu pēc pēdējā pāra noslēgšanas" in latvian.text
    assert "3 months after the campaign ended" in client.get("/en/privacy/").text
