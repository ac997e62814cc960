"""Every kind of response carries the security headers, with the production settings'
security values (issue 10): a page, a static file (whitenoise), a document, an image
rendition, the admin, a 404 and a 500. The home page scores A+ by the HTTP Observatory's
rules with no penalty (``observatory`` below writes down the rules checked)."""

import re

from django.test import Client

import pytest
from wagtail_factories import DocumentFactory

from home.factories import ImageFactory
from tests.security.test_sessions import production_settings

pytestmark = pytest.mark.django_db

SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_NAME",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "X_FRAME_OPTIONS",
]
UNUSED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "display-capture", "autoplay"]


@pytest.fixture(scope="module")
def production_security():
    return production_settings(*SECURITY_SETTINGS)


@pytest.fixture
def production_like(settings, production_security):
    for name, value in production_security.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    settings.ROOT_URLCONF = "tests.security.urls"
    return settings


@pytest.fixture
def https_client(production_like):
    """Requests as nginx passes them on in production: the visitor came over HTTPS."""
    return Client(raise_request_exception=False, HTTP_X_FORWARDED_PROTO="https")


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def assert_common_headers(response):
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}
    features = dict(re.findall(r"([a-z-]+)=\(([^)]*)\)", headers["Permissions-Policy"]))
    for feature in UNUSED_FEATURES:
        assert features[feature] == "", feature
    policy = directives(headers["Content-Security-Policy"])
    assert policy["base-uri"] == ["'none'"]
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy.get("script-src", [])
    assert "'unsafe-eval'" not in policy.get("script-src", [])
    assert policy["frame-ancestors"] in (["'none'"], ["'self'"])
    return policy


def test_page(https_client, home_page):
    response = https_client.get("/")
    assert response.status_code == 200
    policy = assert_common_headers(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["style-src"] == ["'self'"]


def test_static_file_from_whitenoise(production_like):
    production_like.WHITENOISE_USE_FINDERS = True  # production serves collected files; tests collect none
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    response = client.get("/static/css/base.css")
    assert response.status_code == 200
    assert type(response).__name__ == "WhiteNoiseFileResponse"
    assert_common_headers(response)


def test_document(https_client, home_page):
    document = DocumentFactory(title="Gada pārskats")
    response = https_client.get(document.url)
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["Content-Disposition"].startswith("attachment")


def test_image_rendition(https_client, home_page):
    rendition = ImageFactory().get_rendition("fill-120x80")
    response = https_client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert_common_headers(response)


def test_admin(https_client, editor, home_page):
    https_client.force_login(editor)
    for url in ["/admin/", f"/admin/pages/{home_page.pk}/edit/"]:
        response = https_client.get(url)
        assert response.status_code == 200
        policy = assert_common_headers(response)
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]  # Wagtail sets inline styles
        assert policy["script-src"] == ["'self'"]


def test_admin_pages_have_no_inline_script(https_client, editor, home_page):
    """The admin's policy allows no inline script, so there must be none to block."""
    https_client.force_login(editor)
    for url in [f"/admin/pages/{home_page.pk}/edit/", "/admin/settings/home/centresettings/", "/admin/pages/"]:
        html = https_client.get(url, follow=True).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert "data-csp-init" in html or url == "/admin/pages/"


def test_not_found(https_client, home_page):
    response = https_client.get("/nav-tadas-lapas/")
    assert response.status_code == 404
    assert_common_headers(response)


def test_server_error(https_client, home_page):
    response = https_client.get("/broken/")
    assert response.status_code == 500
    assert_common_headers(response)


def test_plain_http_is_sent_to_https_on_the_same_host(production_like):
    response = Client().get("/", HTTP_HOST="portal.example.org")
    assert response.status_code == 301
    assert response["Location"] == "https://portal.example.org/"
    assert response["Permissions-Policy"] and response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_cookies_are_secure_host_cookies(https_client, home_page, visitor_user):
    response = https_client.get("/accounts/login/")
    csrf = response.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"] and csrf["samesite"] == "Lax"
    response = https_client.post(
        "/accounts/login/", {"login": visitor_user.email, "password": "correct horse battery staple"}
    )
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    response = https_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    language = response.cookies["django_language"]
    assert language["secure"] and language["httponly"] and language["samesite"] == "Lax"


