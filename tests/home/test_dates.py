"""Dates in a sentence follow latvian.md: year first, the month in the case the sentence needs."""

import datetime

from django.utils import translation

import pytest

from home.dates import long_date

MONTHS = [
    # nominative, genitive, dative, locative
    ("janvāris", "janvāra", "janvārim", "janvārī"),
    ("februāris", "februāra", "februārim", "februārī"),
    ("marts", "marta", "martam", "martā"),
    ("aprīlis", "aprīļa", "aprīlim", "aprīlī"),
    ("maijs", "maija", "maijam", "maijā"),
    ("jūnijs", "jūnija", "jūnijam", "jūnijā"),
    ("jūlijs", "jūlija", "jūlijam", "jūlijā"),
    ("augusts", "augusta", "augustam", "augustā"),
    ("septembris", "septembra", "septembrim", "septembrī"),
    ("oktobris", "oktobra", "oktobrim", "oktobrī"),
    ("novembris", "novembra", "novembrim", "novembrī"),
    ("decembris", "decembra", "decembrim", "decembrī"),
]


@pytest.mark.parametrize(("month", "forms"), list(enumerate(MONTHS, start=1)))
def test_every_month_in_every_case(month, forms):
    day = datetime.date(2026, month, 10)
    with translation.override("lv"):
        for case, form in zip(("nominative", "genitive", "dative", "locative"), forms, strict=True):
            assert long_date(day, case) == f"2026. gada 10. {form}"


def test_weekday_and_english():
    day = datetime.date(2026, 12, 10)
    with translation.override("lv"):
        assert long_date(day, weekday=True) == "ceturtdiena, 2026. gada 10. decembris"
        assert long_date(day, "locative", weekday=True) == "ceturtdien, 2026. gada 10. decembrī"
    with translation.override("en"):
        assert long_date(day, "locative") == "10 December 2026"
        assert long_date(day, weekday=True) == "Thursday, 10 December 2026"


@pytest.mark.parametrize(("month", "forms"), list(enumerate(MONTHS, start=1)))
def test_the_template_filters_give_every_month_in_every_case(month, forms):
    """``{{ day|long_date:"case" }}`` from home_tags, as campaign and mentoring pages and mail use it."""
    from django.template import Context, Template

    template = Template(
        '{% load home_tags %}{{ day|long_date }}|{{ day|long_date:"genitive" }}|'
        '{{ day|long_date:"dative" }}|{{ day|long_date:"locative" }}'
    )
    day = datetime.date(2026, month, 10)
    with translation.override("lv"):
        assert template.render(Context({"day": day})).split("|") == [f"2026. gada 10. {form}" for form in forms]


def test_the_weekday_filter_and_an_empty_date():
    from django.template import Context, Template

    template = Template('{% load home_tags %}{{ day|long_date_weekday }}|{{ day|long_date_weekday:"locative" }}')
    day = datetime.date(2026, 12, 10)
    with translation.override("lv"):
        assert (
            template.render(Context({"day": day}))
            == "ceturtdiena, 2026. gada 10. decembris|ceturtdien, 2026. gada 10. decembrī"
        )
    with translation.override("en"):
        assert template.render(Context({"day": day})) == "Thursday, 10 December 2026|Thursday, 10 December 2026"
        assert Template("{% load home_tags %}[{{ day|long_date }}]").render(Context({"day": None})) == "[]"


def test_short_dates_read_the_centres_way():
    """Latvian short dates end with a dot (the year is an ordinal); English puts the day first,
    never the American 12/05/2026 (portal/formats)."""
    from django.utils import formats

    day = datetime.date(2026, 12, 5)
    with translation.override("lv"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "5.12.2026."
        assert formats.date_format(day) == "2026. gada 5. decembris"
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "5 Dec 2026"
        assert formats.date_format(day) == "5 December 2026"
