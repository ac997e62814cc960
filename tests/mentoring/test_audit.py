"""Every staff view and change of a mentee's record is logged; the log can be read, never edited.

The log names the record by its number and the fields changed by their names: never the child's
name nor any value (issue 11 changed that: rows held the first name and old and new values).
"""

import re

import pytest

from mentoring.choices import AccessAction, AccessVia
from mentoring.factories import MenteeFactory
from mentoring.models import Mentee, MenteeAccessLog

pytestmark = pytest.mark.django_db


def mentee_data(mentee, **overrides):
    data = {
        "first_name": mentee.first_name,
        "birth_date": mentee.birth_date.isoformat(),
        "case_reference": mentee.case_reference,
        "guardian_consent_on": mentee.guardian_consent_on.isoformat(),
        "interests": mentee.interests,
        "notes": mentee.notes,
    }
    data.update(overrides)
    return data


def test_inspecting_a_mentee_is_logged(client, coordinator):
    mentee = MenteeFactory()
    client.force_login(coordinator)
    client.get(f"/admin/mentoring/mentees/inspect/{mentee.pk}/")
    entry = MenteeAccessLog.objects.get()
    assert (entry.mentee, entry.user, entry.action) == (mentee, coordinator, AccessAction.VIEWED)
    assert entry.user_label == coordinator.email


def test_opening_the_edit_form_is_a_view(client, coordinator):
    mentee = MenteeFactory()
    client.force_login(coordinator)
    client.get(f"/admin/mentoring/mentees/edit/{mentee.pk}/")
    assert MenteeAccessLog.objects.get().action == AccessAction.VIEWED


def test_a_change_records_what_changed(client, coordinator):
    mentee = MenteeFactory(interests="Futbols")
    client.force_login(coordinator)
    response = client.post(
        f"/admin/mentoring/mentees/edit/{mentee.pk}/", mentee_data(mentee, interests="Futbols, šahs")
    )
    assert response.status_code == 302
    entry = MenteeAccessLog.objects.get(action=AccessAction.CHANGED)
    assert entry.mentee == mentee and entry.user == coordinator
    assert (entry.via, entry.fields) == (AccessVia.FORM, ["interests"])
    row = str(MenteeAccessLog.objects.filter(pk=entry.pk).values().get())
    assert "Futbols" not in row and mentee.first_name not in row


def test_registering_and_deleting_are_logged(client, coordinator):
    client.force_login(coordinator)
    draft = MenteeFactory.build(first_name="Ņina")
    response = client.post("/admin/mentoring/mentees/new/", mentee_data(draft))
    assert response.status_code == 302
    mentee = Mentee.objects.get(first_name="Ņina")
    assert MenteeAccessLog.objects.get(action=AccessAction.CREATED).mentee == mentee
    response = client.post(f"/admin/mentoring/mentees/delete/{mentee.pk}/")
    assert response.status_code == 302
    assert not Mentee.objects.filter(pk=mentee.pk).exists()
    deleted = MenteeAccessLog.objects.get(action=AccessAction.DELETED)
    assert deleted.mentee_id == mentee.pk and deleted.record == f"A-{mentee.pk:04d}"
    # The log outlives the record it is about, and never held the child's name.
    assert MenteeAccessLog.objects.filter(mentee_id=mentee.pk).count() == 2
    assert "Ņina" not in str(list(MenteeAccessLog.objects.values()))


def test_the_log_is_readable_in_the_admin(client, coordinator):
    mentee = MenteeFactory()
    client.force_login(coordinator)
    client.get(f"/admin/mentoring/mentees/inspect/{mentee.pk}/")
    entry = MenteeAccessLog.objects.get()
    listing = client.get("/admin/mentoring/access-log/")
    assert listing.status_code == 200
    assert coordinator.email in listing.text
    assert client.get(f"/admin/mentoring/access-log/inspect/{entry.pk}/").status_code == 200


@pytest.mark.parametrize("user_fixture", ["coordinator", "superuser"])
def test_nobody_edits_or_deletes_the_log(client, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    mentee = MenteeFactory()
    entry = MenteeAccessLog.objects.create(mentee=mentee, user_label="y", action="viewed", via="record")
    client.force_login(user)
    assert client.get(f"/admin/mentoring/access-log/edit/{entry.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/mentoring/access-log/delete/{entry.pk}/").status_code in (302, 403)
    assert client.get("/admin/mentoring/access-log/new/").status_code in (302, 403)
    listing = client.get("/admin/mentoring/access-log/")
    assert "/admin/mentoring/access-log/new/" not in listing.text
    assert MenteeAccessLog.objects.filter(pk=entry.pk, user_label="y").exists()


def test_the_model_refuses_updates_and_deletes():
    entry = MenteeAccessLog.objects.create(user_label="y", action="viewed", via="record")
    entry.user_label = "changed"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        MenteeAccessLog.objects.all().delete()
    with pytest.raises(TypeError):
        MenteeAccessLog.objects.update(user_label="z")


def test_mentors_views_are_not_staff_views(client, mentor_a):
    client.force_login(mentor_a)
    client.get("/mentoring/")
    assert not MenteeAccessLog.objects.exists()


def test_a_mentee_who_was_paired_is_not_deleted(client, coordinator, pair_a):
    client.force_login(coordinator)
    response = client.post(f"/admin/mentoring/mentees/delete/{pair_a.mentee.pk}/")
    assert response.status_code == 302
    assert Mentee.objects.filter(pk=pair_a.mentee.pk).exists()
    assert not MenteeAccessLog.objects.filter(action=AccessAction.DELETED).exists()


def test_the_mentee_list_logs_each_record_shown(client, coordinator):
    shown = MenteeFactory.create_batch(3)
    client.force_login(coordinator)
    assert client.get("/admin/mentoring/mentees/").status_code == 200
    entries = MenteeAccessLog.objects.filter(action=AccessAction.LISTED)
    assert sorted(entry.mentee_id for entry in entries) == sorted(mentee.pk for mentee in shown)
    assert {entry.user for entry in entries} == {coordinator}


def test_searching_mentees_logs_only_those_found(client, coordinator):
    elza, _other = MenteeFactory(first_name="Elza"), MenteeFactory(first_name="Roberts")
    client.force_login(coordinator)
    client.get("/admin/mentoring/mentees/results/", {"q": "Elza"})
    assert [entry.mentee for entry in MenteeAccessLog.objects.filter(action=AccessAction.LISTED)] == [elza]


@pytest.mark.parametrize("view", ["history", "usage"])
def test_history_and_usage_pages_are_views(client, coordinator, view):
    mentee = MenteeFactory()
    client.force_login(coordinator)
    assert client.get(f"/admin/mentoring/mentees/{view}/{mentee.pk}/").status_code == 200
    entry = MenteeAccessLog.objects.get()
    assert (entry.mentee, entry.action, entry.via) == (mentee, AccessAction.VIEWED, view)


def test_a_mentee_record_shows_a_dash_where_nothing_is_written(client, coordinator):
    mentee = MenteeFactory(first_name="Ņina", notes="")
    client.force_login(coordinator)
    html = client.get(f"/admin/mentoring/mentees/inspect/{mentee.pk}/").content.decode()
    assert "Ņina" in html
    assert re.search(r"<dd>\s*—\s*</dd>", html)
