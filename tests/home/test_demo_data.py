from io import StringIO

from django.core.management import call_command

import pytest

from home.models import HomePage, NewsPage, StandardPage, Supporter

pytestmark = pytest.mark.django_db


def test_demo_data_loads_once_in_both_languages(client):
    call_command("load_demo_data", stdout=StringIO())
    counts = (NewsPage.objects.count(), StandardPage.objects.count(), Supporter.objects.count())
    call_command("load_demo_data", stdout=StringIO())
    assert (NewsPage.objects.count(), StandardPage.objects.count(), Supporter.objects.count()) == counts
    assert NewsPage.objects.filter(locale__language_code="lv").count() == 6
    assert NewsPage.objects.filter(locale__language_code="en").count() >= 3
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()
    for url in ["/", "/en/", "/jaunumi/", "/en/news/", "/par-centru/", "/en/about/", "/kontakti/"]:
        assert client.get(url).status_code == 200, url


def test_demo_data_has_no_real_contacts():
    call_command("load_demo_data", stdout=StringIO())
    text = " ".join(
        str(value) for page in StandardPage.objects.all() for value in (page.body.raw_data, page.introduction)
    )
    assert "sosbca.lv" not in text
    assert "26542514" not in text
    assert "Kalniņa" not in text
