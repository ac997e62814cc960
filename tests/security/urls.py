"""The site's addresses plus two that tests need: uploaded media served by Django (as
`make run` does; in production the web server in front serves /media/) and a view that fails."""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from portal.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("A test asked for a server error.")


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("broken/", broken),
    re_path(r"^media/(?P<path>.*)$", media),
    *site_urlpatterns,
]
