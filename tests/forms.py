"""What a person's browser sends with a public form besides what they typed (``home.humans``):
the honeypot left empty, and the signed moment the page showed the form, a minute ago."""

import time

from home.humans import HONEYPOT_FIELD, STAMP_FIELD, stamp


def as_a_person(seconds_ago: float = 60) -> dict[str, str]:
    return {HONEYPOT_FIELD: "", STAMP_FIELD: stamp(time.time() - seconds_ago)}
