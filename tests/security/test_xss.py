"""Script never gets through (issue 10): ``<script>``, ``javascript:`` links and event handlers
entered by editors (rich text, StreamField, titles, snippets, site settings), by donors (name,
note, address) and by mentors (meeting notes) come out as text on public pages, in the admin
and in mail. Each goes in the way its author enters it: the admin's forms, the pledge form, the
mentor's meeting form.

A page passes when its markup, parsed as a browser would, has no inline script that runs, no
event-handler attribute and no ``javascript:`` address, while the text that was typed is there
to read. Plain-text mail is sent as text/plain with the text as typed (escaping it would show
"&lt;" to the reader); an HTML part, where there is one, passes the same markup check.
"""

import csv
import io
import json
import re

from django.utils import timezone

from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from campaigns.models import Pledge
from home.models import CentreSettings, NewsIndexPage, NewsPage, StandardPage, Supporter
from mentoring.models import Meeting
from tests.campaigns.conftest import campaign, campaign_index, tallies  # noqa: F401
from tests.forms import as_a_person, pledge_fields
from tests.mentoring.conftest import mentor_a, mentoring_page, pair_a, today  # noqa: F401

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
HANDLER = '"><img src=x onerror=alert(2)>'
BREAKOUT = "</script><svg onload=alert(3)>"
EVIL = f"{SCRIPT} {HANDLER} {BREAKOUT}"  # 89 characters: fits every text field that is meant for words
JS_LINK = "javascript:alert(4)"

RUNNABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
INVISIBLE = re.compile(r"[\x00-\x20]")


def injected(html):
    """What in ``html`` would run script: inline scripts, event handlers, javascript: addresses."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}={text!r}>")
            if name.lower() in ADDRESS_ATTRIBUTES and INVISIBLE.sub("", text).lower().startswith("javascript:"):
                found.append(f"<{tag.name} {name}={text!r}>")
        runnable = tag.get("type", "").strip().lower() in RUNNABLE_SCRIPT_TYPES
        if tag.name == "script" and not tag.get("src") and runnable and (tag.string or "").strip():
            found.append(f"<script>{tag.string.strip()[:80]}</script>")
    return found


def assert_shown_as_text(html, *typed):
    """The typed text is there to read, and nothing in the page would run."""
    assert injected(html) == []
    for text in typed:
        assert "alert(" in text
    assert "alert(1)" in html  # the payload reached the page (as text: see injected)


def assert_plain_text_mail(message, *typed):
    assert message.content_subtype == "plain"
    for text in typed:
        assert text in message.body, text  # as typed: a mail client shows text/plain as text
    for content, mimetype in getattr(message, "alternatives", []):
        assert mimetype == "text/html"
        assert injected(content) == []


def publish_in_the_admin(client, url, fields):
    response = client.post(url, nested_form_data({**fields, "action-publish": "publish"}))
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    return response


def contentstate_with_a_link(text, url):
    """What Draftail posts: a paragraph with a link, as an editor's browser (or a crafted post) sends it."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": f"{text} link",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": len(text) + 1, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


# Editors


