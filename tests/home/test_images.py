"""Pictures are renditions of the sizes they are shown at: a srcset of WebP renditions with sizes,
and width and height set so the page does not jump while they load."""

import re

import pytest

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from home.factories import ImageFactory, NewsPageFactory, SupporterFactory

pytestmark = pytest.mark.django_db

IMG = re.compile(r"<img [^>]*>")


def images(html, marker):
    """The <img> tags whose markup contains ``marker``."""
    return [tag for tag in IMG.findall(html) if marker in tag]


def assert_responsive(tag, widths):
    assert "srcset=" in tag, tag
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    candidates = [item.strip().split(" ") for item in srcset.split(",")]
    assert [int(width.rstrip("w")) for _url, width in candidates] == widths, tag
    assert all(url.endswith(".webp") for url, _width in candidates), tag
    assert re.search(r'src="[^"]+\.webp"', tag), tag
    assert re.search(r'sizes="[^"]+"', tag), tag
    assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag), tag


def test_news_pictures_come_in_the_sizes_they_are_shown_at(client, home_page, news_index):
    image = ImageFactory(title="Ziema")
    page = NewsPageFactory(parent=news_index, title="Ziemas prieki", slug="ziemas-prieki", image=image)
    page.save_revision().publish()

    card = images(client.get(news_index.url).text, 'loading="lazy"')
    assert card, "the news index shows the item's picture"
    assert_responsive(card[0], [320, 640, 960])

    figure = images(client.get(page.url).text, "fill-1200x675")
    assert_responsive(figure[0], [600, 1200])

    home = client.get("/").text  # the latest news on the home page: the same cards
    assert_responsive(images(home, 'loading="lazy"')[0], [320, 640, 960])


def test_campaign_cards_and_header_and_supporter_logos(client, home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    campaign = CampaignPageFactory(parent=index, needs=[{"name": "Mugursoma", "quantity": 3}])
    campaign.image = ImageFactory()
    campaign.save_revision().publish()
    SupporterFactory(name="Bauskas maiznīca", logo=ImageFactory())

    header = images(client.get(campaign.url).text, 'loading="eager"')
    assert_responsive(header[0], [600, 1200])
    card = images(client.get(index.url).text, 'loading="lazy"')
    assert_responsive(card[0], [320, 640, 960])
    logo = images(client.get("/").text, 'class="supporter__logo"')
    small, large = [int(width) for width in re.findall(r" (\d+)w", logo[0])]
    assert large == 2 * small  # max-140x40 and max-280x80: one logo for each pixel density
    assert_responsive(logo[0], [small, large])
    assert 'alt="Bauskas maiznīca"' in logo[0]
