"""PostgreSQL statements are bound on the server and prepared after `DB_PREPARE_THRESHOLD`
runs on a connection (config/settings/base.py), so that a page's many small queries are not
planned again on every request; the setting can be turned off for a pooler that cannot keep
prepared statements, and a wrong value stops the start with a clear message. Its connections
run without JIT compilation (`DB_JIT`), which costs more than a page's queries take."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from lessons.models import LessonPage

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = "postgres://kennisbank@127.0.0.1:5432/kennisbank"  # never connected to below


def _printed(expression: str, **env) -> subprocess.CompletedProcess:
    """What `expression` over the database OPTIONS (`o`) that the settings build for a
    PostgreSQL URL prints, in a fresh process."""
    unset = {"DB_PREPARE_THRESHOLD", "DB_JIT"}
    full = {k: v for k, v in os.environ.items() if k not in unset}
    full |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": POSTGRES} | env
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            f"o = settings.DATABASES['default']['OPTIONS']; print({expression})",
        ],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _options(**env) -> subprocess.CompletedProcess:
    return _printed("o['server_side_binding'], o['prepare_threshold']", **env)


def _connection_options(**env) -> subprocess.CompletedProcess:
    return _printed("repr(o.get('options', ''))", **env)


def test_postgresql_binds_on_the_server_and_prepares_after_five_runs_by_default():
    done = _options()
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "5"]


@pytest.mark.parametrize("value", ["off", ""])
def test_prepared_statements_can_be_turned_off_for_a_pooler(value):
    done = _options(DB_PREPARE_THRESHOLD=value)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "None"]


def test_a_threshold_that_is_not_a_number_stops_the_start_with_a_clear_message():
    done = _options(DB_PREPARE_THRESHOLD="vijf")
    assert done.returncode != 0
    assert "DB_PREPARE_THRESHOLD='vijf': a whole number of runs, or 'off'" in done.stderr


@pytest.mark.django_db
def test_a_query_run_again_on_a_connection_is_prepared_on_postgresql(make_lesson):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    lesson = make_lesson("Voorbereid", "## Situatie\nEen les.")
    for _ in range(connection.settings_dict["OPTIONS"]["prepare_threshold"] + 1):
        assert LessonPage.objects.filter(slug=lesson.slug).get().pk == lesson.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "lessons_lessonpage"%'],
        )
        assert cursor.fetchone()[0] >= 1


def test_postgresql_connections_run_without_jit_by_default():
    done = _connection_options()
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "'-c jit=off'"


def test_jit_can_be_left_to_the_server():
    done = _connection_options(DB_JIT="on")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "''"


def test_a_jit_value_other_than_on_or_off_stops_the_start_with_a_clear_message():
    done = _connection_options(DB_JIT="soms")
    assert done.returncode != 0
    assert "DB_JIT='soms': 'on' or 'off'" in done.stderr


@pytest.mark.django_db
def test_the_site_connection_to_postgresql_has_jit_off():
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
