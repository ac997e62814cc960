from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from home import views as home_views
from ops.health import HealthView
from portal import views as portal_views

urlpatterns = [
    # Wagtail's own login and password forms are closed: allauth signs everyone in.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": home_views.AllLocalesSitemap}}),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", portal_views.security_txt, name="security_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", HealthView.as_view(), name="health"),  # for the load balancer; never cached
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/signup/", accounts_views.signup, name="account_signup"),  # allauth's, with limits
    path("accounts/", include("allauth.urls")),
    path("search/", home_views.search, name="search"),
    path("campaigns/", include("campaigns.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("my-data/", include("privacy.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
