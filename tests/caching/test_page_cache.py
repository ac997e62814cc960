"""Public pages from the shared cache (home/pagecache.py), through HTTP as visitors see them."""

import re
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.test import Client, RequestFactory
from django.utils.translation import override

from wagtail.models import PageViewRestriction

import pytest

from campaigns import services
from campaigns.models import Pledge
from campaigns.templatetags.campaigns_tags import progress_words
from home import pagecache
from home.factories import SupporterFactory
from home.humans import stamp_age
from home.models import CentreSettings, StandardPage
from tests.campaigns.test_pledging import soon
from tests.forms import as_a_person

pytestmark = pytest.mark.django_db

HIDDEN = r'<input type="hidden" name="{}" value="([^"]*)"'


def hidden(response, name):
    match = re.search(HIDDEN.format(name), response.content.decode())
    assert match, f"no hidden {name} in the page"
    return match.group(1)


def status(response):
    return response.headers.get(pagecache.STATUS_HEADER)


def warm(url, times=2):
    """Anonymous views until the page is in the cache (the very first render may create the
    site's settings rows, which starts a new generation)."""
    for _ in range(times):
        Client().get(url)


@pytest.fixture
def standard_page(home_page):
    page = StandardPage(title="Par centru", slug="par-centru", introduction="Pirmais teksts.", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def pledge_data(tallies, quantity=1, **fields):
    return {
        "donor_name": "Anna Ozola",
        "email": f"{uuid.uuid4().hex[:8]}@example.org",
        "phone": "",
        "delivery": "bring",
        "expected_date": soon(),
        "pickup_area": "",
        "pickup_address": "",
        "note": "",
        "consent": "on",
        **as_a_person(),
        f"need_{tallies[0].pk}": str(quantity),
        **fields,
    }


# --- Costs nothing ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["home_page", "campaign", "standard_page"])  # not "page": Playwright's fixture
def test_a_cached_page_view_costs_no_query_and_one_read_of_the_cache(
    request, which, django_assert_num_queries, monkeypatch
):
    url = request.getfixturevalue(which).url
    warm(url)
    reads = []  # the reads of the shared cache that a request makes itself
    shared = caches[settings.PAGE_CACHE_ALIAS]  # the page cache's, and the frame's (home.layout)
    get, get_many = shared.get, shared.get_many

    def counted_get_many(keys, **kwargs):
        reads.append(sorted(keys))
        monkeypatch.setattr(shared, "get", get)  # locmem's get_many asks get for each key
        try:
            return get_many(keys, **kwargs)
        finally:
            monkeypatch.setattr(shared, "get", counted_get)

    def counted_get(key, *args, **kwargs):
        reads.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get", counted_get)
    monkeypatch.setattr(shared, "get_many", counted_get_many)
    visitor = Client()
    with django_assert_num_queries(0):
        response = visitor.get(url)
    assert response.status_code == 200
    assert status(response) == "hit"
    # The generation and the copy in one round trip; the site and the frame are not looked for.
    assert len(reads) == 1 and pagecache.GENERATION_KEY in reads[0]


def test_an_uncached_view_stores_the_page_and_the_next_one_reads_it(client, standard_page):
    warm(standard_page.url, 1)  # creates the site's settings rows: a new generation
    pagecache.content_changed()
    first = client.get(standard_page.url)
    assert status(first) == "miss"
    again = Client().get(standard_page.url)
    assert status(again) == "hit"
    assert again.content == first.content


def test_tracking_parameters_share_the_page_others_do_not(standard_page):
    warm(standard_page.url)
    shared = Client().get(f"{standard_page.url}?fbclid=IwAR0abc&utm_source=facebook")
    assert status(shared) == "hit"
    assert b"fbclid" not in shared.content
    other = Client().get(f"{standard_page.url}?page=2")
    assert status(other) == "miss"


# --- The pledge form, per visitor --------------------------------------------------------------


def test_two_visitors_of_the_cached_campaign_page_get_their_own_form_values_and_both_can_pledge(
    campaign, tallies, settings
):
    settings.HUMAN_FORM_MIN_SECONDS = 0  # the stamp below is this response's own: sent at once
    warm(campaign.url)
    anna, peteris = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [anna.get(campaign.url), peteris.get(campaign.url)]
    assert [status(page) for page in pages] == ["hit", "hit"]

    tokens = [hidden(page, "csrfmiddlewaretoken") for page in pages]
    keys = [hidden(page, "submission_key") for page in pages]
    stamps = [hidden(page, "form_shown") for page in pages]
    assert all(tokens) and all(keys) and all(stamps)
    assert tokens[0] != tokens[1]
    assert keys[0] != keys[1]
    assert all(stamp_age(value) is not None and stamp_age(value) < 5 for value in stamps)  # signed just now
    # Each gets the cookie its token belongs to; neither page may be kept by a proxy.
    assert anna.cookies["csrftoken"].value != peteris.cookies["csrftoken"].value
    assert all(page["Cache-Control"] == "private, no-cache" for page in pages)

    # Anna's token is no good with Pēteris's cookie: the tokens are bound to their visitor.
    stolen = pledge_data(tallies, csrfmiddlewaretoken=tokens[0], submission_key=keys[1], form_shown=stamps[1])
    assert peteris.post(campaign.url, stolen).status_code == 403

    for visitor, token, key, shown in zip((anna, peteris), tokens, keys, stamps, strict=True):
        data = pledge_data(tallies, csrfmiddlewaretoken=token, submission_key=key, form_shown=shown)
        response = visitor.post(campaign.url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
    assert Pledge.objects.count() == 2
    assert set(Pledge.objects.values_list("submission_key", flat=True)) == {uuid.UUID(key) for key in keys}


def test_the_cached_copy_holds_no_visitors_values(campaign):
    warm(campaign.url)
    entry = cache.get(pagecache.page_key(RequestFactory().get(campaign.url)))
    assert entry["generation"] == pagecache.current_generation()
    assert entry["fill_in"]
    for name in pagecache.FILL_INS:
        assert re.search(HIDDEN.format(name).encode(), entry["content"]).group(1) == b""


def test_a_csrf_token_the_fill_in_does_not_know_keeps_the_page_out(campaign, monkeypatch):
    monkeypatch.setattr(pagecache, "HIDDEN_VALUE", re.compile(rb"(?!)"))  # the fill-in finds nothing
    for _ in range(3):
        response = Client().get(campaign.url)
        assert status(response) == "skip"


# --- Never for someone else ---------------------------------------------------------------


def test_signed_in_visitors_neither_read_nor_fill_the_cache(client, campaign, visitor_user):
    warm(campaign.url)
    client.force_login(visitor_user)
    page = client.get(campaign.url)
    assert status(page) == "skip"
    assert visitor_user.email in page.content.decode()  # the form is filled in with their own address
    assert "private" in page["Cache-Control"]
    assert status(Client().get(campaign.url)) == "hit"  # the anonymous copy is untouched
    assert visitor_user.email not in Client().get(campaign.url).content.decode()


def test_a_private_page_is_never_cached(standard_page):
    warm(standard_page.url)
    PageViewRestriction.objects.create(page=standard_page, restriction_type="password", password="slepens")
    for _ in range(2):
        response = Client().get(standard_page.url)
        assert "Pirmais teksts." not in response.content.decode()
        assert status(response) == "skip"
        assert "no-cache" in response["Cache-Control"]


def test_personal_pages_are_never_cached(campaign, make_pledge):
    pledge = make_pledge({0: 1})
    for url in (pledge.get_private_url(), pledge.get_confirmation_url()):
        for _ in range(2):
            response = Client().get(url)
            assert response.status_code == 200
            assert status(response) == "skip"
            assert "no-store" in response["Cache-Control"]
    assert "private" in Client().get("/admin/")["Cache-Control"]


def test_an_editors_preview_is_never_cached(client, editor, standard_page):
    warm(standard_page.url)
    client.force_login(editor)
    preview = client.get(f"/admin/pages/{standard_page.pk}/view_draft/")
    assert preview.status_code == 200
    assert status(preview) == "skip"


# --- Fresh after every change ---------------------------------------------------------------


def test_publishing_a_page_through_the_admin_shows_at_once(client, editor, standard_page):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    warm(standard_page.url)
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Par centru",
            "slug": "par-centru",
            "introduction": "Otrais teksts.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{standard_page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Otrais teksts." in Client().get(standard_page.url).content.decode()


def test_publish_unpublish_move_and_delete_show_at_once(home_page, standard_page):
    warm(standard_page.url)
    standard_page.introduction = "Trešais teksts."
    standard_page.save_revision().publish()
    assert "Trešais teksts." in Client().get(standard_page.url).content.decode()

    warm(home_page.url)
    assert "Par centru" in Client().get(home_page.url).content.decode()  # the menu links to it
    standard_page.unpublish()
    assert Client().get(standard_page.url).status_code == 404
    assert 'href="/par-centru/"' not in Client().get(home_page.url).content.decode()

    standard_page.save_revision().publish()
    parent = StandardPage(title="Pakalpojumi", slug="pakalpojumi")
    home_page.add_child(instance=parent)
    parent.save_revision().publish()
    warm(standard_page.url)
    standard_page.refresh_from_db()
    standard_page.move(parent, pos="last-child")
    moved = Client().get("/par-centru/")  # Wagtail leaves a redirect at the old address
    assert (moved.status_code, moved["Location"]) == (301, "/pakalpojumi/par-centru/")
    assert Client().get("/pakalpojumi/par-centru/").status_code == 200

    warm("/pakalpojumi/par-centru/")
    StandardPage.objects.get(pk=standard_page.pk).delete()
    assert Client().get("/pakalpojumi/par-centru/").status_code == 404


def test_site_settings_and_snippets_show_at_once(home_page):
    warm(home_page.url)
    centre = CentreSettings.for_default_site()
    centre.centre_name = "Bauskas ģimeņu centrs (jauns nosaukums)"
    centre.save()
    assert "Bauskas ģimeņu centrs (jauns nosaukums)" in Client().get(home_page.url).content.decode()

    warm(home_page.url)
    SupporterFactory(name="Bauskas maiznīca")
    assert "Bauskas maiznīca" in Client().get(home_page.url).content.decode()


def progress(needed, pledged, received):
    with override("lv"):
        return progress_words(needed, pledged, received)


def test_a_pledge_made_cancelled_and_received_changes_the_figures_at_once(client, campaign, tallies, home_page):
    """Nobody sees the figures of before: the campaign page and the home page's campaign card."""
    needed = sum(tally.needed for tally in tallies)
    for url in (campaign.url, home_page.url):
        warm(url)
        assert progress(needed, 0, 0) in Client().get(url).content.decode()

    response = client.post(campaign.url, {**pledge_data(tallies, 2), "submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    for url in (campaign.url, home_page.url):
        assert progress(needed, 2, 0) in Client().get(url).content.decode()

    pledge = Pledge.objects.get()
    services.record_receipt(pledge, {pledge.lines.get().pk: 1})
    warm(campaign.url)
    assert progress(needed, 2, 1) in Client().get(campaign.url).content.decode()

    second = services.create_pledge(campaign, {tallies[1].pk: 3}, services.DonorDetails(
        donor_name="Pēteris", email="peteris@example.org", expected_date=pledge.expected_date
    )).pledge  # fmt: skip
    assert progress(needed, 5, 1) in Client().get(campaign.url).content.decode()
    cancel = Client().post(second.get_private_url(), {"action": "cancel", "confirmed": "on"})
    assert cancel.status_code == 302
    assert progress(needed, 2, 1) in Client().get(campaign.url).content.decode()


def test_a_new_generation_after_the_commit_too(django_capture_on_commit_callbacks, standard_page):
    before = pagecache.current_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pagecache.content_changed()
    assert len(callbacks) == 1
    assert pagecache.current_generation() == before + 2


def test_a_page_rendered_while_its_data_changed_is_never_read(standard_page, monkeypatch):
    """The generation is read before the data: a page rendered from rows that changed meanwhile
    goes in under the old generation, which nobody asks for any more."""
    original = StandardPage.get_context

    def changed_while_rendering(self, request, *args, **kwargs):
        context = original(self, request, *args, **kwargs)
        StandardPage.objects.filter(pk=self.pk).update(introduction="Jaunais teksts.")
        pagecache.content_changed()  # the change's commit
        return context

    monkeypatch.setattr(StandardPage, "get_context", changed_while_rendering)
    assert "Pirmais teksts." in Client().get(standard_page.url).content.decode()
    monkeypatch.setattr(StandardPage, "get_context", original)
    fresh = Client().get(standard_page.url)
    assert status(fresh) == "miss"


def test_without_a_cache_that_answers_pages_serve_uncached(standard_page, monkeypatch):
    monkeypatch.setattr(pagecache, "_cache", lambda: DummyCache("away", {}))  # keeps nothing, as Redis away
    for _ in range(2):
        response = Client().get(standard_page.url)
        assert response.status_code == 200
        assert status(response) == "skip"


def test_off_switch(standard_page, settings):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        assert pagecache.STATUS_HEADER not in Client().get(standard_page.url)


# --- Headers -----------------------------------------------------------------------------


def test_cache_control_and_etag(home_page, standard_page, campaign, client, visitor_user):
    page = Client().get(standard_page.url)
    assert page["Cache-Control"] == "public, max-age=5, s-maxage=5"
    assert page["ETag"]
    assert "Cookie" in page["Vary"]
    again = Client().get(standard_page.url, headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304

    assert Client().get(campaign.url)["Cache-Control"] == "private, no-cache"
    client.force_login(visitor_user)
    assert client.get(standard_page.url)["Cache-Control"] == "private"
    assert "no-store" in client.get("/my-data/")["Cache-Control"]


@pytest.mark.parametrize("which", ["standard_page", "campaign"])
def test_a_page_from_the_cache_carries_the_headers_of_its_render_and_a_new_visitor_the_csrf_cookie(request, which):
    """The page cache answers before the middleware that adds the policies, the language and Vary:
    what it stored is what they added; a page with a form gives a visitor without one the CSRF cookie."""
    url = request.getfixturevalue(which).url
    warm(url, 1)
    pagecache.content_changed()
    rendered = Client().get(url)
    kept = Client().get(url)
    assert (status(rendered), status(kept)) == ("miss", "hit")
    same = {"Content-Security-Policy", "X-Frame-Options", "Content-Language", "Vary", "Cache-Control", "Content-Type"}
    assert {name: kept.get(name) for name in same} == {name: rendered.get(name) for name in same}
    assert kept["Content-Length"] == str(len(kept.content))
    if which == "campaign":
        cookie = kept.cookies[settings.CSRF_COOKIE_NAME].value
        assert hidden(kept, "csrfmiddlewaretoken") != hidden(rendered, "csrfmiddlewaretoken")
        returning = Client()
        returning.cookies[settings.CSRF_COOKIE_NAME] = cookie
        again = returning.get(url)
        assert status(again) == "hit"
        assert again.cookies[settings.CSRF_COOKIE_NAME].value == cookie  # theirs, renewed as Django does
    else:
        assert not kept.cookies


def test_search_is_cached_for_anonymous_visitors(standard_page):
    url = "/search/?q=centru"
    warm(url)
    response = Client().get(url)
    assert status(response) == "hit"
    assert "Par centru" in response.content.decode()


def test_a_page_type_opts_out(standard_page, monkeypatch):
    monkeypatch.setattr(StandardPage, "cache_public", False, raising=False)
    for _ in range(2):
        response = Client().get(standard_page.url)
        assert status(response) == "skip"
        assert response["Cache-Control"] == "private"


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_visitor_with_a_session_or_a_message_waiting_is_never_served_from_the_cache(standard_page, cookie):
    warm(standard_page.url)
    visitor = Client()
    visitor.cookies[cookie] = "anything"
    assert status(visitor.get(standard_page.url)) == "skip"


def test_while_one_request_renders_a_changed_page_the_others_get_the_copy_of_a_moment_ago(
    standard_page, settings, monkeypatch
):
    warm(standard_page.url)
    standard_page.introduction = "Jaunais teksts."
    standard_page.save_revision().publish()
    request = RequestFactory().get(standard_page.url)
    generation = pagecache.current_generation()
    cache.add(pagecache.rendering_key(request, generation), 1)  # another request is rendering it now

    meanwhile = Client().get(standard_page.url)
    assert status(meanwhile) == "stale"
    assert "Pirmais teksts." in meanwhile.content.decode()

    settings.PAGE_CACHE_MAX_AGE = 0  # the copy is older than that: rendered afresh after all
    monkeypatch.setattr(pagecache.time, "time", lambda: 10**10)
    fresh = Client().get(standard_page.url)
    assert status(fresh) == "miss"
    assert "Jaunais teksts." in fresh.content.decode()


def test_the_render_turn_is_given_back(standard_page):
    warm(standard_page.url)
    pagecache.content_changed()
    Client().get(standard_page.url)
    request = RequestFactory().get(standard_page.url)
    assert cache.get(pagecache.rendering_key(request, pagecache.current_generation())) is None


def test_a_304_keeps_the_pages_own_policy(standard_page):
    """A browser updates its copy's headers from a 304: a policy for files there (default-src 'none')
    would take the page's styles and scripts away."""
    page = Client().get(standard_page.url)
    again = Client().get(standard_page.url, headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304
    assert again.get("Content-Security-Policy") in (None, page["Content-Security-Policy"])


def test_with_the_cache_off_a_page_with_a_visitors_form_is_still_private(campaign, standard_page, settings):
    settings.PAGE_CACHE_ENABLED = False
    assert Client().get(campaign.url)["Cache-Control"] == "private, no-cache"
    assert Client().get(standard_page.url)["Cache-Control"] == "public, max-age=5, s-maxage=5"


def test_an_approved_month_or_a_new_pair_renews_the_figures_but_a_logged_meeting_does_not(impact):
    """The impact page counts approved months and pairs; a meeting counts once its month is approved."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from mentoring import dates
    from mentoring.factories import MeetingFactory, PairFactory
    from mentoring.models import MonthReview

    today = timezone.localdate()
    pair = PairFactory(start_date=today - datetime.timedelta(days=100))
    warm(impact.url)
    assert status(Client().get(impact.url)) == "hit"
    MeetingFactory(pair=pair, date=today, hours=Decimal("2"))
    assert status(Client().get(impact.url)) == "hit"
    MonthReview.objects.create(pair=pair, month=dates.add_months(today, -1), hours=Decimal("10"))
    assert status(Client().get(impact.url)) == "miss"
    assert status(Client().get(impact.url)) == "hit"
    PairFactory(start_date=today)
    assert status(Client().get(impact.url)) == "miss"
