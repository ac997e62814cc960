"""The site around the pages: languages, search, sitemap, robots, errors, footer."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Site

import pytest

from home.factories import ImageFactory, SupporterFactory
from home.models import CentreSettings, OpeningHours

pytestmark = pytest.mark.django_db


def test_english_is_served_under_en(client, english_home):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


def test_language_switcher_links_to_the_translation(client, about_page, english_home, english):
    translation = about_page.copy_for_translation(english)
    translation.title = "About"
    translation.slug = "about"
    translation.save_revision().publish()
    html = client.get("/par-centru/").content.decode()
    assert 'href="/en/about/" lang="en"' in html
    html_en = client.get("/en/about/").content.decode()
    assert 'href="/par-centru/" lang="lv"' in html_en


def test_language_switcher_falls_back_to_the_home_page(client, about_page, english_home):
    html = client.get("/par-centru/").content.decode()
    assert 'href="/en/" lang="en"' in html


def test_language_switcher_on_a_view_that_is_not_a_page(client, home_page):
    html = client.get("/search/?q=x").content.decode()
    assert 'href="/en/search/' in html


@pytest.mark.search_index  # searches the pages it made
def test_search_finds_published_pages_of_the_current_language(client, make_news):
    pages = make_news(2)
    pages[0].title = "Vasaras nometne ģimenēm"
    pages[0].save_revision().publish()
    html = client.get("/search/", {"q": "nometne"}).content.decode()
    assert "Vasaras nometne ģimenēm" in html
    assert "Ziņa 1" not in html


@pytest.mark.search_index  # searches the pages it made
def test_search_finds_a_word_in_another_form_in_both_languages(client, make_news, english_home):
    """Latvian changes a word's ending with its case and number: "nometne" finds a page that says
    "nometnes", "zābaki" one that says "zābakus"; in English "camp" finds "camps"."""
    camps, boots, other = make_news(3)
    for page, title in ((camps, "Divas vasaras nometnes"), (boots, "Savācām ziemas zābakus")):
        page.title = title
        page.save_revision().publish()
    english = camps.copy_for_translation(english_home.locale, copy_parents=True)
    english.title = "Two summer camps"
    english.save_revision().publish()

    for query, found in (("nometne", "Divas vasaras nometnes"), ("Zābaki,", "Savācām ziemas zābakus")):
        html = client.get("/search/", {"q": query}).content.decode()
        assert found in html, query
        assert other.title not in html and "Two summer camps" not in html, query
    html = client.get("/search/", {"q": "vasaras nometnēm"}).content.decode()  # every word, each in its form
    assert "Divas vasaras nometnes" in html and "zābakus" not in html
    html = client.get("/en/search/", {"q": "camp"}).content.decode()
    assert "Two summer camps" in html and "Divas vasaras nometnes" not in html
    assert "nekas netika atrasts" in client.get("/search/", {"q": "zilonis"}).content.decode()
    # A word under 3 letters is matched whole: "va" is not the start of every "vasaras".
    assert "nekas netika atrasts" in client.get("/search/", {"q": "va"}).content.decode()
    # Punctuation is no word: a dash beside a word leaves the word, a dash alone finds nothing.
    for query in ("nometne —", "!! nometne"):
        assert "Divas vasaras nometnes" in client.get("/search/", {"q": query}).content.decode(), query
    for query in ("—", "...", "„”"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert "nekas netika atrasts" in html and other.title not in html, query


@pytest.mark.search_index  # searches the pages it made
def test_search_finds_a_word_typed_without_its_marks_on_either_database(client, make_news):
    """A donor on a phone without a Latvian keyboard types "gimene" for "Ģimene", "zabaki" for
    "zābaki": SQLite's index folded the marks, PostgreSQL's (production) found nothing."""
    campaign, boots, other = make_news(3)
    for page, title in ((campaign, "Sākas akcija „Ģimene ģimenei”"), (boots, "Savācām ziemas zābakus")):
        page.title = title
        page.save_revision().publish()
    for query, found in (("gimene", "Ģimene ģimenei"), ("zabaki", "ziemas zābakus"), ("ĢIMENE", "Ģimene ģimenei")):
        html = client.get("/search/", {"q": query}).content.decode()
        assert found in html, query
        assert other.title not in html, query


@pytest.mark.search_index
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index only (SQLite's folds by itself)")
def test_an_index_built_before_searches_folded_marks_is_built_again_after_migrate(client, make_news):
    """The release that folds marks finds an index of unfolded lexemes ("ģimene"): ``migrate``
    builds it again, so that "gimene" finds the page at once, not after its next save."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value

    from modelsearch.conf import get_app_config

    from home.search_backend import refold_index

    page = make_news(1)[0]
    page.title = "Ģimene ģimenei"
    page.save_revision().publish()
    entries = get_app_config().get_model("IndexEntry").objects
    entries.update(title=SearchVector(Value("Ģimene ģimenei"), config="simple"))  # as indexed before
    assert refold_index() is True
    assert refold_index() is False  # folded now: nothing to build
    assert "Ģimene ģimenei" in client.get("/search/", {"q": "gimene"}).content.decode()


