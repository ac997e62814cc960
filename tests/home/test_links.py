"""Every link a visitor can follow from the demo site leads somewhere, and every page
keeps the basics of accessible HTML: a language, one main heading, alt text on images."""

from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

from django.core.management import call_command

import pytest

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/admin/", "/documents/", "/accounts/logout/", "/en/accounts/logout/")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.h1_count, self.images_without_alt, self.lang = [], 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "img" and "alt" not in attrs:
            self.images_without_alt.append(attrs.get("src"))
        elif tag == "html":
            self.lang = attrs.get("lang")


def internal(href):
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return urldefrag(href)[0]


def test_demo_site_has_no_broken_links_and_sound_html(client):
    call_command("load_demo_data", stdout=StringIO())
    seen, queue, problems = set(), ["/", "/en/"], []
    while queue:
        url = queue.pop()
        if url in seen or url.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = PageParser()
        parser.feed(response.content.decode())
        if parser.lang not in ("lv", "en"):
            problems.append(f"{url}: html lang {parser.lang!r}")
        if parser.h1_count != 1:
            problems.append(f"{url}: {parser.h1_count} h1 headings")
        if parser.images_without_alt:
            problems.append(f"{url}: images without alt {parser.images_without_alt}")
        queue.extend(link for link in map(internal, parser.links) if link and link not in seen)
    assert problems == []
    assert len(seen) > 25
