"""Settings shared by every environment.

Everything that differs between a laptop and a server is read from the environment:
DATABASE_URL, ELASTICSEARCH_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG, SITE_URL (or PORT) and
the mail settings.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

PROJECT_DIR = Path(__file__).resolve().parent.parent  # config/
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use 1/0, true/false or yes/no.")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

INSTALLED_APPS = [
    "kennisbank",
    "lessons",
    "kennisdagen",
    "search",
    "dossiers",
    "knelpunten",
    "leerloop",
    "follow",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
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
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "kennisbank.middleware.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything touches the database: control characters get a 400, an unreachable
    # database a 503 maintenance page.
    "kennisbank.middleware.QueryStringGuardMiddleware",
    "kennisbank.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: refuses logins after too many failures.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "kennisbank.context_processors.site",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Database: SQLite file in the project folder unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a background import writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")

# Fail fast when the server is down (the 503 maintenance page answers within seconds), and
# check a persistent connection before reusing it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
    )
    # Server-side parameter binding, so that psycopg prepares a statement once it has run
    # `DB_PREPARE_THRESHOLD` times on a connection and PostgreSQL stops planning it again: a
    # page's 10 to 25 small queries (Wagtail's routing, the policy, taxonomy) cost a planning
    # each (figures with their load average: README, "The site under load", prepared
    # statements on PostgreSQL). Behind a pooler in transaction mode that cannot keep
    # prepared statements (PgBouncer before 1.21), set DB_PREPARE_THRESHOLD=off.
    threshold = os.environ.get("DB_PREPARE_THRESHOLD", "5").strip().lower()
    if threshold not in {"", "off", "none"} and not threshold.isdigit():
        raise ImproperlyConfigured(
            f"DB_PREPARE_THRESHOLD={threshold!r}: a whole number of runs, or 'off'"
        )
    DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
    DATABASES["default"]["OPTIONS"].setdefault(
        "prepare_threshold", int(threshold) if threshold.isdigit() else None
    )

    # PostgreSQL compiles a plan to machine code (JIT) once its estimated cost passes
    # `jit_above_cost` (100,000 by default), which a count over 50,000 lessons reaches:
    # the compile took 233 ms of a 404 ms count that runs in 105 ms without it, and site
    # search answered 5-15 % faster at p50 (README, "The site under load", JIT). JIT pays
    # off for analytical queries of seconds, not for a page's queries of milliseconds, so
    # it is off on the site's connections unless DB_JIT=on.
    jit = os.environ.get("DB_JIT", "off").strip().lower()
    if jit not in {"on", "off"}:
        raise ImproperlyConfigured(f"DB_JIT={jit!r}: 'on' or 'off'")
    if jit == "off":
        extra = DATABASES["default"]["OPTIONS"].get("options", "")
        DATABASES["default"]["OPTIONS"]["options"] = f"{extra} -c jit=off".strip()

DATABASE_VENDOR = (
    "postgresql"
    if "postgresql" in DATABASES["default"]["ENGINE"]
    else "sqlite"
    if "sqlite" in DATABASES["default"]["ENGINE"]
    else DATABASES["default"]["ENGINE"]
)

if DATABASE_VENDOR == "postgresql":
    # Wagtail's search index uses SearchVectorField/GinIndex, which need this app.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Content-Security-Policy on every response (Django's own CSP middleware). Scripts and styles
# come from this site only; an inline <script> or <style> needs the request's nonce
# (`{{ csp_nonce }}`), and inline style="" attributes are not allowed at all.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# The Wagtail admin starts its widgets with inline scripts that have no nonce: under /admin/
# (kennisbank.middleware.AdminContentSecurityPolicyMiddleware) inline scripts and styles are
# allowed; sources stay this site only. No nonce here: it would switch 'unsafe-inline' off.
SECURE_CSP_ADMIN = SECURE_CSP | {
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}

# The query-string guard (kennisbank/middleware.py): a search in the API with more words than
# this is refused with a 400 instead of reaching Wagtail's query parser.
API_SEARCH_MAX_TERMS = 32

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes) on both logins, /inloggen/ and the Wagtail admin: after
# AXES_FAILURE_LIMIT wrong attempts from one address, or for one user name, the next is
# refused (429) until the cool-off has passed. A correct login resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False
# Without a proxy in front, only the socket's address counts (a client cannot choose it);
# production reads the proxy's X-Forwarded-For instead.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LOGIN_URL = "kennisbank:login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/inloggen/"

# Internationalisation: the product speaks Dutch; English can follow through the locale files.
LANGUAGE_CODE = "nl"
# The site speaks Dutch; add ("en", "English") here once locale/en holds the translations.
# Offering it before would give visitors whose browser prefers English Dutch pages with
# English dates and messages mixed in.
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The one public base URL: every absolute URL (sitemap, feeds, .ics, API, mails, PDFs) starts
# with it. The Wagtail Site's hostname and port follow it at every `migrate` and `load_demo`
# (kennisbank/sites.py). In development it defaults to the port `make run` serves on.
PORT = os.environ.get("PORT") or "8000"
SITE_URL = (os.environ.get("SITE_URL") or os.environ.get("WAGTAILADMIN_BASE_URL") or "").rstrip("/")
_site_url = urlsplit(SITE_URL)
if SITE_URL and (_site_url.scheme not in {"http", "https"} or not _site_url.hostname):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} is not an http(s) URL.")
if SITE_URL and _site_url.path not in {"", "/"}:
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must not have a path.")
SITE_URL = SITE_URL or f"http://127.0.0.1:{PORT}"

# Where to report a vulnerability (/.well-known/security.txt).
SECURITY_CONTACT_EMAIL = os.environ.get("SECURITY_CONTACT_EMAIL", "security@kennisbank.example.nl")

# Wagtail
WAGTAIL_SITE_NAME = "Kennisbank Herstel Groningen"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_EXTENSIONS = ["pdf", "pptx", "docx", "xlsx", "odt", "odp", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILAPI_BASE_URL = SITE_URL
# Admin avatars without Gravatar: no outside request leaking a hash of the e-mail address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Documents always go through Wagtail's serve view, which checks collection privacy; the web
# server never serves /media/documents/ directly (deploy/nginx.conf refuses it).
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Search: Wagtail's database backend; on PostgreSQL it uses the Dutch text configuration.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASE_VENDOR == "postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "dutch"

# Fragment caches (`kennisbank.content_cache`) are keyed by a content generation that every
# write moves, except writes to these (app label or app.model): bookkeeping that no page
# fragment shows (sessions, logs, task results, the search index, admin state, renditions
# made while a page renders, follows). Anything not listed counts as content.
CONTENT_CACHE_IGNORE = [
    "auth.user",
    "auth.permission",
    "axes",
    "contenttypes",
    "django_tasks_database",
    "follow",
    "search",
    "sessions",
    "wagtailadmin",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailembeds",
    "wagtailimages.rendition",
    "wagtailsearch",
    "wagtailsearchpromotions",
    "wagtailusers",
]
CONTENT_CACHE_SECONDS = 60 * 60

# Background work (django-tasks, used by Wagtail 8). Immediate by default; production
# switches to the database-backed queue served by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Mail (Django 6.1 MAILERS): printed to the console in development. Only the SMTP backend
# takes a host and port; every other backend (console, file, locmem) gets no options.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mailer_from_env(default_backend: str) -> dict:
    backend = os.environ.get("EMAIL_BACKEND") or default_backend
    mailer = {"BACKEND": backend}
    if backend == SMTP_BACKEND:
        mailer["OPTIONS"] = {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "timeout": 10,
        }
        if os.environ.get("EMAIL_HOST_USER"):
            mailer["OPTIONS"]["username"] = os.environ["EMAIL_HOST_USER"]
            mailer["OPTIONS"]["password"] = os.environ.get("EMAIL_HOST_PASSWORD", "")
        if env_bool("EMAIL_USE_TLS", False):
            mailer["OPTIONS"]["use_tls"] = True
    elif backend == "django.core.mail.backends.filebased.EmailBackend":
        mailer["OPTIONS"] = {"file_path": os.environ.get("EMAIL_FILE_PATH", "/tmp/kennisbank-mail")}  # noqa: S108
    return mailer


MAILERS = {"default": mailer_from_env("django.core.mail.backends.console.EmailBackend")}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kennisbank@example.org")

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint reports every rendering step at INFO; only its warnings matter.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}

# Upload safety (kennisbank/uploads.py).
# Wagtail builds every document/image upload form on these bases, which check file content
# (not only the extension), refuse SVG and decompression bombs, and explain refusals in Dutch.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "kennisbank.uploads.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "kennisbank.uploads.SafeImageForm"
