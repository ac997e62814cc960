import datetime

import pytest

from campaigns.choices import PledgeState
from campaigns.models import PledgeLine

pytestmark = pytest.mark.django_db


def test_private_link_shows_the_pledge(client, make_pledge):
    pledge = make_pledge({0: 2, 1: 1})
    html = client.get(pledge.get_private_url()).content.decode()
    assert pledge.reference in html
    assert "Mugursoma" in html and "Apsolīts" in html
    assert "2 gabali" in html and "1 pāris" in html  # units agree with the numbers
    assert 'name="robots" content="noindex"' in html


def test_a_made_up_link_finds_nothing(client, make_pledge):
    pledge = make_pledge()
    assert client.get(f"/campaigns/pledge/{pledge.reference}:forged/").status_code == 404
    assert client.get(f"/campaigns/pledge/{pledge.reference}/").status_code == 404


def test_cancel_releases_the_items(client, make_pledge, tallies, mail_after_commit):
    pledge = make_pledge({0: 4})
    client.post(pledge.get_private_url(), {"action": "cancel"})  # asks first (see test_cancel_asks_once)
    with mail_after_commit():
        response = client.post(pledge.get_private_url(), {"action": "cancel", "confirmed": "1"}, follow=True)
    pledge.refresh_from_db()
    tallies[0].refresh_from_db()
    assert pledge.state == PledgeState.CANCELLED
    assert tallies[0].pledged == 0
    assert "atcelts" in response.content.decode()
    assert any("atcelts" in message.subject for message in mail_after_commit.outbox)
    # a closed pledge cannot be cancelled again
    assert client.post(pledge.get_private_url(), {"action": "cancel"}).status_code == 200


def test_lower_quantities(client, make_pledge, tallies):
    pledge = make_pledge({0: 4, 1: 2})
    lines = {line.need_id: line for line in pledge.lines.all()}
    response = client.post(
        pledge.get_private_url(),
        {"action": "lower", f"line_{lines[tallies[0].pk].pk}": "1", f"line_{lines[tallies[1].pk].pk}": "0"},
    )
    assert response.status_code == 302
    tallies[0].refresh_from_db()
    tallies[1].refresh_from_db()
    assert (tallies[0].pledged, tallies[1].pledged) == (1, 0)
    assert [(line.need_id, line.quantity) for line in PledgeLine.objects.filter(pledge=pledge)] == [(tallies[0].pk, 1)]


def test_lower_cannot_raise_or_empty_the_pledge(client, make_pledge):
    pledge = make_pledge({0: 2})
    line = pledge.lines.get()
    response = client.post(pledge.get_private_url(), {"action": "lower", f"line_{line.pk}": "5"})
    assert response.status_code == 400
    response = client.post(pledge.get_private_url(), {"action": "lower", f"line_{line.pk}": "0"})
    assert response.status_code == 400
    assert "atceliet" in response.content.decode()
    line.refresh_from_db()
    assert line.quantity == 2


def test_lower_not_below_what_arrived(client, make_pledge):
    from campaigns import services

    pledge = make_pledge({0: 3})
    line = pledge.lines.get()
    services.record_receipt(pledge, {line.pk: 2})
    response = client.post(pledge.get_private_url(), {"action": "lower", f"line_{line.pk}": "1"})
    assert response.status_code == 400
    response = client.post(pledge.get_private_url(), {"action": "lower", f"line_{line.pk}": "2"})
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.RECEIVED


def test_cancel_asks_once_and_says_what_happens(client, make_pledge, tallies, mail_after_commit):
    pledge = make_pledge({0: 4})
    with mail_after_commit():
        response = client.post(pledge.get_private_url(), {"action": "cancel"})
    html = response.content.decode()
    pledge.refresh_from_db()
    tallies[0].refresh_from_db()
    assert response.status_code == 200
    assert pledge.state == PledgeState.PLEDGED and tallies[0].pledged == 4  # the first press does not cancel
    assert mail_after_commit.outbox == []
    assert "atkal varēs apsolīt citi ziedotāji" in html and "Mugursoma: 4 gabali" in html  # offered to others
    assert "Atcelšanu nevar atsaukt" in html  # cannot be undone
    assert 'name="confirmed" value="1"' in html  # a plain form: no JavaScript needed
    assert pledge.get_private_url() in html  # and a way back

    response = client.post(pledge.get_private_url(), {"action": "cancel", "confirmed": "1"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    tallies[0].refresh_from_db()
    assert pledge.state == PledgeState.CANCELLED and tallies[0].pledged == 0


def test_confirmation_and_private_page_show_the_campaigns_own_drop_off(client, campaign, make_pledge):
    campaign.dropoff_hours = "Sestdienās 10:00–14:00"
    campaign.dropoff_address = "Skolas iela 5, Bauska"
    campaign.dropoff_info = "Zvaniet pie sētas vārtiem."
    campaign.save_revision().publish()
    pledge = make_pledge({0: 1})
    for url in (pledge.get_confirmation_url(), pledge.get_private_url()):
        html = client.get(url).content.decode()
        # The range stays on one line (issue 9): the hours show inside a nowrap span.
        assert 'Sestdienās <span class="nowrap">10:00–14:00</span>' in html and "Skolas iela 5, Bauska" in html
        assert "Zvaniet pie sētas vārtiem." in html


def test_the_date_to_bring_reads_as_latvian_writes_it(client, make_pledge):
    pledge = make_pledge({0: 1}, expected_date=datetime.date(2030, 12, 12))
    html = client.get(pledge.get_private_url()).content.decode()
    assert "ceturtdiena, 2030. gada 12. decembris" in html
    assert "12. decembris 2030" not in html


def test_raising_a_quantity_on_the_private_link_says_why_not_and_what_to_do(client, make_pledge):
    """Django's "Vērtībai jābūt ne lielākai par 2." said neither which item nor why nor what to do."""
    pledge = make_pledge({0: 2})
    line = pledge.lines.select_related("need").get()
    response = client.post(pledge.get_private_url(), {"action": "lower", f"line_{line.pk}": "5"})
    assert response.status_code == 400
    text = " ".join(response.text.split())
    message = "Jūs apsolījāt 2; šeit daudzumu var tikai samazināt. Lai dotu vairāk, apsoliet vēlreiz akcijas lapā."
    assert f"{line.need}: {message}" in text  # the summary names the item
    assert "ne lielākai par" not in text
    line.refresh_from_db()
    assert line.quantity == 2
