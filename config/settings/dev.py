"""Development settings: what `make run` uses. Not for a server."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine on a laptop; production refuses to start without SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-kennisbank-herstel-groningen"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# Benchmarks (`make bench-*`) and the demo content (`make run` → `load_demo`) run with these
# settings; production installs neither.
INSTALLED_APPS = [*INSTALLED_APPS, "bench", "demo"]  # noqa: F405
