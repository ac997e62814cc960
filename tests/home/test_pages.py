"""Visitors' pages: home, standard pages, news, through HTTP."""

import re

from django.apps import apps

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_is_latvian_by_default(client, home_page, make_news):
    make_news(2)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="lv">' in html
    assert "Jaunākās ziņas" in html  # "Latest news" in Latvian
    assert "Ziņa 0" in html and "Ziņa 1" in html


def test_home_page_shows_mentor_call(client, home_page, about_page):
    home_page.mentor_title = "Kļūsti par mentoru"
    home_page.mentor_text = "Desmit stundas mēnesī."
    home_page.mentor_page = about_page
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Kļūsti par mentoru" in html
    assert 'href="/par-centru/"' in html


def test_standard_page_renders_body_blocks(client, home_page):
    from home.factories import StandardPageFactory

    page = StandardPageFactory(
        parent=home_page,
        title="Pakalpojumi",
        slug="pakalpojumi",
        body=[
            ("heading", {"text": "Atbalsta grupas", "level": "h2"}),
            ("paragraph", "<p>Grupas bērniem un vecākiem.</p>"),
            ("quote", {"text": "Paldies!", "attribution": "Mamma"}),
            ("figures", {"title": "Skaitļi", "figures": [{"number": "131", "label": "bērns"}]}),
            (
                "call_to_action",
                {
                    "title": "Palīdzi",
                    "text": "",
                    "page": None,
                    "url": "https://example.org/",
                    "button_label": "Uzzināt",
                },
            ),
        ],
    )
    page.save_revision().publish()
    html = client.get("/pakalpojumi/").content.decode()
    for text in ["<h2>Atbalsta grupas</h2>", "Grupas bērniem un vecākiem.", "Paldies!", "131", "Uzzināt"]:
        assert text in html


def test_menu_lists_pages_marked_for_menus(client, home_page, about_page, news_index):
    html = client.get("/").content.decode()
    assert 'href="/par-centru/"' in html
    assert 'href="/jaunumi/"' in html


def test_news_page_shows_date_summary_tags_and_image(client, make_news):
    (page,) = make_news(1, tags=("nometnes",))
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert page.summary in html
    assert "nometnes" in html
    assert "<img" in html
    assert f'datetime="{page.date:%Y-%m-%d}"' in html


def test_news_index_paginates_by_ten(client, news_index, make_news):
    make_news(12)
    first = client.get("/jaunumi/").content.decode()
    assert first.count('class="card"') == 10
    second = client.get("/jaunumi/?page=2").content.decode()
    assert second.count('class="card"') == 2
    assert "Ziņa 11" in second


def test_news_index_bad_page_numbers(client, news_index, make_news):
    make_news(3)
    assert client.get("/jaunumi/?page=abc").status_code == 200
    response = client.get("/jaunumi/?page=99")
    assert response.status_code == 302
    assert response["Location"] == "/jaunumi/"


def test_news_index_filters_by_tag(client, news_index, make_news):
    make_news(2, tags=("nometnes",))
    other = make_news(1, tags=("labdarība",))[0]
    other.title = "Labdarības ziņa"
    other.save_revision().publish()
    html = client.get("/jaunumi/?tag=labdar%C4%ABba").content.decode()
    assert html.count('class="card"') == 1
    assert "Labdarības ziņa" in html
    empty = client.get("/jaunumi/?tag=nav-tada").content.decode()
    assert "Par šo tēmu ziņu vēl nav." in empty


def test_unpublished_news_is_hidden(client, make_news):
    (page,) = make_news(1)
    page.unpublish()
    assert "Ziņa 0" not in client.get("/jaunumi/").content.decode()
    assert client.get("/jaunumi/zina-0/").status_code == 404


