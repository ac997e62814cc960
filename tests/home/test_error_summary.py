"""The error summary of public forms, through HTTP: every problem once, in the order a person fixes
them, each a link to its field; each field keeps its own message (aria-invalid, aria-describedby).
The browser side (focus, links that jump) is tests/a11y/test_error_summary_browser.py."""

from django import forms
from django.utils import translation

import pytest

from home.forms import PortalForm, error_summary
from tests.summary import summary_links

pytestmark = pytest.mark.django_db


class Sample(PortalForm):
    name = forms.CharField(label="Vārds")
    how = forms.ChoiceField(label="Kā?", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, help_text="Viens")
    first = forms.IntegerField(label="Pirmais")
    second = forms.IntegerField(label="Otrais")
    kind = forms.ChoiceField(label="Veids", choices=[("", "---------"), ("x", "X")])


def test_the_summary_lists_each_problem_once_in_field_order_with_links():
    form = Sample({"first": "viens", "second": "divi"})
    with translation.override("lv"):
        problems = error_summary(form)
        html = str(form)
    assert [problem.target for problem in problems] == ["id_name", "id_how_0", "id_first", "id_second", "id_kind"]
    texts = [problem.message for problem in problems]
    assert len(set(texts)) == len(texts)
    # The same words for two fields: each line names its field (a label's own "?" goes).
    assert "Pirmais: Ievadiet veselu skaitli." in texts
    assert "Otrais: Ievadiet veselu skaitli." in texts
    assert "Kā: Šis lauks jāaizpilda." in texts
    assert html.index('class="error-summary"') < html.index('id="id_name"')
    assert 'role="alert"' in html and 'tabindex="-1"' in html
    assert 'aria-describedby="id_how_helptext id_how_error"' in html  # the group's help and error
    assert '<option value="" selected>Izvēlieties…</option>' in html  # not "---------"


def test_an_unsent_or_valid_form_has_no_summary():
    assert error_summary(Sample()) == []
    assert "error-summary" not in str(Sample())


def test_allauth_forms_have_the_summary_and_leave_checking_to_it(client, visitor_user):
    response = client.post("/accounts/login/", {"login": visitor_user.email, "password": "nepareiza"})
    html = response.content.decode()
    assert html.count("Nepareizs e-pasts un/vai parole.") == 1  # in the summary, not twice
    assert 'class="error-summary"' in html
    assert "novalidate" in html
    response = client.post("/accounts/login/", {})
    assert [href for href, _text in summary_links(response.content.decode())] == ["id_login", "id_password"]


@pytest.mark.parametrize(
    ("url", "lines"),
    [
        ("/accounts/login/", ["Ierakstiet savu e-pasta adresi.", "Ierakstiet savu paroli."]),
        (
            "/accounts/signup/",
            ["Ierakstiet savu e-pasta adresi.", "Izvēlieties paroli.", "Ierakstiet paroli vēlreiz."],
        ),
        ("/accounts/password/reset/", ["Ierakstiet savu e-pasta adresi."]),
        ("/en/accounts/login/", ["Write your e-mail address.", "Write your password."]),
    ],
)
def test_allauth_forms_sent_empty_say_what_to_write(client, url, lines):
    """Like the portal's own forms, each empty field says what to write, not "This field is required."."""
    response = client.post(url, {})
    assert response.status_code == 200
    texts = [text for _href, text in summary_links(response.content.decode())]
    assert texts[: len(lines)] == lines


def test_a_signed_in_persons_and_a_reset_links_forms_sent_empty_say_what_to_write(client, visitor_user):
    """Changing the password, adding an address, and the new password that a reset mail's link asks for."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    def lines(response):
        return [text for _href, text in summary_links(response.content.decode())]

    key = f"{user_pk_to_url_str(visitor_user)}-{default_token_generator.make_token(visitor_user)}"
    reset = f"/accounts/password/reset/key/{key}/"
    set_password = client.get(reset, follow=True).redirect_chain[-1][0]  # the key goes into the session
    assert lines(client.post(set_password, {})) == ["Izvēlieties paroli.", "Ierakstiet paroli vēlreiz."]

    client.force_login(visitor_user)
    assert lines(client.post("/accounts/password/change/", {})) == [
        "Ierakstiet pašreizējo paroli.",
        "Izvēlieties paroli.",
        "Ierakstiet paroli vēlreiz.",
    ]
    assert lines(client.post("/accounts/email/", {"action_add": ""})) == ["Ierakstiet savu e-pasta adresi."]
