import threading
import uuid

from django.db import connection, connections

import pytest

from campaigns import services
from campaigns.models import NeedTally, Pledge

THREADS = 40


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_donors_never_pledge_more_than_needed(campaign, tallies, details):
    """40 donors press "Pledge" for the last 10 backpacks at once: exactly 10 are pledged."""
    backpacks = tallies[0]
    services.create_pledge(campaign, {backpacks.pk: 7}, details)  # 10 needed, 7 pledged ... 3 left
    NeedTally.objects.filter(pk=backpacks.pk).update(needed=17)  # ... now 10 left for the crowd
    start = threading.Barrier(THREADS)
    outcomes = []
    lock = threading.Lock()

    def donor(number):
        # 40 different donors (the same one twice would be asked whether they mean a second pledge).
        own = details.__class__(**{**details.__dict__, "email": f"donor{number}@example.org"})
        try:
            start.wait()
            quantity = 1
            try:
                services.create_pledge(campaign, {backpacks.pk: quantity}, own, submission_key=uuid.uuid4())
                outcome = ("pledged", quantity)
            except services.NotEnoughLeft as error:
                outcome = ("refused", error.remaining[backpacks.pk])
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=donor, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    backpacks.refresh_from_db()
    pledged_by_crowd = sum(quantity for kind, quantity in outcomes if kind == "pledged")
    assert len(outcomes) == THREADS
    assert backpacks.pledged == backpacks.needed == 17
    assert pledged_by_crowd == 10
    assert sum(line.quantity for pledge in Pledge.objects.all() for line in pledge.lines.all()) == 17
    assert [left for kind, left in outcomes if kind == "refused"] == [0] * (THREADS - 10)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_form_sent_many_times_at_once_makes_one_pledge(campaign, tallies, details):
    key = uuid.uuid4()
    start = threading.Barrier(16)
    references = []

    def send():
        try:
            start.wait()
            result = services.create_pledge(campaign, {tallies[0].pk: 2}, details, submission_key=key)
            references.append(result.pledge.reference)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tallies[0].refresh_from_db()
    assert len(references) == 16 and len(set(references)) == 1
    assert Pledge.objects.count() == 1
    assert tallies[0].pledged == 2
