"""The centre's paperwork (issue 11): the record of processing lists every field of the portal's
models, personal data with its purpose, legal basis, who sees it and how long it is kept; the
privacy notice says the same in plain words, with the periods as the settings say now."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from wagtail.models import Page

RECORD = Path(settings.BASE_DIR) / "docs" / "record-of-processing.md"
DPIA = Path(settings.BASE_DIR) / "docs" / "dpia.md"
APPS = ["accounts", "home", "campaigns", "mentoring", "privacy"]
PERSONAL = "Personal data, field by field"
NOT_PERSONAL = "Fields that hold no personal data"


def table(heading):
    """The rows of the first table under ``## heading`` in the record, as lists of cells."""
    lines = RECORD.read_text().splitlines()
    start = lines.index(f"## {heading}")
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows[2:]  # without the header and the |---| line


def listed():
    personal = {(row[0], row[1]) for row in table(PERSONAL)}
    other = {(row[0], name.strip()) for row in table(NOT_PERSONAL) for name in row[1].split(",")}
    return personal, other


def model_fields():
    """Every stored field of the portal's own models (pages hold published content, not records)."""
    return {
        (model._meta.label, field.name)
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, Page)
        for field in model._meta.concrete_fields
    }


def unlisted(fields):
    personal, other = listed()
    return sorted(fields - personal - other)


def test_every_field_of_the_portals_models_is_in_the_record():
    personal, other = listed()
    assert not personal & other, "a field is either personal data or not"
    missing = unlisted(model_fields())
    assert missing == [], f"List these in docs/record-of-processing.md (personal data or not): {missing}"
    assert sorted((personal | other) - model_fields()) == [], "The record lists fields the models no longer have"


def test_a_new_personal_data_field_fails_until_the_record_lists_it():
    assert unlisted(model_fields() | {("campaigns.Pledge", "birth_date")}) == [("campaigns.Pledge", "birth_date")]


def test_each_personal_data_field_says_why_on_what_basis_who_sees_it_and_for_how_long():
    codes = {row[0] for row in table("Retention periods")}
    for model, field, *columns in table(PERSONAL):
        data, purpose, basis, who, kept = columns
        assert all([data, purpose, basis, who, kept]), (model, field)
        assert re.search(r"6\(1\)\([a-f]\)|Art\. 10", basis), (model, field, basis)
        assert (
            any(code in kept for code in codes)
            or kept in ("until changed", "for good", "kept as a figure")
            or ("removed" in kept or "until completed" in kept)
        ), (model, field, kept)


def test_the_impact_assessment_covers_every_processing_activity():
    activities = [row[1] for row in table("Processing activities")]
    dpia = DPIA.read_text()
    assert "record-of-processing.md" in dpia
    for number in range(1, len(activities) + 1):
        assert f"activity {number}" in dpia, f"docs/dpia.md says nothing about activity {number}"
