"""The project's Latvian for the packages the admin is made of (Wagtail, wagtail-localize, taggit)
and the few Django phrases it shows: what their own catalogues lack or get wrong.

The catalogue is ``locale/lv/LC_MESSAGES/{django,djangojs}.po`` (``LOCALE_PATHS``), which Django
loads over every app's own. It is kept by hand and by ``manage.py admin_catalogue``, never by
``makemessages``: that would drop every msgid that is not in our own code.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.translation import trans_real

import polib  # type: ignore[import-untyped]

LANGUAGE = "lv"
DOMAINS = ("django", "djangojs")
# The JavaScript catalogues the admin loads (``JavaScriptCatalog(packages=[...])`` in each package).
JAVASCRIPT_PACKAGES = ("wagtail.admin", "wagtail_localize")
PLURAL_FORMS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
PLURALS = 3
HEADER = (
    "The project's Latvian for the admin's packages (Wagtail, wagtail-localize, taggit) and the\n"
    "Django phrases the admin shows: what their own catalogues lack or get wrong. Loaded over them\n"
    "(LOCALE_PATHS). Kept with `manage.py admin_catalogue`, never makemessages. home/catalogue.py\n"
    "says how."
)
Key = tuple[str | None, str]  # (msgctxt, msgid)

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")


@dataclass(frozen=True)
class Problem:
    domain: str
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.domain}: {self.msgid!r}: {self.what}"


def is_admin_package(name: str) -> bool:
    return name.startswith("wagtail") or name == "taggit"


def admin_packages() -> list[str]:
    """The installed apps whose strings staff meet in the admin."""
    return [config.name for config in apps.get_app_configs() if is_admin_package(config.name)]


def catalogue_path(domain: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def key_of(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or None, entry.msgid)


def source_entries(domain: str) -> dict[Key, tuple[str, polib.POEntry]]:
    """Every msgid of the admin's packages, from their English source catalogues, with its package."""
    entries: dict[Key, tuple[str, polib.POEntry]] = {}
    for name in admin_packages():
        if domain == "djangojs" and name not in JAVASCRIPT_PACKAGES:
            continue
        source = Path(_app_path(name)) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            continue
        for entry in polib.pofile(str(source)):
            if not entry.obsolete and entry.msgid:
                entries.setdefault(key_of(entry), (name, entry))
    return entries


def _app_path(name: str) -> str:
    return next(config.path for config in apps.get_app_configs() if config.name == name)


def merged_latvian(domain: str) -> "trans_real.DjangoTranslation":
    """The Latvian Django serves for ``domain``: every app's catalogue, Django's own, and ours on top."""
    if domain == "django":
        return trans_real.DjangoTranslation(LANGUAGE)
    paths = [str(Path(_app_path(name)) / "locale") for name in JAVASCRIPT_PACKAGES if name in admin_packages()]
    return trans_real.DjangoTranslation(LANGUAGE, domain=domain, localedirs=paths)


def has_latvian(translation: "trans_real.DjangoTranslation", entry: polib.POEntry) -> bool:
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    catalog = translation._catalog  # type: ignore[attr-defined]
    if entry.msgid_plural:
        return all((msgid, index) in catalog for index in range(PLURALS))
    return msgid in catalog


def new_catalogue(language: str, header: str, plural_forms: str, wrapwidth: int = 0) -> polib.POFile:
    """An empty catalogue of the project's (``locale/<language>``), with its header and metadata."""
    catalogue = polib.POFile(wrapwidth=wrapwidth)
    catalogue.header = header
    catalogue.metadata = {
        "Project-Id-Version": "bauska-portal",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms,
    }
    return catalogue


