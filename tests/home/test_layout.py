"""The frame kept between requests (``home.layout``): what one request reads from the cache."""

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from home import layout

pytestmark = pytest.mark.django_db


@pytest.fixture
def generation_reads(monkeypatch):
    """How many times the frame's generation is read from the cache."""
    reads = []
    real_get = layout.cache.get

    class Counting:
        def __getattr__(self, name):
            return getattr(layout._Cache(), name)

        def get(self, key, *args, **kwargs):
            if key == layout.GENERATION_KEY:
                reads.append(key)
            return real_get(key, *args, **kwargs)

    monkeypatch.setattr(layout, "cache", Counting())
    return reads


def test_a_page_reads_the_frames_generation_once(client, home_page, generation_reads):
    """The home page, its settings and its view restrictions are kept by callers that have no request
    at hand (a page model, a setting): they still read the generation once for the whole request."""
    assert client.get("/").status_code == 200  # the frame is built and kept
    generation_reads.clear()
    assert client.get("/").status_code == 200
    assert len(generation_reads) == 1


def test_a_change_within_a_request_is_seen_by_its_own_next_reads(home_page, generation_reads):
    built = []

    def view(request):
        first = layout.remember(None, "piece", lambda: built.append("first") or "first")
        again = layout.remember(None, "piece", lambda: built.append("again") or "again")
        layout.forget()  # an editor's change, in this request
        after = layout.remember(None, "piece", lambda: built.append("after") or "after")
        return HttpResponse(f"{first} {again} {after}")

    response = layout.SiteMiddleware(view)(RequestFactory().get("/"))
    assert response.content == b"first first after"
    assert built == ["first", "after"]
    assert layout._serving.get() is None  # nothing is left behind for the thread's next request
