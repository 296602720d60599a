"""Production settings: secure defaults; SECRET_KEY and ALLOWED_HOSTS come from the environment.

Passes `python manage.py check --deploy` without warnings.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SMTP_BACKEND, env_bool, mailer_from_env

DEBUG = env_bool("DEBUG", False)
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (50+ random characters).")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment, e.g. kennisbank.example.nl")
if not os.environ.get("SITE_URL"):
    raise ImproperlyConfigured(
        "Set SITE_URL in the environment: the public base URL, e.g. https://kennisbank.example.nl"
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN themselves.

# One cache shared by every worker process, so that limits such as the knelpunten rate limit
# hold across processes; in the database, so nothing extra to run (`createcachetable`).
# Page fragments (`kennisbank.content_cache`) have a table of their own, so that their many
# entries never cull the default cache's (such as the rate limit's).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kennisbank_cache",
    },
    "fragments": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kennisbank_fragment_cache",
        "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
    },
}

# Background work runs in a separate `manage.py db_worker` process.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MAILERS = {"default": mailer_from_env(SMTP_BACKEND)}

# Persistent connections: one per worker thread, health-checked before reuse (base.py).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405

# Behind the reverse proxy (deploy/nginx.conf), which overwrites X-Forwarded-For with the
# client's address and is the only thing that reaches gunicorn (loopback), django-axes counts
# failed logins per that address.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
