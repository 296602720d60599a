"""Operations: mail works with every backend the README allows, and an unreachable database
gives the 503 maintenance page quickly, with Retry-After and no traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x7#kQ2!pL9vR4mZ8wN1bT6yH3jF5dS0aG-cV_eU+iO*lK&nM$qP",
    "ALLOWED_HOSTS": "testserver,kennisbank.example.nl",
    "SITE_URL": "https://kennisbank.example.nl",
    "SECURE_SSL_REDIRECT": "0",
}


def _python(code, **env):
    dropped = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_BACKEND"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped} | PRODUCTION_ENV | env
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


SEND = (
    "from django.core.mail import send_mail\n"
    "send_mail('Onderwerp', 'Een nieuwe les', 'kb@example.org', ['lezer@example.org'])\n"
)


def test_console_mail_backend_sends_without_smtp_options():
    result = _python(SEND, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    assert result.returncode == 0, result.stderr
    assert "Subject: Onderwerp" in result.stdout


def test_file_mail_backend_writes_the_message(tmp_path):
    result = _python(
        SEND,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    [written] = list(tmp_path.iterdir())
    assert "Subject: Onderwerp" in written.read_text()


def test_smtp_backend_gets_host_and_port():
    result = _python(
        "from django.core.mail import mailers\n"
        "m = mailers['default']\n"
        "print(type(m).__module__, m.host, m.port)\n",
        EMAIL_HOST="smtp.example.nl",
        EMAIL_PORT="587",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.mail.backends.smtp", "smtp.example.nl", "587"]


@pytest.mark.parametrize("path", ["/", "/zoeken/?q=stutten", "/lessen/", "/api/v2/pages/"])
def test_unreachable_database_gives_the_maintenance_page_quickly(path):
    # The request alone is timed (inside the process): start-up is not the visitor's wait.
    result = _python(
        "import time\n"
        "from django.test import Client\n"
        "client = Client()\n"
        "started = time.monotonic()\n"
        f"r = client.get({path!r})\n"
        "print(r.status_code, r.get('Retry-After'), round(time.monotonic() - started, 3))\n"
        "print(r.content.decode())\n",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/kennisbank",
    )
    assert result.returncode == 0, result.stderr
    first_line, body = result.stdout.split("\n", 1)
    status, retry_after, elapsed = first_line.split()
    assert (status, retry_after) == ("503", "120")
    assert "even niet beschikbaar" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert float(elapsed) < 4  # connect timeout 3 s; a refused connection fails at once
