"""One way to pin what a page costs in queries: the number, with what each query is for.

A budget is a list of ``(what for, how many)`` lines. ``assert_queries`` asks for
the page twice (the first request warms what a running server keeps: renditions,
the site's root paths, the frame) and compares the second request's queries with the budget;
template fragments (``{% cache %}``) are emptied in between, so that the budget is what the page
costs to render (``fragments="kept"`` counts a view that finds them);
on a mismatch it prints the budget beside the SQL that ran, so whoever changed
the count sees what to update.
"""

from collections.abc import Sequence

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

Budget = Sequence[tuple[str, int]]

# What any public page, the mentor's page and the coordinator's dashboard may cost without the page
# cache (issue 12), at any size of data: what the frame shows is kept between requests (home.layout).
PAGE_LIMIT = 12

# Every admin page, for staff in a group: who is asking and what Wagtail's menu shows them. The
# session comes from the cache (cached_db; Redis in production); accounts.backends loads the rest.
ADMIN_FRAME = [
    ("the user, their admin profile (language, theme), two-factor sign-in set up? (staff must have it)", 1),
    ("the user's and their groups' permissions", 1),
]
ADMIN_MENU = [("menu: locales; page, collection and site permissions of the user's groups", 4)]


def total(budget: Budget) -> int:
    return sum(count for _reason, count in budget)


def captured(client, url: str, *, status: int = 200, fragments: str = "rendered") -> list[str]:
    client.get(url)
    if fragments == "rendered":
        caches["template_fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return [query["sql"] for query in queries.captured_queries]


def assert_queries(
    client, url: str, budget: Budget, *, status: int = 200, limit: int | None = None, fragments: str = "rendered"
) -> list[str]:
    """The page costs exactly ``budget``; with ``limit`` (``PAGE_LIMIT``), a budget above it fails too."""
    if limit is not None:
        assert total(budget) <= limit, f"{url}: the budget is {total(budget)} queries, more than {limit}"
    sql = captured(client, url, status=status, fragments=fragments)
    if len(sql) != total(budget):
        lines = [f"{url}: {len(sql)} queries, the budget says {total(budget)}:"]
        lines += [f"  {count:2d} × {reason}" for reason, count in budget]
        lines += ["ran:"] + [f"  {number:2d}. {statement[:160]}" for number, statement in enumerate(sql, 1)]
        raise AssertionError("\n".join(lines))
    return sql