def observatory(response, *, redirects_to_https):
    """The HTTP Observatory's scoring rules (MDN's "HTTP Observatory scoring methodology")
    for the headers a response carries: the result name and its score modifier per test."""
    headers = response.headers
    results = {}
    policy = directives(headers.get("Content-Security-Policy", ""))
    script = policy.get("script-src", policy.get("default-src"))
    style = policy.get("style-src", policy.get("default-src", []))
    if not policy or script is None:
        results["csp"] = ("csp-not-implemented", -25)
    elif "'unsafe-inline'" in script or "data:" in script or any(s.startswith("http:") for s in script):
        results["csp"] = ("csp-implemented-with-unsafe-inline", -20)
    elif "'unsafe-eval'" in script:
        results["csp"] = ("csp-implemented-with-unsafe-eval", -10)
    elif "'unsafe-inline'" in style:
        results["csp"] = ("csp-implemented-with-unsafe-inline-in-style-src-only", 0)
    elif policy.get("default-src") == ["'none'"]:
        results["csp"] = ("csp-implemented-with-no-unsafe-default-src-none", 10)
    else:
        results["csp"] = ("csp-implemented-with-no-unsafe", 5)
    cookies = list(response.cookies.values())
    if not cookies:
        results["cookies"] = ("cookies-not-found", 0)
    elif not all(cookie["secure"] for cookie in cookies):
        results["cookies"] = ("cookies-without-secure-flag", -20)
    elif not all(cookie["httponly"] for cookie in cookies if "session" in cookie.key.lower()):
        results["cookies"] = ("cookies-session-without-httponly-flag", -30)
    elif all(cookie["samesite"] for cookie in cookies):
        results["cookies"] = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    else:
        results["cookies"] = ("cookies-secure-with-httponly-sessions", 0)
    allowed_origin = headers.get("Access-Control-Allow-Origin")
    results["cors"] = (
        ("cross-origin-resource-sharing-implemented-with-universal-access", -50)
        if (allowed_origin == "*")
        else ("cross-origin-resource-sharing-not-implemented", 0)
    )
    results["redirection"] = ("redirection-to-https", 0) if redirects_to_https else ("redirection-missing", -20)
    referrer = headers.get("Referrer-Policy", "")
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    if referrer in private:
        results["referrer"] = ("referrer-policy-private", 5)
    elif referrer == "unsafe-url":
        results["referrer"] = ("referrer-policy-unsafe", -5)
    else:
        results["referrer"] = ("referrer-policy-not-implemented", 0)
    hsts = re.search(r"max-age=(\d+)", headers.get("Strict-Transport-Security", ""))
    if not hsts:
        results["hsts"] = ("hsts-not-implemented", -20)
    elif int(hsts[1]) < 15768000:
        results["hsts"] = ("hsts-implemented-max-age-less-than-six-months", -10)
    else:
        results["hsts"] = ("hsts-implemented-max-age-at-least-six-months", 0)
    scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", response.content.decode())
    results["sri"] = (
        ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0)
        if all(src.startswith("/") and not src.startswith("//") for src in scripts)
        else ("sri-not-implemented-and-external-scripts-not-loaded-securely", -50)
    )
    results["nosniff"] = (
        ("x-content-type-options-nosniff", 0)
        if headers.get("X-Content-Type-Options") == "nosniff"
        else ("x-content-type-options-not-implemented", -5)
    )
    if policy.get("frame-ancestors") in (["'none'"], ["'self'"]):
        results["framing"] = ("x-frame-options-implemented-via-csp", 5)
    elif headers.get("X-Frame-Options") in {"DENY", "SAMEORIGIN"}:
        results["framing"] = ("x-frame-options-sameorigin-or-deny", 0)
    else:
        results["framing"] = ("x-frame-options-not-implemented", -20)
    corp = headers.get("Cross-Origin-Resource-Policy")
    results["corp"] = (
        ("corp-implemented-with-same-origin", 0) if corp == "same-origin" else ("corp-not-implemented", 0)
    )
    return results


def grade(results):
    penalties = sum(score for _name, score in results.values() if score < 0)
    bonuses = sum(score for _name, score in results.values() if score > 0)
    total = 100 + penalties + (bonuses if 100 + penalties >= 90 else 0)
    return total, "A+" if total >= 100 else "lower"


def test_the_home_page_scores_a_plus_with_no_penalty(production_like, https_client, home_page):
    redirect = Client().get("/", HTTP_HOST="portal.example.org")
    redirects_to_https = redirect.status_code == 301 and redirect["Location"] == "https://portal.example.org/"
    for url in ["/", "/accounts/login/", "/accounts/signup/"]:
        results = observatory(https_client.get(url), redirects_to_https=redirects_to_https)
        assert [name for name, score in results.values() if score < 0] == [], url
        assert grade(results) >= (115, "A+"), (url, results)