def test_an_editors_page_comes_out_as_text_everywhere(client, editor, home_page):
    """Title, SEO title, search description, introduction, and every kind of text block."""
    client.force_login(editor)
    body = streamfield(
        [
            ("heading", {"text": EVIL, "level": "h2"}),
            ("paragraph", contentstate_with_a_link(EVIL, JS_LINK)),
            ("paragraph", rich_text(f"<p>{SCRIPT.replace('<', '&lt;')}</p><p><a href='{JS_LINK}'>saite</a></p>")),
            ("quote", {"text": EVIL, "attribution": EVIL}),
            ("call_to_action", {"title": EVIL, "text": EVIL, "page": "", "url": "", "button_label": "Poga <b>"}),
        ]
    )
    fields = {
        "title": f"Par mums {SCRIPT}",
        "slug": "par-mums",
        "seo_title": EVIL,
        "search_description": EVIL,
        "introduction": EVIL,
        "body": body,
    }
    publish_in_the_admin(client, f"/admin/pages/add/home/standardpage/{home_page.pk}/", fields)
    page = StandardPage.objects.get(slug="par-mums")
    stored = json.dumps(page.body.get_prep_value())
    assert "javascript:" not in stored  # Wagtail's converter leaves the link's address out

    for url in (page.url, "/", "/search/?q=mums", f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{home_page.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert injected(response.content.decode()) == [], url
    assert_shown_as_text(client.get(page.url).content.decode(), EVIL)


def test_a_javascript_address_in_a_call_to_action_is_refused(client, editor, home_page):
    client.force_login(editor)
    body = streamfield(
        [("call_to_action", {"title": "Ziedo", "text": "", "page": "", "url": JS_LINK, "button_label": "Ziedot"})]
    )
    data = nested_form_data({"title": "Ziedo", "slug": "ziedo", "introduction": "", "body": body})
    response = client.post(f"/admin/pages/add/home/standardpage/{home_page.pk}/", {**data, "action-publish": "1"})
    assert response.status_code == 200  # the form again, with the address refused
    assert not StandardPage.objects.filter(slug="ziedo").exists()
    assert injected(response.content.decode()) == []


def test_a_news_title_and_summary_are_text_on_the_page_in_lists_and_in_the_feed(client, editor, home_page):
    from home.factories import NewsIndexPageFactory

    index = (
        NewsIndexPageFactory(parent=home_page) if not NewsIndexPage.objects.exists() else NewsIndexPage.objects.get()
    )
    client.force_login(editor)
    fields = {
        "title": f"Jaunums {SCRIPT}",
        "slug": "jaunums",
        "date": timezone.localdate().isoformat(),
        "summary": EVIL,
        "body": streamfield([("paragraph", rich_text("<p>Teksts.</p>"))]),
        "tags": "",
    }
    publish_in_the_admin(client, f"/admin/pages/add/home/newspage/{index.pk}/", fields)
    news = NewsPage.objects.get(slug="jaunums")
    client.logout()
    for url in (news.url, index.url, "/"):
        html = client.get(url).content.decode()
        assert injected(html) == [], url
        assert "Jaunums &lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    feed = client.get(index.url + "rss/")
    assert feed.status_code == 200
    titles = [item.findtext("title") for item in ElementTree.fromstring(feed.content).iter("item")]
    assert f"Jaunums {SCRIPT}" in titles  # XML text, not markup


def test_a_supporter_snippet_is_text_and_its_address_must_be_a_web_address(client, editor, moderator, home_page):
    client.force_login(editor)
    fields = {"name": EVIL, "logo": "", "url": JS_LINK, "description": EVIL, "sort_order": "1"}
    response = client.post("/admin/snippets/home/supporter/add/", {**fields, "action-publish": "publish"})
    assert response.status_code == 200  # refused: only http(s) addresses
    assert not Supporter.objects.exists()
    response = client.post(
        "/admin/snippets/home/supporter/add/",
        {**fields, "url": "https://example.org/?q=<script>", "action-publish": "publish"},
    )
    assert response.status_code == 302
    supporter = Supporter.objects.get()
    for url in ("/admin/snippets/home/supporter/", f"/admin/snippets/home/supporter/edit/{supporter.pk}/"):
        assert injected(client.get(url).content.decode()) == [], url
    client.logout()
    assert_shown_as_text(client.get("/").content.decode(), EVIL)


def test_the_centres_settings_are_text_on_every_page_and_in_mail(
    client,
    editor,
    home_page,
    campaign,  # noqa: F811
    tallies,  # noqa: F811
    make_user,
    mail_after_commit,
):
    admin = make_user(is_superuser=True, is_staff=True, email="super@example.org")
    client.force_login(admin)
    fields = {
        "centre_name": EVIL,
        "street_address": EVIL,
        "postal_code": "LV-3901",
        "city": "Bauska",
        "email": "centrs@example.org",
        "phone": SCRIPT,
        "dropoff_instructions": EVIL,
        "opening_hours": inline_formset([]),
    }
    site = Site.objects.get(is_default_site=True)
    response = client.post(f"/admin/settings/home/centresettings/{site.pk}/", nested_form_data(fields), follow=True)
    assert response.status_code == 200
    assert CentreSettings.for_default_site().centre_name == EVIL
    assert injected(response.content.decode()) == []
    client.logout()
    for url in ("/", campaign.url, "/accounts/login/", "/.well-known/security.txt"):
        html = client.get(url).content.decode()
        assert injected(html) == [], url
    assert_shown_as_text(client.get(campaign.url).content.decode(), EVIL)
    with mail_after_commit():
        client.post(campaign.url, pledge_form(tallies, donor_name="Anna Ozola"))
    donor_mail = next(message for message in mail_after_commit.outbox if message.to == ["anna@example.org"])
    assert_plain_text_mail(donor_mail, EVIL)


# Donors


def pledge_form(tallies, **fields):  # noqa: F811
    return pledge_fields({tallies[0].pk: 2}, **fields)


def test_a_donors_name_note_and_address_are_text_everywhere(
    client,
    campaign,  # noqa: F811
    tallies,  # noqa: F811
    campaign_manager,
    mail_after_commit,
):
    with mail_after_commit():
        response = client.post(
            campaign.url,
            pledge_form(
                tallies,
                donor_name=EVIL,
                note=EVIL,
                delivery="pickup",
                pickup_area="bauska",
                pickup_address=EVIL,
                phone="+371 20 000 000",
            ),
        )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.donor_name == pledge.note == pledge.pickup_address == EVIL  # kept as typed, shown as text
    for url in (pledge.get_confirmation_url(), pledge.get_private_url()):
        assert_shown_as_text(client.get(url).content.decode(), EVIL)

    donor_mail = next(message for message in mail_after_commit.outbox if message.to == ["anna@example.org"])
    staff_mail = next(message for message in mail_after_commit.outbox if message.to == [campaign_manager.email])
    assert_plain_text_mail(donor_mail, EVIL)
    assert_plain_text_mail(staff_mail, EVIL)

    client.force_login(campaign_manager)
    for url in (
        "/admin/pledge/",
        f"/admin/pledge/inspect/{pledge.pk}/",
        f"/admin/pledge/edit/{pledge.pk}/",
        f"/admin/pledge/receive/{pledge.pk}/",
        "/admin/pledge/?q=alert",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert injected(response.content.decode()) == [], url
    assert "alert(1)" in client.get(f"/admin/pledge/inspect/{pledge.pk}/").content.decode()
    export = client.get("/admin/pledge/", {"export": "csv"})
    rows = csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))
    assert any(EVIL in row for row in rows)  # data for a spreadsheet, as typed
    assert export["Content-Type"].startswith("text/csv")


# Mentors


def test_a_mentors_meeting_note_is_text_for_the_mentor_and_the_coordinator(
    client,
    mentor_a,  # noqa: F811
    pair_a,  # noqa: F811
    coordinator,
    mail_after_commit,
):
    client.force_login(mentor_a)
    data = {"date": timezone.localdate().isoformat(), "hours": "1", "activity": "walk", "note": EVIL, "concern": "on"}
    with mail_after_commit():
        response = client.post(f"/mentoring/pairs/{pair_a.pk}/meetings/", data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.note == EVIL
    assert_shown_as_text(client.get("/mentoring/").content.decode(), EVIL)
    assert injected(client.get(f"/mentoring/meetings/{meeting.pk}/edit/").content.decode()) == []

    [concern] = [message for message in mail_after_commit.outbox if coordinator.email in message.to]
    assert_plain_text_mail(concern)
    assert "alert(" not in concern.body  # the note stays in the admin (the child's privacy), the mail links there

    client.force_login(coordinator)
    for url in (
        f"/admin/mentoring/pairs/inspect/{pair_a.pk}/",
        "/admin/mentoring/monitoring/",
        "/admin/mentoring/pairs/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert injected(response.content.decode()) == [], url
    assert "alert(1)" in client.get(f"/admin/mentoring/pairs/inspect/{pair_a.pk}/").content.decode()


# Plain-text mail says what people typed, as they typed it


def test_plain_text_mail_is_never_html_escaped(
    client,
    visitor_user,
    coordinator,
    mentoring_page,  # noqa: F811
    mail_after_commit,
):
    """The coordinator's "new application" mail named "Jānis O&#x27;Konors" in its subject."""
    from mentoring.factories import years_ago

    client.force_login(visitor_user)
    answers = {
        "full_name": "Jānis O'Konors",
        "birth_date": years_ago(20).isoformat(),
        "phone": "+371 20 123 456",
        "motivation": f"Sports & {SCRIPT}",
        "availability": "Sestdienas",
        "languages": "latviešu",
        "interests": "Šahs",
        "privacy_consent": "on",
        "record_check_consent": "on",
        **as_a_person(),
    }
    with mail_after_commit():
        assert client.post(mentoring_page.url, answers).status_code == 302
    [notice] = [message for message in mail_after_commit.outbox if message.to == [coordinator.email]]
    assert "Jānis O'Konors" in notice.subject
    assert "&#x27;" not in notice.subject + notice.body and "&amp;" not in notice.subject + notice.body
    assert_plain_text_mail(notice)


# Spreadsheets: what a donor typed is shown, never run


def test_a_csv_export_runs_no_formula_a_donor_typed(client, campaign, tallies, campaign_manager):  # noqa: F811
    formula = '=HYPERLINK("http://evil.example.org/","Klikšķiniet")'
    response = client.post(
        campaign.url,
        pledge_form(tallies, donor_name=formula, phone="+371 20 000 000", pickup_address="@SUM(1+1)"),
    )
    assert response.status_code == 302
    client.force_login(campaign_manager)
    export = client.get("/admin/pledge/", {"export": "csv"})
    [row] = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert row["Ziedotāja vārds"] == f"'{formula}"  # shown as text by every spreadsheet
    assert row["Tālrunis"] == "+371 20 000 000"  # a phone number stays as it is
