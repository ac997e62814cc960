import pytest

pytestmark = pytest.mark.django_db


def test_admin_pages_render_for_coordinator(client, coordinator, pair_a, meeting_a):
    client.force_login(coordinator)
    for url in [
        "/admin/mentoring/monitoring/",
        "/admin/mentoring/applications/",
        f"/admin/mentoring/applications/inspect/{pair_a.mentor.pk}/",
        f"/admin/mentoring/applications/edit/{pair_a.mentor.pk}/",
        f"/admin/mentoring/applications/decide/{pair_a.mentor.pk}/",
        "/admin/mentoring/training/",
        "/admin/mentoring/training/new/",
        "/admin/mentoring/mentees/",
        f"/admin/mentoring/mentees/inspect/{pair_a.mentee.pk}/",
        f"/admin/mentoring/mentees/edit/{pair_a.mentee.pk}/",
        "/admin/mentoring/pairs/",
        "/admin/mentoring/pairs/new/",
        f"/admin/mentoring/pairs/inspect/{pair_a.pk}/",
        f"/admin/mentoring/pairs/edit/{pair_a.pk}/",
        f"/admin/mentoring/pairs/close/{pair_a.pk}/",
        f"/admin/mentoring/pairs/approve-month/{pair_a.pk}/?month=2026-01-01",
        "/admin/mentoring/check-ins/",
        "/admin/mentoring/check-ins/new/",
        "/admin/mentoring/hours/",
        "/admin/mentoring/hours/?export=csv",
        "/admin/mentoring/hours/?export=xlsx",
        "/admin/mentoring/access-log/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_public_pages_render(client, mentor_a, meeting_a, mentoring_page):
    client.force_login(mentor_a)
    assert client.get("/mentoring/").status_code == 200
    assert client.get(mentoring_page.url).status_code == 200
    assert client.get(f"/mentoring/meetings/{meeting_a.pk}/edit/").status_code == 200
    assert client.get(f"/mentoring/meetings/{meeting_a.pk}/delete/").status_code == 200


def test_listings_link_names_to_the_inspect_view(client, coordinator, pair_a):
    client.force_login(coordinator)
    assert f"/admin/mentoring/pairs/inspect/{pair_a.pk}/" in client.get("/admin/mentoring/pairs/").text
    applications = client.get("/admin/mentoring/applications/?ordering=full_name").text
    assert f"/admin/mentoring/applications/inspect/{pair_a.mentor.pk}/" in applications


def test_edit_view_of_an_application_offers_the_decision(client, coordinator, applicant):
    client.force_login(coordinator)
    application = applicant.mentor_applications.get()
    response = client.get(f"/admin/mentoring/applications/edit/{application.pk}/")
    assert f"/admin/mentoring/applications/decide/{application.pk}/" in response.text
