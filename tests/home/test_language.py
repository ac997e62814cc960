"""Latvian and English that read right: the glossary in DEVELOPERS.md holds in every app's catalogue,
no Latvian string says "tu", allauth's and Django's wording is the portal's, English pages show the
centre's English words and tags in English."""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.test import override_settings

from wagtail.models import Locale, Site

import pytest

from home.factories import NewsIndexPageFactory, NewsPageFactory
from home.models import CentreSettings, TagName

pytestmark = pytest.mark.django_db

APPS = ["accounts", "home", "campaigns", "mentoring"]
# "tu" and its forms, and the familiar imperatives the site used to have; the site says "jūs".
FAMILIAR = re.compile(
    r"\b(tu|tev|tevi|tavs|tava|tavu|tavi|tavas|tavām|tavos|palīdzi|kļūsti|piesakies|uzzini|apsoli|vari|esi)\b",
    re.IGNORECASE,
)


def catalogue(app):
    """``{English: [Latvian, ...]}`` of the app's compiled Latvian catalogue."""
    path = Path(settings.BASE_DIR) / app / "locale" / "lv" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as file:
        entries = gettext.GNUTranslations(file)._catalog
    texts = {}
    for key, value in entries.items():
        english = key[0] if isinstance(key, tuple) else key
        if english:
            texts.setdefault(english, []).append(value)
    return texts


