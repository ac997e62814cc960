"""Translating pages with wagtail-localize: a new translation is a draft until a translator publishes it,
and facts that are not words (dates, quantities, pictures) come from the source page, not from translators."""

import datetime

from django.utils import formats, timezone, translation

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from home.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes after the commit; run what a request left for then."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submit_for_translation(client, page, locale, run_on_commit):
    """ "Translate this page" in the admin."""
    with run_on_commit():
        response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    return page.get_translation(locale)


def publish_translation(client, translation, run_on_commit):
    """The translator's "Publish in English" in wagtail-localize's translation editor."""
    with run_on_commit():
        response = client.post(f"/admin/pages/{translation.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302


def test_a_new_translation_stays_a_draft_until_a_translator_publishes_it(
    client, editor, about_page, english_home, english, run_on_commit
):
    client.force_login(editor)
    draft = submit_for_translation(client, about_page, english, run_on_commit)
    assert not Page.objects.get(pk=draft.pk).live
    assert client.get("/en/par-centru/").status_code == 404
    assert "/en/par-centru/" not in client.get("/sitemap.xml").content.decode()
    assert 'href="/en/par-centru/"' not in client.get("/en/").content.decode()  # not in the English menu

    publish_translation(client, draft, run_on_commit)
    assert client.get("/en/par-centru/").status_code == 200


# Facts: a news item's date and picture, a campaign's period and its needs' quantities, sizes and kinds.


def news_form(page, **fields):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": page.date.isoformat(),
            "summary": page.summary,
            "image": page.image_id or "",
            "body": streamfield([("paragraph", rich_text("<p>Teksts.</p>"))]),
            "tags": "nometnes",
            "comments": inline_formset([]),
            "action-publish": "publish",
            **fields,
        }
    )


@pytest.fixture
def news_in_two_languages(make_news, english_home, english):
    """A news item translated the way the demo does it (a copy with English words, no wagtail-localize source)."""
    (latvian,) = make_news(1)
    index_en = latvian.get_parent().copy_for_translation(english)
    index_en.title, index_en.slug = "News", "news"
    index_en.save_revision().publish()
    english_page = latvian.copy_for_translation(english)
    english_page.title, english_page.summary = "Summer camp", "Twelve families went to camp."
    english_page.save_revision().publish()
    return latvian, english_page


def test_a_changed_news_date_and_picture_reach_the_english_page_at_once(client, editor, news_in_two_languages):
    latvian, english_page = news_in_two_languages
    new_date = latvian.date - datetime.timedelta(days=40)
    picture = ImageFactory(title="Jauna bilde")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{latvian.pk}/edit/", news_form(latvian, date=new_date.isoformat(), image=picture.pk)
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    html = client.get(english_page.url).content.decode()
    assert f'datetime="{new_date:%Y-%m-%d}"' in html
    assert picture.get_rendition("fill-1200x675|format-webp").url in html
    assert "Summer camp" in html  # the words stay the translator's


def test_facts_reach_a_translation_with_a_pending_draft_without_publishing_the_draft(
    client, editor, news_in_two_languages
):
    latvian, english_page = news_in_two_languages
    draft = english_page.get_latest_revision_as_object()
    draft.title = "Summer camp (draft)"
    draft.save_revision()
    new_date = latvian.date - datetime.timedelta(days=7)
    client.force_login(editor)
    client.post(f"/admin/pages/{latvian.pk}/edit/", news_form(latvian, date=new_date.isoformat()))

    html = client.get(english_page.url).content.decode()
    assert f'datetime="{new_date:%Y-%m-%d}"' in html
    assert "Summer camp (draft)" not in html  # the draft is still the translator's to publish
    # Publishing the draft later does not bring the old date back.
    english_page.refresh_from_db()
    english_page.get_latest_revision().publish()
    html = client.get(english_page.url).content.decode()
    assert "Summer camp (draft)" in html
    assert f'datetime="{new_date:%Y-%m-%d}"' in html


def test_facts_do_not_flow_from_a_translation_back_to_the_source(client, editor, news_in_two_languages):
    latvian, english_page = news_in_two_languages
    page = english_page.get_latest_revision_as_object()
    page.date = latvian.date - datetime.timedelta(days=3)
    page.save_revision().publish()
    latvian.refresh_from_db()
    assert latvian.date == timezone.localdate()


def campaign_form(page, needs, **fields):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": page.introduction,
            "start_date": page.start_date.isoformat(),
            "end_date": page.end_date.isoformat(),
            "body": streamfield([]),
            "conditions": "",
            "dropoff_address": "",
            "dropoff_hours": "",
            "dropoff_info": "",
            "needs": inline_formset(needs, initial=len(needs)),
            "comments": inline_formset([]),
            "action-publish": "publish",
            **fields,
        }
    )


@pytest.fixture
def campaign_in_two_languages(client, superuser, home_page, english_home, english, run_on_commit):
    """A running Latvian campaign, translated into English through wagtail-localize and published."""
    from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory

    index = CampaignIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    index_en = index.copy_for_translation(english)
    index_en.title, index_en.slug = "Campaigns", "campaigns"
    index_en.save_revision().publish()
    campaign = CampaignPageFactory(
        parent=index,
        image=ImageFactory(),
        end_date=timezone.localdate() + datetime.timedelta(days=3),
        needs=[{"name": "Ziemas zābaki", "size": "EU 36", "category": "other", "unit": "pieces", "quantity": 4}],
    )
    campaign.save_revision().publish()
    client.force_login(superuser)
    english_campaign = submit_for_translation(client, campaign, english, run_on_commit)
    publish_translation(client, english_campaign, run_on_commit)
    return campaign, english_campaign


def test_a_changed_campaign_period_and_need_reach_the_english_page(client, editor, campaign_in_two_languages):
    campaign, english_campaign = campaign_in_two_languages
    before = client.get(english_campaign.url).content.decode()
    assert "3 days left" in before and 'class="need__input' in before

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    need = campaign.needs.get()
    changed_need = {
        "id": str(need.pk),
        "name": need.name,
        "size": "EU 37",
        "category": "shoes",
        "priority": "1",
        "quantity": "9",
        "unit": "pairs",
        "description": "",
    }
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{campaign.pk}/edit/", campaign_form(campaign, [changed_need], end_date=yesterday.isoformat())
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    html = client.get(english_campaign.url).content.decode()
    with translation.override("en"):
        assert formats.date_format(yesterday, "SHORT_DATE_FORMAT") in html
    assert "days left" not in html
    assert "ended" in html
    assert 'class="need__input' not in html  # the ended campaign shows no pledge fields
    assert "EU 37" in html and "EU 36" not in html
    assert "Shoes" in html and "Urgent" in html
    english_need = type(english_campaign).objects.get(pk=english_campaign.pk).needs.get()
    assert (english_need.quantity, english_need.unit) == (9, "pairs")


def test_the_translation_editor_offers_facts_neither_to_translate_nor_to_override(campaign_in_two_languages):
    """Translators get the words (the need's name) and nothing of the facts (its size, the picture)."""
    from wagtail_localize.models import OverridableSegment, StringSegment

    paths = {
        *StringSegment.objects.values_list("context__path", flat=True),
        *OverridableSegment.objects.values_list("context__path", flat=True),
    }
    assert "title" in paths and any(path.endswith(".name") for path in paths)
    assert "image" not in paths
    assert not any(path.endswith(".size") for path in paths)
