"""allauth's English in the site's own style: sentence case, and "e-mail" (as also in the Django
form messages the portal shows, ``home.terms``).

allauth's pages, forms and mails name things in American title case ("Sign In", "Email Addresses",
"Change Password", "Please Confirm Your Email Address") and write "email", beside our own "Sign in",
"My data" and "Write your e-mail address." on the same pages. Its English catalogue is empty (the
msgids are the English), so the project's catalogue ``locale/en/LC_MESSAGES/django.po``
(``LOCALE_PATHS``, loaded over every app's own) gives those phrases as the site writes them.
``manage.py english_catalogue`` writes and compiles it from the installed allauth; with ``--check``
(the tests run it) it fails when allauth has a phrase it lacks.
Latvian is untouched: allauth's Latvian and ours translate the same msgids.
"""

import re
from pathlib import Path
from typing import Any

from django.conf import settings

import allauth
import polib  # type: ignore[import-untyped]

from home.catalogue import new_catalogue
from home.terms import DJANGO_WORDING

LANGUAGE = "en"
# Where the strings of the allauth parts this portal uses stand (account, mfa and their templates);
# the social, OpenID Connect, sessions and headless parts are not installed.
USED = ("account/", "mfa/", "templates/account/", "templates/mfa/", "templates/allauth/")
# Phrases that are not title case but read as one word where English has two.
OTHER = {"Signup": "Sign up"}
# "email" and "Email" as a word: not a placeholder ("{email}", "%(email)s"), a name in markup
# (name="email") or part of an address or a word.
EMAIL = re.compile(r"(?<![{(\w\"'=/.@-])([Ee])mail")
HEADER = (
    'allauth\'s English phrases in sentence case and with "e-mail", as the rest of the site writes English.\n'
    "Loaded over allauth's own (LOCALE_PATHS). Written by `manage.py english_catalogue` from the\n"
    "installed allauth, never by makemessages or by hand; accounts/english.py says how."
)


def sentence_case(text: str) -> str:
    """``"Two-Factor Authentication"`` -> ``"Two-factor authentication"``: every word after the first,
    and every part of a word after a hyphen, lower-cased, but for acronyms ("IP", "TOTP") and
    placeholders."""
    words = []
    for number, word in enumerate(text.split(" ")):
        parts = word.split("-")
        for index, part in enumerate(parts):
            first = number == 0 and index == 0
            if not first and part[:1].isupper() and not part.isupper():
                parts[index] = part[0].lower() + part[1:]
        words.append("-".join(parts))
    return " ".join(words)


def _title_case(msgid: str) -> bool:
    """A name or a label ("Add Security Key", "Forgot Password?"), not a sentence (which allauth
    writes in sentence case already, and whose later sentences start with a capital)."""
    sentence = msgid.rstrip().endswith(".") or any(mark in msgid for mark in (". ", "? ", ":", "\n"))
    return not sentence and sentence_case(msgid) != msgid


def source() -> Path:
    return Path(allauth.__file__).parent / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"


def catalogue_path() -> Path:
    return Path(settings.LOCALE_PATHS[0]) / LANGUAGE / "LC_MESSAGES" / "django.po"


def house_style(msgid: str) -> str:
    """``"Add Email Address"`` -> ``"Add e-mail address"``: a name or label in sentence case, and
    "e-mail" wherever allauth writes "email"."""
    text = OTHER.get(msgid) or (sentence_case(msgid) if _title_case(msgid) else msgid)
    return EMAIL.sub(lambda match: f"{match.group(1)}-mail", text)


Key = tuple[str | None, str]  # (msgctxt, msgid)


def wanted() -> dict[Key, polib.POEntry]:
    """The catalogue's entries by (msgctxt, msgid): allauth's phrases in the parts we use, and Django's
    form messages the portal shows, that say it otherwise than the site's English."""
    found = {}
    for entry in polib.pofile(str(source())):
        if not any(path.startswith(USED) for path, _line in entry.occurrences):
            continue
        originals = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        styled = [house_style(text) for text in originals]
        if styled == originals:
            continue
        translation: dict[str, Any] = (
            {"msgstr_plural": dict(enumerate(styled))} if entry.msgid_plural else {"msgstr": styled[0]}
        )
        found[(entry.msgctxt, entry.msgid)] = polib.POEntry(
            msgctxt=entry.msgctxt, msgid=entry.msgid, msgid_plural=entry.msgid_plural, **translation
        )
    for msgid in DJANGO_WORDING:
        if house_style(msgid) != msgid:
            found[(None, msgid)] = polib.POEntry(msgid=msgid, msgstr=house_style(msgid))
    return found


def _forms(entry: polib.POEntry) -> list[str]:
    return (
        [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)] if entry.msgid_plural else [entry.msgstr]
    )


def problems() -> list[str]:
    """What the project's catalogue lacks or says otherwise than ``wanted``."""
    path = catalogue_path()
    have = {(entry.msgctxt, entry.msgid): _forms(entry) for entry in polib.pofile(str(path))} if path.exists() else {}
    return [
        f"{msgid!r}: {have.get((context, msgid))!r}, not {_forms(entry)!r}"
        for (context, msgid), entry in wanted().items()
        if have.get((context, msgid)) != _forms(entry)
    ]


def write() -> int:
    """Write the catalogue and its compiled ``.mo``; the number of phrases."""
    catalogue = new_catalogue(LANGUAGE, HEADER, "nplurals=2; plural=(n != 1);", wrapwidth=100)
    phrases = wanted()
    catalogue.extend(entry for _key, entry in sorted(phrases.items(), key=lambda item: (item[0][1], item[0][0] or "")))
    path = catalogue_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    catalogue.save_as_mofile(str(path.with_suffix(".mo")))
    return len(phrases)
