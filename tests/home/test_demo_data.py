import json
from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from home.demo import editor_html
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
    assert "Kļūstiet par mentoru" in dump  # the dump holds the demo, in readable letters (and says "jūs")
    for trace in REAL_PEOPLE:
        assert trace not in dump


def test_every_demo_page_and_supporter_opens_in_the_editor(client, superuser):
    """Demo content is stored as the editor stores it, so an editor can open every page of it."""
    call_command("load_demo_data", stdout=StringIO())
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
