"""Applying to become a mentor, through the "Become a mentor" page."""

import datetime

from django.db import IntegrityError, transaction

import pytest

from mentoring.choices import ApplicationState
from mentoring.factories import ApplicationFactory, years_ago
from mentoring.models import Application
from tests.forms import as_a_person

pytestmark = pytest.mark.django_db


def answers(**overrides):
    data = {
        "full_name": "Ģirts Ķēniņš",
        "birth_date": years_ago(20).isoformat(),
        "phone": "+371 20 123 456",
        "motivation": "Gribu būt kā vecākais brālis kādam, kam tā pietrūkst.",
        "availability": "Sestdienas",
        "languages": "latviešu, krievu",
        "interests": "Šahs, riteņbraukšana",
        "privacy_consent": "on",
        "record_check_consent": "on",
        **as_a_person(),
    }
    data.update(overrides)
    return data


def test_anonymous_visitor_sees_the_text_and_a_sign_in_link(client, mentoring_page):
    response = client.get(mentoring_page.url)
    assert response.status_code == 200
    assert "/accounts/login/?next=" in response.text
    assert 'name="full_name"' not in response.text


def test_anonymous_post_goes_to_sign_in_and_saves_nothing(client, mentoring_page):
    response = client.post(mentoring_page.url, answers())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["Ģirts Ķēniņš", "Ļena Ņikitina", "Šarlote Žubure", "Māra Ēvalde-Ūdre", "Jānis O’Konors", "Īrisa Ōta"],
)
def test_names_with_latvian_letters_pass(client, visitor_user, mentoring_page, mail_after_commit, name):
    client.force_login(visitor_user)
    with mail_after_commit():
        response = client.post(mentoring_page.url, answers(full_name=name))
    assert response.status_code == 302
    application = Application.objects.get(user=visitor_user)
    assert application.full_name == name
    assert application.state == ApplicationState.SUBMITTED
    assert [message.to for message in mail_after_commit.outbox] == [[visitor_user.email]]


@pytest.mark.parametrize("name", ["R2D2 Droid", "Jānis", "<script> x"])
def test_bad_names_are_refused_and_the_answers_kept(client, visitor_user, mentoring_page, name):
    client.force_login(visitor_user)
    response = client.post(mentoring_page.url, answers(full_name=name))
    assert response.status_code == 200
    assert not Application.objects.exists()
    assert "Gribu būt kā vecākais brālis" in response.text  # nothing typed is lost


@pytest.mark.parametrize(
    ("birth_date", "ok"),
    [
        (years_ago(18), True),  # 18th birthday today
        (years_ago(18) + datetime.timedelta(days=1), False),  # 18 tomorrow
        (years_ago(26) + datetime.timedelta(days=1), True),  # last day of being 25
        (years_ago(26), False),  # 26 today
        (years_ago(15), False),
    ],
)
def test_mentors_are_18_to_25_on_the_day_of_applying(client, visitor_user, mentoring_page, birth_date, ok):
    client.force_login(visitor_user)
    response = client.post(mentoring_page.url, answers(birth_date=birth_date.isoformat()))
    assert Application.objects.filter(user=visitor_user).exists() is ok
    if not ok:
        assert response.status_code == 200
        assert "18" in response.context["form"].errors["birth_date"][0]


def test_age_message_is_in_latvian_on_the_latvian_site(client, visitor_user, mentoring_page):
    client.force_login(visitor_user)
    response = client.post(mentoring_page.url, answers(birth_date=years_ago(16).isoformat()))
    assert "no 18 līdz 25 gadu vecumam" in response.context["form"].errors["birth_date"][0]


def test_consents_are_required(client, visitor_user, mentoring_page):
    client.force_login(visitor_user)
    data = answers()
    del data["record_check_consent"]
    response = client.post(mentoring_page.url, data)
    assert response.status_code == 200
    assert "record_check_consent" in response.context["form"].errors
    assert not Application.objects.exists()


def test_posted_state_is_ignored(client, visitor_user, mentoring_page):
    client.force_login(visitor_user)
    client.post(mentoring_page.url, answers(state="approved", user=999, decision_reason="x"))
    application = Application.objects.get()
    assert application.state == ApplicationState.SUBMITTED
    assert application.user == visitor_user
    assert application.decision_reason == ""


