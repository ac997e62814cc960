"""English interface words on a Latvian admin page: what a test looks for.

The English words are those of the admin's interface strings (every msgid of Wagtail,
wagtail-localize, taggit and our own apps) that no Latvian translation uses: "Add", "Reports",
"ago", "actions" and some 1,200 more. A page's readable text is its visible text, the labels
screen readers read (``aria-label``, ``title``, ``placeholder``, ``alt``, button values) and the
labels in the JSON that Wagtail's scripts render (the sidebar's menu items). Text in ``hidden``
elements is left out. Names and content in English are the test's to allow.
"""

import contextlib
import json
import re
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from django.conf import settings

import polib

from campaigns.models.pledges import REFERENCE_ALPHABET

WORD = re.compile(r"[^\W\d_]+")
# Addresses are not words: e-mail addresses, links, file names and dotted identifiers (home.newspage).
ADDRESS = re.compile(r"\S+@\S+|\w+://\S+|/\S*|\b\w+(?:\.\w+)+\b")
TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# A pledge's reference (campaigns.models.pledges.new_reference: "7WAY-3KQ9") is random letters and digits,
# which now and then spell an English word; it is data, not the interface.
REFERENCE = re.compile(rf"\b[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}}\b")
READ_ATTRIBUTES = {"aria-label", "aria-description", "title", "placeholder", "alt", "data-w-tooltip-content-value"}
JSON_LABELS = {"label", "title", "text", "help_text", "placeholder", "heading", "description", "message"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Words of our own and Wagtail's msgids that are the same in both languages or are names.
NOT_ENGLISH = {"wagtail", "url", "csv", "xlsx", "json", "html", "api", "pdf", "embedly", "taggit", "utc", "ascii"}
# Python's own values, which reach a page when code prints one ("Show names: False" on a filter's chip).
PYTHON_WORDS = {"true", "false", "none"}


NAME_FIELDS = ("first_name", "last_name", "full_name", "donor_name")


def names_of_people():
    """The invented people's names in the data: a Latvian name may be an English word ("Made")."""
    names = set()
    for model in apps.get_models():
        fields = [field.name for field in model._meta.concrete_fields if field.name in NAME_FIELDS]
        for row in model.objects.values_list(*fields) if fields else ():
            names.update(value for value in row if value)
    return names


def words(text: str) -> list[str]:
    return WORD.findall(ADDRESS.sub(" ", PLACEHOLDER.sub(" ", REFERENCE.sub(" ", TAG.sub(" ", text)))))


def _interface_packages():
    for config in apps.get_app_configs():
        own = Path(config.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(config.path).parts
        if own or config.name.startswith("wagtail") or config.name == "taggit":
            yield config, own


@cache
def english_words() -> frozenset[str]:
    english: set[str] = set()
    latvian: set[str] = set()
    for config, own in _interface_packages():
        locale = Path(config.path) / "locale"
        for domain in ("django", "djangojs"):
            source = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
            translated = locale / "lv" / "LC_MESSAGES" / f"{domain}.po"
            for entry in polib.pofile(str(source)) if source.exists() else ():
                english.update(word.lower() for word in words(f"{entry.msgid} {entry.msgid_plural}"))
            for entry in polib.pofile(str(translated)) if translated.exists() else ():
                if own:  # our catalogues carry the English too
                    english.update(word.lower() for word in words(f"{entry.msgid} {entry.msgid_plural}"))
                for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                    latvian.update(word.lower() for word in words(text))
    for path in settings.LOCALE_PATHS:
        for catalogue in Path(path).glob("lv/LC_MESSAGES/*.po"):
            for entry in polib.pofile(str(catalogue)):
                for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                    latvian.update(word.lower() for word in words(text))
    english |= PYTHON_WORDS
    return frozenset(word for word in english - latvian - NOT_ENGLISH if len(word) >= 3 and word.isascii())


class ReadableText(HTMLParser):
    """Collects (where, text) pairs a person reads or hears on a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.hidden: list[str] = []  # open elements with ``hidden``
        self.script: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.hidden and tag not in VOID:
            self.hidden.append(tag)
            return
        if self.hidden:
            return
        if "hidden" in attributes and tag not in VOID:
            self.hidden.append(tag)
            return
        if tag in ("script", "style"):
            self.script = (attributes.get("type") or "") if tag == "script" else "style"
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.found.append((f"{tag}@{name}", value))
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.found.append(("input@value", attributes["value"]))

    def handle_startendtag(self, tag, attrs):
        if not self.hidden:
            self.handle_starttag(tag, attrs)
            if tag not in VOID and self.hidden:  # <div hidden/>: nothing inside to hide
                self.hidden.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.hidden:
            if tag in self.hidden:
                while self.hidden.pop() != tag:
                    pass
            return
        if tag in ("script", "style"):
            self.script = None

    def handle_data(self, data):
        if self.hidden:
            return
        if self.script is not None:
            if self.script.endswith("json"):
                with contextlib.suppress(ValueError):
                    self._labels(json.loads(data))
            return
        if data.strip():
            self.found.append(("text", " ".join(data.split())))

    def _labels(self, value, key=None):
        if isinstance(value, dict):
            for name, item in value.items():
                self._labels(item, name)
        elif isinstance(value, list):
            for item in value:
                self._labels(item, key)
        elif isinstance(value, str) and key in JSON_LABELS:
            self.found.append((f"json {key}", TAG.sub(" ", value)))


def english_on(html: str, allowed: Iterable[str] = ()) -> list[str]:
    """Each English word on the page, with where it stands: ``'"Reports" in json label: Reports'``.
    ``allowed`` are names and content (whole phrases, as written) that may be in English."""
    parser = ReadableText()
    parser.feed(html)
    phrases = sorted(allowed, key=len, reverse=True)
    english = english_words()
    found = []
    for where, text in parser.found:
        readable = text
        for phrase in phrases:
            readable = readable.replace(phrase, " ")
        found += [f'"{word}" in {where}: {text[:120]}' for word in words(readable) if word.lower() in english]
    return found
