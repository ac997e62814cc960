import pytest

from tests.campaigns.conftest import campaign, campaign_index, details, make_pledge, tallies  # noqa: F401
from tests.deploy import servers
from tests.forms import pledge_fields


@pytest.fixture
def pledge_form(tallies):  # noqa: F811
    """The fields of the campaign page's pledge form: ``pledge_form({0: 2})`` pledges 2 of the first need."""

    def data(quantities=None, **fields):
        return pledge_fields({tallies[index].pk: n for index, n in (quantities or {0: 1}).items()}, **fields)

    return data


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """``collectstatic`` as production runs it: hashed names, compressed copies (whitenoise)."""
    root = tmp_path_factory.mktemp("static")
    servers.manage(servers.production_env(STATIC_ROOT=root), "collectstatic", "--noinput", "--verbosity", "0")
    return root


@pytest.fixture
def database_cache_table(settings):
    """The production database cache's table in the test database (not a migration: ``make serve``
    and the README's install steps run ``createcachetable``)."""
    from django.core.management import call_command

    database_cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
    settings.CACHES = {"default": database_cache}
    call_command("createcachetable", verbosity=0)
