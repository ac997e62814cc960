"""Production: everything secret or host-specific comes from the environment.

``deploy/portal.env.example`` lists every variable; the README's "Running it in
production" walks through them.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, STORAGES, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer asks for /health/ over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Cookies only over HTTPS; the __Host- prefix makes the browser refuse them unless they are
# Secure, for Path=/ and with no Domain, so no other host under the domain can set or read them.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Persistent connections: a request reuses its thread's connection (checked first) instead of
# opening a new one; DB_CONN_MAX_AGE=0 closes it after every request again.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE") or 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite on one server (the zero-setup default of `make serve`): readers never wait for the
    # writer (WAL); base settings already make a writer take its lock when its transaction starts.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"

# Uploaded media: the local disk (MEDIA_ROOT, served by nginx) unless an S3-compatible
# bucket is named; then django-storages (pip install '.[s3]') keeps them there.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
                "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
                "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "location": os.environ.get("AWS_LOCATION", "media"),
                "default_acl": None,
                "file_overwrite": False,
                "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            },
        },
    }