def glossary():
    """The glossary's rows from DEVELOPERS.md: ``(English terms, words never used for them)``."""
    text = (Path(settings.BASE_DIR) / "DEVELOPERS.md").read_text()
    section = text.split("## Words we use")[1].split("\n## ")[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("English", "---"):
            continue
        terms = [term.strip().lower() for term in re.split(r"[/(]", cells[0]) if term.strip(" )")]
        banned = re.findall(r"`([^`]+)`", cells[2])
        if banned:
            rows.append((terms, banned))
    return rows


def test_the_glossary_holds_in_every_catalogue():
    rows = glossary()
    assert any("sign in" in terms for terms, _banned in rows)  # the table was read
    wrong = []
    for app in APPS:
        for english, latvian in catalogue(app).items():
            for terms, banned in rows:
                if not any(term.strip(" )") and term.strip(" )") in english.lower() for term in terms):
                    continue
                for text in latvian:
                    wrong += [(app, english, text) for word in banned if word.lower() in text.lower()]
    assert wrong == []


def test_no_latvian_string_says_tu():
    familiar = [
        (app, english, text)
        for app in APPS
        for english, latvian in catalogue(app).items()
        for text in latvian
        if FAMILIAR.search(text)
    ]
    assert familiar == []


# An attribute's value in markup (href="..."): the only place a Latvian string has straight quotes.
MARKUP_VALUE = re.compile(r'\w+="[^"]*"')


def test_latvian_quotes_with_lower_and_upper_marks():
    """A name quoted in Latvian text reads „Ģimene ģimenei” (as the centre writes it), not
    "Ģimene ģimenei": the pledge mails' first lines had straight quotes."""
    straight = [
        (app, english, text)
        for app in [*APPS, "privacy"]
        for english, latvian in catalogue(app).items()
        for text in latvian
        if '"' in MARKUP_VALUE.sub("", text)
    ]
    assert straight == []


def test_sign_in_and_sign_up_read_right_in_latvian(client, home_page):
    header = client.get("/").content.decode()
    assert ">Pieslēgties</a>" in header and "Ieiet" not in header
    sign_in = client.get("/accounts/login/").content.decode()
    assert "vispirms <a" in sign_in and "reģistrējieties" in sign_in
    assert "piereģistrējaties" not in sign_in
    sign_up = client.get("/accounts/signup/").content.decode()
    assert "pieslēdzieties" in sign_up and "spiedied" not in sign_up
    assert "Parolē jābūt vismaz 8 rakstzīmēm." in sign_up and "rakstzīmei" not in sign_up
    response = client.post("/accounts/signup/", {"email": "jauna@example.org", "password1": "a1b2", "password2": "x"})
    html = response.content.decode()
    assert "Šī parole ir pārāk īsa: tajā jābūt vismaz 8 rakstzīmēm." in html
    response = client.post(
        "/accounts/signup/",
        {"email": "jauna@example.org", "password1": "zils-putns-lido-2026", "password2": "zils-putns"},
    )
    assert "Abās reizēs jāievada viena un tā pati parole." in response.content.decode()
    assert ">Sign in</a>" in client.get("/en/accounts/login/").content.decode()


@pytest.fixture
def centre(home_page):
    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.centre_name_en = "Bauska SOS Family Support Centre"
    centre.dropoff_instructions, centre.dropoff_instructions_en = "Ieeja no pagalma.", "Enter from the courtyard."
    centre.save()
    return centre


def test_the_centres_name_is_in_the_pages_language(client, centre, english_home):
    latvian, english = client.get("/").content.decode(), client.get("/en/").content.decode()
    assert "Bauskas SOS ģimeņu atbalsta centrs</h2>" in latvian
    assert "· Bauskas SOS ģimeņu atbalsta centrs</title>" in latvian
    assert "Bauska SOS Family Support Centre</h2>" in english
    assert "· Bauska SOS Family Support Centre</title>" in english
    assert "Bauskas SOS" not in english.split('<footer class="site-footer">')[1].split('<section class="supporters')[0]
    # Empty English words fall back to the Latvian ones.
    centre.centre_name_en = ""
    centre.save()
    assert "Bauskas SOS ģimeņu atbalsta centrs</h2>" in client.get("/en/").content.decode()


def test_centre_words_per_language(centre):
    from django.utils import translation

    with translation.override("en"):
        assert (centre.name, centre.instructions) == ("Bauska SOS Family Support Centre", "Enter from the courtyard.")
    with translation.override("lv"):
        assert (centre.name, centre.instructions) == ("Bauskas SOS ģimeņu atbalsta centrs", "Ieeja no pagalma.")


def test_news_tags_are_shown_in_the_pages_language(client, home_page, english_home):
    english = Locale.objects.get(language_code="en")
    index = NewsIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    index_en = index.copy_for_translation(english)
    index_en.title, index_en.slug = "News", "news"
    index_en.save_revision().publish()
    news = NewsPageFactory(parent=index, title="Nometnes", slug="nometnes")
    news.tags.add("nometnes", "labdarība")
    news.save_revision().publish()
    news_en = news.copy_for_translation(english)
    news_en.title = "Camps"
    news_en.save_revision().publish()
    TagName.objects.create(tag=news.tags.get(name="nometnes"), language="en", name="camps")

    page_en = client.get("/en/news/nometnes/").content.decode()
    assert '?tag=nometnes">camps</a>' in page_en
    assert '?tag=labdar%C4%ABba">labdarība</a>' in page_en  # no English name yet: the tag's own
    assert ">nometnes<" not in page_en
    index_html = client.get("/en/news/").content.decode()
    assert '<span class="tag">camps</span>' in index_html and '?tag=nometnes">camps</a>' in index_html
    assert "camps" in client.get("/en/news/?tag=nometnes").content.decode()  # the filter finds it by its slug
    assert "<category>camps</category>" in client.get("/en/news/rss/").content.decode()
    page_lv = client.get("/jaunumi/nometnes/").content.decode()
    assert '?tag=nometnes">nometnes</a>' in page_lv and "camps" not in page_lv


@override_settings(DEBUG=False)
def test_the_english_404_leads_to_the_english_home_page(client, home_page, english_home):
    english = client.get("/en/no-such-page/")
    assert english.status_code == 404
    assert 'class="btn btn--ghost" href="/en/"' in english.content.decode()
    assert 'class="btn btn--ghost" href="/"' in client.get("/no-such-page/").content.decode()
