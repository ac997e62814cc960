"""The mentoring pages with the demo programme: a mentor's page, the coordinator's screens."""

from django.test import Client

from accounts.models import User


def run(report):
    mentor = Client()
    mentor.force_login(User.objects.get(email="mentors1@example.org"))
    report("GET /mentoring/ (mentor)", lambda: mentor.get("/mentoring/"))
    visitor = Client()
    report("GET /kluti-par-mentoru/ (visitor)", lambda: visitor.get("/kluti-par-mentoru/"))
    coordinator = Client()
    coordinator.force_login(User.objects.get(email="koordinatore@example.org"))
    for url in [
        "/admin/mentoring/monitoring/",
        "/admin/mentoring/applications/",
        "/admin/mentoring/pairs/",
        "/admin/mentoring/pairs/inspect/1/",
        "/admin/mentoring/hours/",
        "/admin/mentoring/hours/?export=xlsx",
    ]:
        report(f"GET {url}", lambda url=url: coordinator.get(url), repeat=20)
