"""What home's admin lists (supporters, yearly figures, tag names) cost in queries, the same at 1 row and many."""

import pytest
from taggit.models import Tag

from home.factories import SupporterFactory
from home.models import TagName, YearlyFigures
from tests.queries import ADMIN_FRAME, ADMIN_MENU, PAGE_LIMIT, assert_queries

pytestmark = pytest.mark.django_db

EXPLORER = [("menu: the pages the user may explore", 1)]


def snippet_listing(*rows):
    return [*ADMIN_FRAME, ("the listing's count (paginator)", 1), *ADMIN_MENU, *EXPLORER, *rows]


# A superuser has every permission without asking (Django); the menu still finds the pages to explore.
SUPERUSER_LISTING = [
    ("the user, their admin profile (language, theme), two-factor sign-in set up? (staff must have it)", 1),
    ("the listing's count (paginator)", 1),
    ("menu: locales", 1),
    ("menu: the pages the superuser may explore (the common ancestor of the roots)", 2),
]


def add_rows(count, start):
    for number in range(start, start + count):
        SupporterFactory()
        YearlyFigures.objects.create(year=2000 + number)
        tag = Tag.objects.create(name=f"birka-{number}", slug=f"birka-{number}")
        TagName.objects.create(tag=tag, language="en", name=f"Tag {number}")


@pytest.mark.parametrize(
    ("who", "url", "budget"),
    [
        ("editor", "/admin/snippets/home/supporter/", snippet_listing(("supporters", 1))),
        ("editor", "/admin/snippets/home/yearlyfigures/", snippet_listing(("yearly figures", 1))),
        ("superuser", "/admin/snippets/home/tagname/", [*SUPERUSER_LISTING, ("tag names with their tags", 1)]),
    ],
)
def test_homes_admin_lists_at_1_and_30_rows(request, client, who, url, budget):
    client.force_login(request.getfixturevalue(who))
    add_rows(1, start=0)
    assert_queries(client, url, budget, limit=PAGE_LIMIT)
    add_rows(29, start=1)
    assert_queries(client, url, budget, limit=PAGE_LIMIT)
