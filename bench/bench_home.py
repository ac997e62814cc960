"""Public pages of the home app with the demo content."""

from django.test import Client


def run(report):
    client = Client()
    for url in [
        "/",
        "/en/",
        "/jaunumi/",
        "/jaunumi/?tag=labdar%C4%ABba",
        "/jaunumi/rss/",
        "/par-centru/",
        "/search/?q=nometnes",
        "/sitemap.xml",
    ]:
        report(f"GET {url}", lambda url=url: client.get(url))