def test_search_without_results_says_so(client, home_page):
    html = client.get("/search/", {"q": "zilonis"}).content.decode()
    assert "nekas netika atrasts" in html


def test_search_without_query_shows_the_form(client, home_page):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_sitemap_lists_both_languages(client, about_page, english_home):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/par-centru/" in body
    assert "/en/</loc>" in body


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_404_page_is_latvian(client, home_page):
    response = client.get("/nav-tadas-lapas/")
    assert response.status_code == 404
    assert "Lapa nav atrasta" in response.content.decode()


def test_404_page_is_english_under_en(client, english_home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_without_context():
    with translation.override("lv"):
        html = render_to_string("500.html")
    assert "Kaut kas nogāja greizi" in html


def test_footer_shows_centre_settings_and_opening_hours(client, home_page):
    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.phone = "+371 63 000 001"
    centre.email = "centrs@example.org"
    centre.save()
    OpeningHours.objects.create(settings=centre, first_day=1, last_day=4, opens="09:00", closes="17:00")
    html = client.get("/").content.decode()
    assert "Rūpniecības iela 7" in html
    assert "tel:+37163000001" in html
    assert "mailto:centrs@example.org" in html
    assert "Pirmdiena–ceturtdiena" in html
    assert "09:00–17:00" in html


def test_footer_shows_only_published_supporters(client, home_page):
    SupporterFactory(name="Bauska ziedo", logo=ImageFactory())
    SupporterFactory(name="Slepenais atbalstītājs", live=False)
    html = client.get("/").content.decode()
    assert 'alt="Bauska ziedo"' in html
    assert "Slepenais atbalstītājs" not in html


def test_strict_content_security_policy_on_public_pages(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy  # issue 10: nothing unless a directive allows it
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert 'style="' not in response.content.decode()
    assert "<script>" not in response.content.decode()


@override_settings(DEBUG=False)
def test_security_headers(client, home_page):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


ODD_QUERIES = ["\x00", "nometne\x00", "x" * 10_000, "a & b | !c:*", "'(\\", "\x01\x1f"]
ODD_PAGE_NUMBERS = ["", "-1", "0", "abc", "1e10", "99999999999999999999", "\x00"]


def test_nothing_typed_into_the_search_box_gives_a_server_error(client, make_news):
    """A NUL byte in a query is refused by PostgreSQL; 10,000 characters, operators and odd page numbers."""
    make_news(2)
    for query in ODD_QUERIES:
        for page_number in ODD_PAGE_NUMBERS:
            response = client.get("/search/", {"q": query, "page": page_number})
            assert response.status_code == 200, (query[:20], page_number)
            assert 'name="q"' in response.content.decode()


@pytest.mark.search_index  # searches the pages it made
def test_search_finds_what_is_left_of_a_query_with_a_nul_byte(client, make_news):
    pages = make_news(1)
    pages[0].title = "Vasaras nometne ģimenēm"
    pages[0].save_revision().publish()
    html = client.get("/search/", {"q": "nometne\x00"}).content.decode()
    assert "Vasaras nometne ģimenēm" in html


def test_odd_news_filters_give_no_server_error(client, make_news):
    make_news(2)
    for tag in ODD_QUERIES:
        for page_number in ODD_PAGE_NUMBERS:
            response = client.get("/jaunumi/", {"tag": tag, "page": page_number})
            assert response.status_code in (200, 302), (tag[:20], page_number)


def test_sitemap_lists_addresses_on_the_host_the_request_came_to(client, about_page, english_home):
    """Not the Site record's http://localhost: the address the sitemap was asked at."""
    body = client.get("/sitemap.xml", HTTP_HOST="portal.example.org").content.decode()
    assert "<loc>http://portal.example.org/par-centru/</loc>" in body
    assert "<loc>http://portal.example.org/en/</loc>" in body
    assert "localhost" not in body
    secure = client.get("/sitemap.xml", HTTP_HOST="portal.example.org:8443", secure=True).content.decode()
    assert "<loc>https://portal.example.org:8443/par-centru/</loc>" in secure


def test_rss_links_are_on_the_host_the_request_came_to(client, make_news):
    (item,) = make_news(1)
    body = client.get("/jaunumi/rss/", HTTP_HOST="portal.example.org").content.decode()
    assert f"<link>http://portal.example.org{item.url}</link>" in body
    assert "<link>http://portal.example.org/jaunumi/</link>" in body
    assert 'href="http://portal.example.org/jaunumi/rss/"' in body  # the feed's own address
    assert "localhost" not in body


@pytest.mark.parametrize(
    ("base_url", "hostname", "port"),
    [("https://portal.example.org", "portal.example.org", 443), ("http://127.0.0.1:8000/", "127.0.0.1", 8000)],
)
def test_sync_site_address_sets_the_default_site_from_the_setting_once(settings, base_url, hostname, port):
    settings.PORTAL_BASE_URL = base_url
    call_command("sync_site_address", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (hostname, port)
    with CaptureQueriesContext(connection) as queries:
        call_command("sync_site_address", stdout=StringIO())
    assert not any(query["sql"].lstrip().upper().startswith("UPDATE") for query in queries)
    assert Site.objects.values_list("hostname", "port").get(is_default_site=True) == (hostname, port)
