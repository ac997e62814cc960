"""What a person's browser sends with a public form besides what they typed (``home.humans``):
the honeypot left empty, and the signed moment the page showed the form, a minute ago; and the
campaign page's pledge form as a donor fills it in."""

import datetime
import time
import uuid
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from home.humans import HONEYPOT_FIELD, STAMP_FIELD, stamp


def as_a_person(seconds_ago: float = 60) -> dict[str, str]:
    return {HONEYPOT_FIELD: "", STAMP_FIELD: stamp(time.time() - seconds_ago)}


def pledge_fields(quantities: Mapping[Any, Any], **fields: Any) -> dict[str, Any]:
    """The pledge form of Anna Ozola, who brings the items herself in three days: ``quantities`` maps
    need tally ids (or anything else a field name may carry) to what she types; ``fields`` change the rest."""
    return {
        "donor_name": "Anna Ozola",
        "email": "anna@example.org",
        "phone": "",
        "delivery": "bring",
        "expected_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "pickup_area": "",
        "pickup_address": "",
        "note": "",
        "consent": "on",
        "submission_key": str(uuid.uuid4()),
        **as_a_person(),
        **{f"need_{tally_id}": str(quantity) for tally_id, quantity in quantities.items()},
        **fields,
    }
