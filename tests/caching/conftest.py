import pytest

from tests.campaigns.conftest import _default_language, campaign, campaign_index, details, make_pledge, tallies  # noqa: F401
from tests.home.test_impact import impact  # noqa: F401


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The shared page cache on, as in production (test settings leave it off, so that query
    budgets count uncached views); the test's own cache is the locmem "default"."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_MAX_AGE = 5
