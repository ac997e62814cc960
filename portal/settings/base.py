"""Settings shared by every environment.

Safe by default: DEBUG is off, and every secret and host comes from the
environment. ``dev``, ``test`` and ``production`` adjust from here.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A refused form says so in the site's language and leads back to the form (not Django's bare 403).
CSRF_FAILURE_VIEW = "home.views.csrf_failure"

INSTALLED_APPS = [
    # Our apps first, so that their templates and translations win.
    "accounts",
    "home",
    "campaigns",
    "mentoring",
    "privacy",
    "ops",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "health_check",
    "django_ratelimit",  # installed for its system check: it refuses a cache that cannot count
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",  # the form renderer (TemplatesSetting) finds Django's widget templates here
]

MIDDLEWARE = [
    # An ETag on every page, so that a browser asking again gets "304 Not Modified". Outermost:
    # the 304 keeps only the headers a browser updates its copy with (RFC 9110), so that the
    # fallback policy below, meant for files, never lands on a cached page (its styles and
    # scripts would then be refused).
    "django.middleware.http.ConditionalGetMiddleware",
    # First, so that every response gets its headers: static files answered by whitenoise,
    # and the redirect to HTTPS that SecurityMiddleware answers before anything else runs.
    "portal.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages from the shared cache (home.pagecache): a page from the cache skips everything
    # below, whose headers it carries from when it was stored; the CSRF cookie a form needs is set
    # as the CSRF middleware would.
    "home.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail site from the cache, with its root page (home.layout).
    "home.layout.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.middleware.AdminAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the zero-setup default; DATABASE_URL selects PostgreSQL. Production keeps
# connections open between requests (DB_CONN_MAX_AGE) and checks them before reuse.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE") or 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A writer takes SQLite's lock when its transaction starts and waits its turn, instead of
    # failing with "database is locked" when two requests (the editor's save and Wagtail's
    # autosave) upgrade their read locks at once; production adds WAL on top.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's and allauth's backends, each loading the signed-in user with their admin profile and
# "has a second factor", and their permissions, in one query each (accounts.backends).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]

# Languages: Latvian first (served without a prefix), English under /en/.
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", "Latviešu"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's Latvian for the admin's packages (Wagtail, wagtail-localize, taggit), loaded over
# their own: what they lack or get wrong (home/catalogue.py, `manage.py admin_catalogue`).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Riga"
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "Bauskas SOS ģimeņu atbalsta centrs"
# The site's public address: every absolute link made without a request (mail, jobs) starts here.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
# Private pages and documents (the mentor's handbook) send visitors to allauth's sign-in, not Wagtail's own form.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database backend, each word of a query matched by its stem ("nometne" finds "nometnes").
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search_backend"}}
# Uploads: the types editors may upload (SVG never: it can carry script) and their sizes.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photograph; larger ones would exhaust memory
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth resets passwords
# E-mail and password are changed on allauth's pages, which ask for the password again;
# the admin's own account page would change them without.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILEMBEDS_FINDERS = []  # closed network: no oEmbed look-ups
# Page addresses are plain ASCII: Latvian letters are transliterated ("dāvanas" → "davanas").
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Everything a person reads in the admin is in the centre's time zone (no per-user choice).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
# Starting a translation makes a draft: the copy goes live only when a translator publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin would ask releases.wagtail.org (and break its CSP)

# Accounts (django-allauth): e-mail is the login, verified before use.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# The link in the confirmation mail, opened in the browser that signed up, signs the person in and
# goes on where they were headed ("Become a mentor" -> the application form); anywhere else (another
# device, a session gone) it confirms the address and asks for the password, as before.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up answers alike, and as fast, for a known and a new address (accounts.forms.SignupForm);
# the owner of a known address gets a mail saying they already have an account.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
# Changing e-mail addresses or two-factor sign-in asks for the password again (the password
# change form asks for the current one itself); a re-entered password counts for 5 minutes.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
# Failed sign-ins: the 11th within 5 minutes from one address, or within 15 minutes for one
# account, answers 429 (accounts.adapter.AccountAdapter turns allauth's form error into it).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/5m/ip,10/15m/key"}
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# Two-factor sign-in (allauth.mfa): an authenticator app, security keys (WebAuthn) and
# recovery codes. Whoever can open the admin must set one up first (accounts.middleware).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Bauskas SOS centrs"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_REAUTHENTICATION_REQUIRED = True

# The visitor's address: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies of our own, the
# X-Forwarded-For entry the outermost of them wrote (accounts.network.client_ip). allauth's
# and django-ratelimit's limits both count by it, so a forged header changes nothing.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
RATELIMIT_IP_META_KEY = "accounts.network.client_ip"

# Sessions: whoever can open the admin is signed out after STAFF_SESSION_IDLE_TIMEOUT seconds
# without a request and STAFF_SESSION_MAX_AGE seconds after signing in (accounts.middleware);
# donors, applicants and mentors keep a session for two weeks.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
STAFF_SESSION_IDLE_TIMEOUT = int(os.environ.get("STAFF_SESSION_IDLE_TIMEOUT") or 30 * 60)
STAFF_SESSION_MAX_AGE = int(os.environ.get("STAFF_SESSION_MAX_AGE") or 10 * 60 * 60)

# Mail: every message is queued as a task, so that a slow or failing mail
# server never blocks or breaks a request; the task hands it to the real backend.
EMAIL_BACKEND = "home.mail.TaskEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Bauskas SOS centrs <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAIL_RETRY_DELAYS = [60, 300, 1800, 7200]  # seconds between attempts to send a message

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Caches. REDIS_URL (e.g. redis://127.0.0.1:6379/0) puts the shared cache in Redis, through a
# backend that serves uncached instead of failing when Redis goes away (ops/cache.py). Without
# it the database cache is the zero-setup shared cache, capped in size. Wagtail's image
# renditions are looked up on every page view: they go to Redis or to each process's memory,
# never to the database cache (a write per image per view otherwise).
# Rate-limit counters have a cache of their own ("ratelimit"), which nothing else fills, culls
# or clears, and whose increments are atomic: Redis (INCRBY) with REDIS_URL, else a table of
# counters that the database adds to (ops.cache.DatabaseCounterCache). Django's database cache
# would not do: it increments by reading and writing back, so two pledges at the same moment
# count as one, and django-ratelimit's check refuses it.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "portal"},
        "renditions": {
            "BACKEND": "ops.cache.RenditionRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "renditions",
            "TIMEOUT": 60 * 60 * 24,
        },
        "ratelimit": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "ratelimit"},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
        },
        "renditions": {
            "BACKEND": "ops.cache.RenditionLocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "ratelimit": {"BACKEND": "ops.cache.DatabaseCounterCache", "LOCATION": "default"},
    }
RATELIMIT_USE_CACHE = "ratelimit"
# Sessions: with Redis, read from the cache and written to both (Django's cached_db, the cache's
# copy kept a few minutes: accounts/session_store.py), so a signed-in request costs no session
# query; the database stays the record (a cache miss or a Redis outage reads it). Without Redis
# the "default" cache is a table itself: sessions stay in theirs.
SESSION_ENGINE = "accounts.session_store" if REDIS_URL else "django.contrib.sessions.backends.db"

# Public pages from the shared cache ("default": Redis with REDIS_URL, else the database cache):
# anonymous GETs of pages that opt in (every Wagtail page unless its type says no), fresh after
# every change that shows (home/pagecache.py; DEVELOPERS.md, "Caching"). PAGE_CACHE=off turns it
# off. Browsers and proxies (nginx's microcache) may keep a public page PAGE_CACHE_MAX_AGE seconds.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT") or 10 * 60)
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE") or 5)
# django-ratelimit warns (W001, "not officially supported") about every cache it does not list,
# Django's own Redis cache and the counter table among them; both count atomically (tested in
# tests/security/test_rate_limit_cache.py). Its errors for caches that cannot count (E003:
# local memory, files, the database cache) stay on.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
# When the cache cannot count (Redis away), a pledge is let through rather than refused:
# the database still holds every rule that matters (quantities, double submits).
RATELIMIT_FAIL_OPEN = True

# Limits that fit real people (home.limits): each counts what was done, never a refused form.
# One address may be a whole school or parish hall, so it gets many; one e-mail address, one
# browser session or one account gets a few. A rate is "<how many>/<period>": s, m, h or d,
# optionally with a number (60/h, 100/d, 3/10m). The README lists them.
RATE_LIMITS = {
    "pledge_per_ip": os.environ.get("RATE_LIMIT_PLEDGE_PER_IP") or "60/h",
    "pledge_per_email": os.environ.get("RATE_LIMIT_PLEDGE_PER_EMAIL") or "5/h",
    "pledge_per_session": os.environ.get("RATE_LIMIT_PLEDGE_PER_SESSION") or "10/h",
    "application_per_ip": os.environ.get("RATE_LIMIT_APPLICATION_PER_IP") or "20/h",
    "application_per_account": os.environ.get("RATE_LIMIT_APPLICATION_PER_ACCOUNT") or "3/h",
    "signup_per_ip": os.environ.get("RATE_LIMIT_SIGNUP_PER_IP") or "30/h",
    "signup_per_email": os.environ.get("RATE_LIMIT_SIGNUP_PER_EMAIL") or "3/h",
    "certificate_check_per_ip": os.environ.get("RATE_LIMIT_CERTIFICATE_CHECK_PER_IP") or "30/h",
}
# The public forms' quiet checks (home.humans): sent sooner than this many seconds after the
# page was shown, or later than HUMAN_FORM_MAX_AGE seconds, a form is refused with a message
# and everything typed kept.
HUMAN_FORM_MIN_SECONDS = int(os.environ.get("HUMAN_FORM_MIN_SECONDS") or 3)
HUMAN_FORM_MAX_AGE = int(os.environ.get("HUMAN_FORM_MAX_AGE") or 12 * 60 * 60)

# Content Security Policy (portal.middleware.ContentSecurityPolicyMiddleware): nothing from
# elsewhere, no inline script or style, no <base>, no plugins, never framed. The admin gets
# ADMIN_CONTENT_SECURITY_POLICY on top: Wagtail sets inline styles and frames its own previews;
# its inline scripts are rewritten to data (accounts/templates/wagtailadmin, accounts.admin_csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# What every response that has none of its own gets (static files, documents, redirects).
FALLBACK_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

X_FRAME_OPTIONS = "DENY"  # Wagtail lets its own previews be framed by the admin
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Browser features the site never uses are switched off for it and anything it frames;
# security keys (WebAuthn) stay on for the site itself.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "sync-xhr": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Private pledge links and e-mail addresses never reach a log (ops/logmask.py).
    "filters": {"mask_private_paths": {"()": "ops.logmask.MaskPrivatePaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_private_paths"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # runserver's request lines: Django's default handler for them would not mask.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # What the retention job and erasures removed (counts only) is kept in the log.
        "privacy": {"level": "INFO"},
    },
}
