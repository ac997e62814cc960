"""/.well-known/security.txt names the centre's contact from its settings (issue 10, RFC 9116)."""

import datetime

from django.utils import timezone

import pytest

from home.models import CentreSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(home_page):
    settings = CentreSettings.for_site(home_page.get_site())
    settings.email = "drosiba@example.org"
    settings.save()
    return settings


def test_security_txt_names_the_centre_and_expires_in_a_year(client, centre):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:drosiba@example.org"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    assert fields["Preferred-Languages"] == "lv, en"
    expires = datetime.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert datetime.timedelta(days=364) < expires - timezone.now() <= datetime.timedelta(days=365)


def test_the_contact_follows_the_settings(client, centre):
    centre.email = "cits@example.org"
    centre.save()
    assert "Contact: mailto:cits@example.org" in client.get("/.well-known/security.txt").content.decode()


def test_no_contact_no_file(client, home_page):
    settings = CentreSettings.for_site(home_page.get_site())
    settings.email = ""
    settings.save()
    assert client.get("/.well-known/security.txt").status_code == 404
