"""Fails when Django, Wagtail or django-allauth is older than the first release that fixed its
latest known security advisory (issue 10). Update the table when an advisory appears.

Where the numbers come from (as of 2026-11-29, from the CVE records and the projects' own
release notes; advisories published later than these are not known here):

- Django: CVE-2026-6873 (signed cookie salt collision) and four others released on 3 June
  2026: "Django 6.0 before 6.0.6 and 5.2 before 5.2.15" (the CVE record, cve.org).
- Wagtail: GHSA-67rv-mg8q-5pf3, GHSA-c4mr-889m-vgf6, GHSA-c6wj-9vcj-75pj, GHSA-p5gm-92h4-6pv6,
  GHSA-pwm3-7fv4-g6xx (permission handling, May 2026): fixed in 7.0.7, 7.3.2 and 7.4
  (Wagtail 7.0.7 release notes); the 8.0 series came later and carries the fixes.
- django-allauth: the security notice of 65.16.1 (17 April 2026, OAuth2 "state" for the Edx
  and Questrade providers) in allauth's ChangeLog; its 65.14.2 notice (X-Forwarded-For no longer
  trusted for rate limits) is the one this portal depends on (accounts.network).
"""

from importlib.metadata import version

import pytest
from packaging.version import Version

MINIMUM_SAFE = {
    "django": ("5.2.15", "CVE-2026-6873"),
    "wagtail": ("7.4", "GHSA-67rv-mg8q-5pf3"),
    "django-allauth": ("65.16.1", "allauth 65.16.1 security notice"),
}


@pytest.mark.parametrize("package", MINIMUM_SAFE)
def test_installed_version_has_the_latest_known_fix(package):
    minimum, advisory = MINIMUM_SAFE[package]
    installed = version(package)
    assert Version(installed) >= Version(minimum), f"{package} {installed} is older than {minimum} ({advisory})"


def test_the_pins_are_safe_too():
    """constraints.txt is what every machine installs: it must not pin a vulnerable release."""
    from pathlib import Path

    pins = {}
    for line in (Path(__file__).resolve().parents[2] / "constraints.txt").read_text().splitlines():
        name, _, pinned = line.partition("==")
        if pinned:
            pins[name.strip().lower().replace("_", "-")] = pinned.strip()
    for package, (minimum, advisory) in MINIMUM_SAFE.items():
        assert Version(pins[package]) >= Version(minimum), (
            f"constraints.txt pins {package} below {minimum} ({advisory})"
        )