def load(domain: str) -> polib.POFile:
    path = catalogue_path(domain)
    if path.exists():
        return polib.pofile(str(path), wrapwidth=0)
    return new_catalogue(LANGUAGE, HEADER, PLURAL_FORMS)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def entry_problems(domain: str, entry: polib.POEntry) -> Iterable[Problem]:
    if entry.obsolete:
        return
    if "fuzzy" in entry.flags or not entry.translated():
        yield Problem(domain, entry.msgid, "no Latvian yet (empty or fuzzy)")
        return
    if entry.msgid_plural:
        if sorted(entry.msgstr_plural) != list(range(PLURALS)):
            yield Problem(domain, entry.msgid, f"needs {PLURALS} plural forms")
        allowed = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
        for form in entry.msgstr_plural.values():
            extra = set(placeholders(form)) - allowed
            if extra:
                yield Problem(domain, entry.msgid, f"placeholders not in the original: {sorted(extra)}")
        return
    named = set(placeholders(entry.msgstr)) - set(placeholders(entry.msgid))
    positional = [mark for mark in placeholders(entry.msgid) if mark in ("%s", "%d", "{}")]
    if named or [mark for mark in placeholders(entry.msgstr) if mark in ("%s", "%d", "{}")] != positional:
        yield Problem(domain, entry.msgid, "placeholders not in the original, or positional ones differ")


def problems(domain: str) -> list[Problem]:
    """What staff would meet in English, and what in our catalogue would break a page or read wrong."""
    catalogue = load(domain)
    found = [problem for entry in catalogue for problem in entry_problems(domain, entry)]
    latvian = merged_latvian(domain)
    ours = {key_of(entry) for entry in catalogue if entry.translated()}
    for key, (_name, entry) in source_entries(domain).items():
        if key not in ours and not has_latvian(latvian, entry):
            found.append(Problem(domain, entry.msgid, "no Latvian in any catalogue"))
    found += collisions(domain, catalogue)
    compiled = catalogue_path(domain).with_suffix(".mo")
    if catalogue.translated_entries() and (not compiled.exists() or compiled.read_bytes() != catalogue.to_binary()):
        found.append(Problem(domain, str(compiled), "not compiled from the .po (run manage.py admin_catalogue)"))
    return found


def translations(entry: polib.POEntry) -> tuple[str, dict[int, str]]:
    return entry.msgstr, dict(entry.msgstr_plural)


def project_apps() -> list[str]:
    """Our own apps (their code lives in the project, not in the virtual environment)."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base) and ".venv" not in Path(config.path).parts
    ]


def collisions(domain: str, catalogue: polib.POFile) -> list[Problem]:
    """Our catalogue wins over every app's: a msgid that one of our apps translates otherwise
    would change that app's words (gettext has one Latvian per msgid and context)."""
    ours = {key_of(entry): entry for entry in catalogue if entry.translated()}
    found = []
    for name in project_apps():
        path = Path(_app_path(name)) / "locale" / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
        for entry in polib.pofile(str(path)) if path.exists() else ():
            mine = ours.get(key_of(entry))
            if mine and entry.translated() and translations(mine) != translations(entry):
                found.append(Problem(domain, entry.msgid, f"translated otherwise by {name}: leave it to {name}"))
    return found


def add_missing(domain: str) -> int:
    """Add the admin's msgids that have no Latvian anywhere as empty entries, to be filled by hand."""
    catalogue = load(domain)
    latvian = merged_latvian(domain)
    ours = {key_of(entry) for entry in catalogue}
    added = 0
    for key, (name, source) in source_entries(domain).items():
        if key in ours or has_latvian(latvian, source):
            continue
        entry = polib.POEntry(msgctxt=source.msgctxt, msgid=source.msgid, comment=name, flags=list(source.flags))
        if source.msgid_plural:
            entry.msgid_plural = source.msgid_plural
            entry.msgstr_plural = dict.fromkeys(range(PLURALS), "")
        catalogue.append(entry)
        added += 1
    save(domain, catalogue)
    return added


def save(domain: str, catalogue: polib.POFile) -> None:
    """Write the .po in a stable order (by package, then msgid) and compile the .mo beside it."""
    catalogue.sort(key=lambda entry: (entry.comment or "", entry.msgctxt or "", entry.msgid))
    path = catalogue_path(domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    catalogue.save_as_mofile(str(path.with_suffix(".mo")))
