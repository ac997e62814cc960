"""The site around the pages: languages, search, sitemap, robots, errors, footer."""

from django.template.loader import render_to_string
from django.test import override_settings
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


def test_search_finds_published_pages_of_the_current_language(client, make_news):
    pages = make_news(2)
    pages[0].title = "Vasaras nometne ģimenēm"
    pages[0].save_revision().publish()
    html = client.get("/search/", {"q": "nometne"}).content.decode()
    assert "Vasaras nometne ģimenēm" in html
    assert "Ziņa 1" not in html


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