def test_one_open_application_per_user(client, applicant, mentoring_page):
    client.force_login(applicant)
    response = client.get(mentoring_page.url)
    assert 'name="full_name"' not in response.text
    assert "Iesniegts" in response.text or "submitted" in response.text.lower()
    client.post(mentoring_page.url, answers())
    assert Application.objects.filter(user=applicant).count() == 1


def test_one_open_application_is_held_by_the_database(applicant):
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(user=applicant)


def test_after_a_rejection_a_person_may_apply_again(client, applicant, mentoring_page):
    Application.objects.filter(user=applicant).update(state=ApplicationState.REJECTED)
    client.force_login(applicant)
    response = client.post(mentoring_page.url, answers())
    assert response.status_code == 302
    assert Application.objects.filter(user=applicant).count() == 2


def test_applicant_can_withdraw(client, applicant, mentoring_page, mail_after_commit):
    client.force_login(applicant)
    with mail_after_commit():
        response = client.post("/mentoring/application/withdraw/")
    assert response.status_code == 302
    assert Application.objects.get(user=applicant).state == ApplicationState.WITHDRAWN
    assert len(mail_after_commit.outbox) == 1


def test_english_interface_explains_the_age_rule_in_english(client, visitor_user, mentoring_page):
    client.force_login(visitor_user)
    response = client.post("/en" + mentoring_page.url, answers(birth_date=years_ago(30).isoformat()))
    assert response.status_code == 200
    assert "from 18 to 25 years old" in response.context["form"].errors["birth_date"][0]


def test_account_menu_offers_my_mentoring_to_applicants_only(client, applicant, visitor_user, mentoring_page):
    client.force_login(applicant)
    assert 'href="/mentoring/"' in client.get(mentoring_page.url).text
    client.force_login(visitor_user)
    assert 'href="/mentoring/"' not in client.get(mentoring_page.url).text


def test_coordinators_hear_of_a_new_application_in_their_own_language(
    client, visitor_user, mentoring_page, make_user, mail_after_commit
):
    from wagtail.users.models import UserProfile

    latvian = make_user(groups=["Mentoring coordinators"], email="koordinatore@example.org")
    english = make_user(groups=["Mentoring coordinators"], email="coordinator.en@example.org")
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    make_user(groups=["Mentoring coordinators"], email="left@example.org", is_active=False)
    make_user(groups=["Editors"], email="editor@example.org")
    client.force_login(visitor_user)
    with mail_after_commit():
        # The applicant uses the English site: the coordinators' notices do not follow the applicant's language.
        response = client.post("/en" + mentoring_page.url, answers())
    assert response.status_code == 302
    application = Application.objects.get()
    by_address = {message.to[0]: message for message in mail_after_commit.outbox}
    assert set(by_address) == {visitor_user.email, latvian.email, english.email}
    link = f"http://testserver/admin/mentoring/applications/inspect/{application.pk}/"
    assert by_address[english.email].subject == "New mentor application: Ģirts Ķēniņš"
    assert by_address[latvian.email].subject == "Jauns mentora pieteikums: Ģirts Ķēniņš"
    for address in (english.email, latvian.email):
        assert link in by_address[address].body
        assert application.phone not in by_address[address].body


@pytest.mark.parametrize("field", ["motivation", "interests", "availability"])
def test_a_two_megabyte_answer_is_refused_with_a_message(client, visitor_user, mentoring_page, field):
    client.force_login(visitor_user)
    response = client.post(mentoring_page.url, answers(**{field: "a" * (2 * 1024 * 1024)}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Application.objects.exists()


def test_the_age_limits_in_messages_come_from_the_rules(client, visitor_user, mentoring_page, monkeypatch):
    from mentoring import rules

    monkeypatch.setattr(rules, "MENTOR_AGES", (19, 24))
    client.force_login(visitor_user)
    response = client.get("/en" + mentoring_page.url)
    assert "Mentors are from 19 to 24 years old on the day they apply." in response.text
