import json
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


# People the seed texts name, with their contacts: none of it may reach the demo.
REAL_PEOPLE = ["Irēna Kalniņa", "Liene Lapsa", "Dace Bužeriņa", "Alīna Šmite", "sosbca.lv", "26542514"]


def test_demo_data_has_no_real_people_or_contacts():
    call_command("load_demo_data", stdout=StringIO())
    everything = StringIO()
    call_command("dumpdata", stdout=everything)
    dump = json.dumps(json.loads(everything.getvalue()), ensure_ascii=False)
    assert "Kļūsti par mentoru" in dump  # the dump holds the demo, in readable letters
    for trace in REAL_PEOPLE:
        assert trace not in dump