def test_rss_feed_lists_news(client, make_news):
    make_news(3)
    response = client.get("/jaunumi/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert body.count("<item>") == 3
    assert "<language>lv</language>" in body


def test_a_news_item_opens_through_its_index_as_in_wagtails_walk(client, news_index, make_news):
    """The home page finds the item without asking the index (home.models.HomePage.route), yet the
    index's own sub-addresses come first, as in Wagtail: an item named "rss" leaves the feed the feed."""
    (item,) = make_news(1)
    page = client.get("/jaunumi/zina-0/")
    assert page.status_code == 200 and page.context["page"] == item
    assert f'<a href="{news_index.url}">{news_index.title}</a>' in page.content.decode()  # the breadcrumbs
    (named_rss,) = make_news(1)
    named_rss.slug = "rss"
    named_rss.save_revision().publish()
    assert client.get("/jaunumi/rss/")["Content-Type"].startswith("application/rss+xml")
    assert client.get("/jaunumi/zina-0/rss/").status_code == 404
    assert client.get("/jaunumi/nav-tadas/").status_code == 404


def test_page_hierarchy_rules():
    assert StandardPage in HomePage.allowed_subpage_models()
    assert NewsIndexPage in HomePage.allowed_subpage_models()
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


def test_editor_creates_and_publishes_news_in_admin(client, editor, news_index):
    client.force_login(editor)
    url = f"/admin/pages/add/home/newspage/{news_index.pk}/"
    data = nested_form_data(
        {
            "title": "Jauna ziņa",
            "slug": "jauna-zina",
            "date": "2026-11-20",
            "summary": "Īss kopsavilkums.",
            "body": streamfield([("paragraph", rich_text("<p>Teksts.</p>"))]),
            "tags": "pasākumi",
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="jauna-zina")
    assert page.live
    assert client.get("/jaunumi/jauna-zina/").status_code == 200


def standard_page_form(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


@pytest.mark.parametrize(
    ("title", "slug", "address"),
    [
        ("Ziemassvētku dāvanas", "ziemassvētku-dāvanas", "/ziemassvetku-davanas/"),  # typed with Latvian letters
        ("Ģimeņu diena Bauskā", "Ģimeņu-Diena-Bauskā", "/gimenu-diena-bauska/"),
    ],
)
def test_editor_made_pages_get_plain_ascii_addresses(client, editor, home_page, title, slug, address):
    client.force_login(editor)
    response = client.post(f"/admin/pages/add/home/standardpage/{home_page.pk}/", standard_page_form(title, slug))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = StandardPage.objects.get(title=title)
    assert page.url == address
    assert client.get(address).status_code == 200


def test_admin_slug_field_transliterates_what_is_typed_into_it(client, editor, home_page):
    client.force_login(editor)
    html = client.get(f"/admin/pages/add/home/standardpage/{home_page.pk}/").content.decode()
    assert 'data-w-slug-allow-unicode-value="True"' not in html  # absent: false, so Wagtail transliterates
    assert "blur-&gt;w-slug#urlify" in html and "blur-&gt;w-slug#slugify" not in html


class TestPageTypesUnderTheHomePage(WagtailPageTestCase):
    """``home`` names no other app's page types: each child type says where it may stand."""

    def child_types(self):
        return {
            StandardPage,
            NewsIndexPage,
            apps.get_model("home", "ImpactPage"),
            apps.get_model("campaigns", "CampaignIndexPage"),
            apps.get_model("mentoring", "MentoringPage"),
            apps.get_model("mentoring", "HandbookPage"),
        }

    def test_the_home_page_takes_exactly_the_sections(self):
        creatable = {model for model in HomePage.allowed_subpage_models() if model.is_creatable}
        assert creatable == self.child_types()  # wagtailcore.Page is allowed too, but no one can create one
        for child in self.child_types():
            self.assertCanCreateAt(HomePage, child)
        for other in (HomePage, NewsPage, apps.get_model("campaigns", "CampaignPage")):
            self.assertCanNotCreateAt(HomePage, other)

    def test_an_editor_is_offered_each_section_under_the_home_page_and_nothing_else(self):
        from accounts.factories import UserFactory

        home = HomePage.objects.get(locale__language_code="lv")
        self.client.force_login(UserFactory(groups=["Editors"], two_factor=True))
        html = self.client.get(f"/admin/pages/{home.pk}/add_subpage/").content.decode()
        offered = set(re.findall(rf'href="/admin/pages/add/(\w+)/(\w+)/{home.pk}/"', html))
        expected = {(model._meta.app_label, model._meta.model_name) for model in self.child_types()}
        assert offered == expected
