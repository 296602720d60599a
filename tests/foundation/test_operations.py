"""Operational contract: production settings pass the deploy check; demo loading is idempotent;
the PostgreSQL leg refuses to run (loudly) without its server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    dropped = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped} | env
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x7#kQ2!pL9vR4mZ8wN1bT6yH3jF5dS0aG-cV_eU+iO*lK&nM$qP",
        ALLOWED_HOSTS="kennisbank.example.nl",
        SITE_URL="https://kennisbank.example.nl",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_site_url():
    result = _run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x7#kQ2!pL9vR4mZ8wN1bT6yH3jF5dS0aG-cV_eU+iO*lK&nM$qP",
        ALLOWED_HOSTS="kennisbank.example.nl",
        SITE_URL="",
    )
    assert result.returncode != 0
    assert "Set SITE_URL" in result.stderr


def test_production_settings_refuse_to_start_without_secret_key():
    result = _run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="",
        ALLOWED_HOSTS="kennisbank.example.nl",
        SITE_URL="https://kennisbank.example.nl",
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_postgres_leg_fails_loudly_when_the_server_is_unreachable():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/foundation/test_taxonomy.py::test_seed_has_the_domain_values",
        ],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": "postgres://postgres@127.0.0.1:1/kennisbank"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode not in (0, 5), result.stdout
    assert "cannot reach the server" in result.stdout + result.stderr
    assert "skipped" not in result.stdout


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_creates_a_login_per_role():
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    users_before = get_user_model().objects.count()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    User = get_user_model()
    assert User.objects.count() == users_before
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="redacteur").groups.filter(name="Redacteuren").exists()
    assert User.objects.get(username="organisator").groups.filter(name="Organisatoren").exists()
    assert User.objects.get(username="professional").groups.filter(name="Professionals").exists()


@pytest.mark.django_db
def test_a_second_load_demo_writes_no_revision_for_unchanged_pages():
    """Every `make run` loads the demo: unchanged pages get no new revision, no log entry
    and keep their `last_published_at` (else they would all be "new" in digests)."""
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    revisions, log_entries = Revision.objects.count(), PageLogEntry.objects.count()
    published = dict(Page.objects.values_list("pk", "last_published_at"))
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Revision.objects.count() == revisions
    assert PageLogEntry.objects.count() == log_entries
    assert dict(Page.objects.values_list("pk", "last_published_at")) == published
