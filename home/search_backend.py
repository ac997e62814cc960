"""The site's search backend: Wagtail's database backend, with each word of a query matched by its stem.

Latvian changes a word's ending with its case and number: a visitor who types "nometne" (a camp)
looks for a page that says "nometnes" or "nometnē", and "zābaki" (boots) for "zābakus". Wagtail's
database backend matches whole words only (SQLite's FTS5 and PostgreSQL's ``simple`` configuration
know no Latvian). Here each word of a query loses its ending (``stem``) and is matched as the
beginning of a word (FTS5's ``"nometn"*``, PostgreSQL's ``'nometn':*``); English plurals follow
("camp" finds "camps"). The index is Wagtail's own and unchanged.

``WAGTAILSEARCH_BACKENDS`` names ``home.search_backend``; the backend is chosen by the database,
as Wagtail's ``wagtail.search.backends.database`` does.
"""

from functools import cache
from typing import Any

from django.db import connection

from home.search import bare_word

# Latvian noun, adjective and verb endings (and the English plural "s"), longest first.
ENDINGS = sorted(
    {
        "ajiem", "ajām", "ajai", "ajam", "ajos", "ajās", "ais", "ajā", "ajo", "ajs",
        "iem", "ām", "ēm", "īm", "os", "us", "as", "es", "is", "ās", "ēs", "ai", "ei", "am", "im", "um",
        "a", "e", "i", "u", "s", "š", "ā", "ē", "ī", "o", "ū",
    },
    key=len,
    reverse=True,
)  # fmt: skip
SHORTEST_STEM = 4  # "māja" stays "māja": a shorter stem ("māj") would find too much
SHORTEST_PREFIX = 3  # "un", "ar", "uz" are matched whole


def stem(word: str) -> str:
    """``word`` without its ending, where what is left is still a word's worth."""
    lowered = word.lower()
    for ending in ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= SHORTEST_STEM:
            return lowered[: -len(ending)]
    return lowered


def _stems(query_string: str, split: Any) -> list[tuple[str, bool]]:
    """Each word of the query, without the punctuation around it (``home.search.bare_word``), as
    (what to match, whether as the beginning of a word). A query of punctuation alone, which the
    site's search never sends, is matched as Wagtail's own backend would."""
    terms = [term for term in split(query_string) if term]
    words = [word for word in map(bare_word, terms) if word] or terms
    return [(stem(word), len(word) >= SHORTEST_PREFIX) for word in words]


def _combine(lexemes: list[Any], operator: str) -> Any:
    combined = lexemes[0]
    for lexeme in lexemes[1:]:
        combined = (combined & lexeme) if operator.lower() == "and" else (combined | lexeme)
    return combined


# PostgreSQL's text search configuration of the portal's own (home/migrations/0009): ``simple``
# with the marks of Latin letters folded ("Ģimene" is indexed as "gimene", and so is a query),
# as SQLite's FTS5 tokenizer folds them by default.
FOLDED_CONFIG = "portal_folded"
# Latvian's marked letters: a lexeme with one was indexed before the index folded marks.
MARKED = "[āčēģīķļņšūž]"


def SearchBackend(params: dict[str, Any]) -> Any:
    """What Wagtail calls in a backend's module: the stemming backend for the database in use."""
    if connection.vendor == "postgresql":
        return _postgres_backend()({**params, "SEARCH_CONFIG": params.get("SEARCH_CONFIG") or FOLDED_CONFIG})
    from modelsearch.backends.database import SearchBackend as database_backend

    backend = database_backend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):  # FTS5 is there (else Wagtail's plain fallback)
            return _sqlite_backend()(params)
    return backend


@cache
def _sqlite_backend() -> type:
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchQueryCompiler
    from modelsearch.query import PlainText

    class StemmedQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query: Any, config: Any = None) -> Any:
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            stems = _stems(query.query_string, str.split)
            if not stems:
                return None
            lexemes = [Lexeme(value, prefix=prefix) for value, prefix in stems]
            return SearchQueryExpression(_combine(lexemes, query.operator), config=config)

    class StemmedSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = StemmedQueryCompiler

    return StemmedSQLiteSearchBackend


@cache
def _postgres_backend() -> type:
    import re

    from django.contrib.postgres.search import SearchQuery

    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.query import PlainText

    class StemmedQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query: Any, config: Any = None, invert: bool = False) -> Any:
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            stems = _stems(query.query_string, lambda text: re.split(r"[\s\-]+", text))
            if not stems:
                return None
            lexemes = [Lexeme(value, invert=invert, prefix=prefix) for value, prefix in stems]
            return SearchQuery(_combine(lexemes, query.operator), search_type="raw", config=config)

    class StemmedPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = StemmedQueryCompiler

        def __init__(self, params: dict[str, Any]) -> None:
            super().__init__(params)
            self.autocomplete_config = self.config  # the admin's choosers fold marks too ("simple" otherwise)

    return StemmedPostgresSearchBackend


def refold_index(using: str = "default") -> bool:
    """After ``migrate`` on PostgreSQL: an index built before searches folded marks (a lexeme still
    has one) is built again, so that "gimene" finds "Ģimene" from the release on, not only after
    each page's next save. Whether it was rebuilt."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.models import Q, TextField
    from django.db.models.functions import Cast

    from modelsearch.conf import get_app_config

    database = connections[using]
    if database.vendor != "postgresql":
        return False
    index_entry = get_app_config().get_model("IndexEntry")
    if index_entry._meta.db_table not in database.introspection.table_names():
        return False
    vectors = ("title", "body", "autocomplete")
    lexemes = {f"{name}_lexemes": Cast(name, TextField()) for name in vectors}
    entries = index_entry.objects.using(using).annotate(**lexemes)
    marked = Q()
    for name in vectors:
        marked |= Q(**{f"{name}_lexemes__regex": MARKED})
    if not entries.filter(marked).exists():
        return False
    call_command("update_index", verbosity=0)
    return True
