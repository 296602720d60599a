"""Settings for the test suite: fast hashing, in-memory mail, isolated media folder."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-kennisbank-herstel-groningen"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="kennisbank-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

INSTALLED_APPS = [*INSTALLED_APPS, "bench", "demo"]  # noqa: F405

# The search query log (`search.analytics`) is written after every search request here, and
# no timer thread writes it: tests read it right after a search.
SEARCH_LOG_BATCH = 1
SEARCH_LOG_SECONDS = 0
