"""Search that ignores diacritics and case: "sluka" finds "Šļūka", on SQLite and PostgreSQL.

Both databases fold text with the same table: Latin letters with marks become
their plain letter, everything lower case. SQLite gets the function from Python
(``register_fold_function``, called for each new connection); PostgreSQL gets
an SQL function of the same name from ``home/migrations/0003``.
"""

import re
import string
import unicodedata
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Func, Q, QuerySet, TextField
from django.db.models.functions import Cast

FOLD_FUNCTION = "portal_fold"


def _fold_table() -> tuple[str, str]:
    """Every letter of Latin-1 and Latin Extended A/B that has a plain base letter, and that letter
    in lower case. Capitals are in the table too, so the fold does not depend on the database's locale."""
    table: dict[str, str] = {}
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0]
        if base.isascii() and base.isalpha() and base.lower() != char:
            table[char] = base.lower()
    return "".join(table), "".join(table.values())


FOLD_FROM, FOLD_TO = _fold_table()
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: Any) -> str | None:
    """What the database function does, in Python: lower case, then the marks off."""
    if text is None:
        return None
    return str(text).lower().translate(_TABLE)


def register_fold_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: teach a new SQLite connection ``portal_fold``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


def postgresql_fold_function_sql() -> str:
    escaped_from = FOLD_FROM.replace("'", "''")
    escaped_to = FOLD_TO.replace("'", "''")
    return (
        f"CREATE OR REPLACE FUNCTION {FOLD_FUNCTION}(text) RETURNS text AS "
        f"$$ SELECT translate(lower($1), '{escaped_from}', '{escaped_to}') $$ "
        "LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE"
    )


class Fold(Func):
    function = FOLD_FUNCTION
    output_field = TextField()

    def __init__(self, expression: Any, **extra: Any) -> None:
        super().__init__(Cast(expression, TextField()), **extra)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_query(text: Any, max_length: int = 200) -> str:
    """What a person typed into a search box, safe to query with: control characters (a NUL byte,
    which PostgreSQL refuses in any query) become spaces, runs of space one, and it is cut to
    ``max_length`` characters."""
    return " ".join(_CONTROL.sub(" ", str(text or "")).split())[:max_length].strip()


# Punctuation around a word ("zābaki," or „nometne”) is not part of it, and a dash alone is no word.
PUNCTUATION = string.punctuation + "„“”«»…–—"


def bare_word(term: str) -> str:
    """``term`` without the punctuation around it ("" where it is nothing but punctuation)."""
    return term.strip(PUNCTUATION)


def search_terms(query: str) -> str:
    """What the site's search looks for: the words of a (cleaned) query, without double quotes and
    the punctuation around them. The SQLite search backend puts each word between double quotes
    without escaping its own, so a quote that was typed ended the search's string early and the
    search failed (a server error); a word of punctuation alone ("—") would have to be in every page."""
    return " ".join(word for word in map(bare_word, query.replace('"', " ").split()) if word)


def folded_search(queryset: QuerySet, fields: Iterable[str], query: str) -> QuerySet:
    """Rows where any of ``fields`` contains every word of ``query``, diacritics and case ignored."""
    words = (fold(clean_query(query)) or "").split()
    fields = list(fields)
    if not words or not fields:
        return queryset
    annotations = {f"_folded_{index}": Fold(field) for index, field in enumerate(fields)}
    queryset = queryset.annotate(**annotations)
    for word in words:
        queryset = queryset.filter(reduce(or_, (Q(**{f"{name}__contains": word}) for name in annotations)))
    return queryset.distinct() if any("__" in field for field in fields) else queryset


class FoldedSearchMixin:
    """For Wagtail admin index views: ``search_fields`` are searched with ``folded_search``."""

    search_fields: list[str] | None = None
    search_query: str

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        if not getattr(self, "is_searching", False):
            return queryset
        return folded_search(queryset, self.search_fields or [], self.search_query)
