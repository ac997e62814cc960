"""Dates as people read them in a sentence (see latvian.md), for every app's pages and mail.

Latvian puts the year first and changes the month's case with the sentence:
"Atnešanas datums: 2026. gada 10. decembris", "sāksies 2026. gada 10. decembrī",
"līdz 2026. gada 10. decembrim", "no 2026. gada 10. decembra". Django's formats
give only the nominative, so the other cases come from this table. English
has one form: "Thursday, 10 December 2026". Templates use the filters
``{{ day|long_date:"locative" }}`` and ``{{ day|long_date_weekday }}`` from ``home_tags``.
"""

import datetime
from typing import Literal

from django.utils import formats, translation

Case = Literal["nominative", "genitive", "dative", "locative"]

MONTHS: dict[Case, tuple[str, ...]] = {
    "nominative": (
        "janvāris",
        "februāris",
        "marts",
        "aprīlis",
        "maijs",
        "jūnijs",
        "jūlijs",
        "augusts",
        "septembris",
        "oktobris",
        "novembris",
        "decembris",
    ),
    "genitive": (
        "janvāra",
        "februāra",
        "marta",
        "aprīļa",
        "maija",
        "jūnija",
        "jūlija",
        "augusta",
        "septembra",
        "oktobra",
        "novembra",
        "decembra",
    ),
    "dative": (
        "janvārim",
        "februārim",
        "martam",
        "aprīlim",
        "maijam",
        "jūnijam",
        "jūlijam",
        "augustam",
        "septembrim",
        "oktobrim",
        "novembrim",
        "decembrim",
    ),
    "locative": (
        "janvārī",
        "februārī",
        "martā",
        "aprīlī",
        "maijā",
        "jūnijā",
        "jūlijā",
        "augustā",
        "septembrī",
        "oktobrī",
        "novembrī",
        "decembrī",
    ),
}

# Monday first, as date.weekday() counts.
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "nominative": ("pirmdiena", "otrdiena", "trešdiena", "ceturtdiena", "piektdiena", "sestdiena", "svētdiena"),
    "locative": ("pirmdien", "otrdien", "trešdien", "ceturtdien", "piektdien", "sestdien", "svētdien"),
}


def long_date(day: datetime.date, case: Case = "nominative", *, weekday: bool = False) -> str:
    """``day`` in the active language, in ``case`` (Latvian only; English has one form).

    ``weekday`` adds the day of the week where the case has one in use:
    "ceturtdiena, 2026. gada 10. decembris", "ceturtdien, 2026. gada 10. decembrī".
    """
    if not (translation.get_language() or "lv").startswith("lv"):
        return formats.date_format(day, "l, j F Y" if weekday else "j F Y")
    text = f"{day.year}. gada {day.day}. {MONTHS[case][day.month - 1]}"
    if weekday and case in WEEKDAYS:
        text = f"{WEEKDAYS[case][day.weekday()]}, {text}"
    return text
