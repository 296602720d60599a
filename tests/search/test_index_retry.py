"""A background index task that meets a deadlock is tried again and leaves the index in
sync; so does the index write after a bulk import. A real deadlock cannot be produced on
demand, so the engine's write raises the error PostgreSQL raises (a Django
`OperationalError` caused by psycopg's `DeadlockDetected`) on its first call."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, OperationalError, transaction
from django.test import override_settings
from django_tasks import TaskResultStatus
from psycopg import errors as pg_errors

from lessons import services
from lessons.parser import LessonData
from search.engines.database import DatabaseEngine
from search.indexer import is_transient, sync_page_task
from search.models import SearchEntry

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def deadlock() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = pg_errors.DeadlockDetected("deadlock detected")
    return error


@pytest.mark.django_db
def test_a_deadlocked_index_task_is_retried_and_the_index_ends_in_sync(
    database_engine, make_lesson, monkeypatch
):
    with override_settings(TASKS=DB_TASKS):  # the worker is down while the lesson is made
        lesson = make_lesson("Les over de dijkversterking", "dijkversterking")
    assert not SearchEntry.objects.filter(page_id=lesson.pk).exists()

    calls = []
    real_index = DatabaseEngine.index

    def index_deadlocking_once(self, documents):
        calls.append(1)
        if len(calls) == 1:
            raise deadlock()
        return real_index(self, documents)

    monkeypatch.setattr(DatabaseEngine, "index", index_deadlocking_once)
    result = sync_page_task.enqueue(lesson.pk)  # the immediate backend runs it here
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(calls) == 2
    call_command("search_index", "check")  # raises CommandError on drift


@pytest.mark.django_db
def test_an_index_task_gives_up_after_a_few_attempts_and_says_so(
    database_engine, make_lesson, monkeypatch, caplog
):
    lesson = make_lesson("Les over de dijkversterking", "dijkversterking")

    def always_deadlocked(self, documents):
        raise deadlock()

    monkeypatch.setattr("search.indexer.RETRY_DELAYS", (0, 0))
    monkeypatch.setattr(DatabaseEngine, "index", always_deadlocked)
    result = sync_page_task.enqueue(lesson.pk)
    assert result.status == TaskResultStatus.FAILED
    assert "attempt 3 of 3" in caplog.text


def test_transient_errors_are_deadlocks_serialization_failures_and_locked_sqlite():
    assert is_transient(deadlock())
    serialization = OperationalError("could not serialize access")
    serialization.__cause__ = pg_errors.SerializationFailure("could not serialize access")
    assert is_transient(serialization)
    assert is_transient(OperationalError("database is locked"))
    assert is_transient(IntegrityError("UNIQUE constraint failed: search_searchentry.page_id"))
    assert not is_transient(IntegrityError("UNIQUE constraint failed: auth_user.username"))
    assert not is_transient(OperationalError("no such table: search_searchentry"))


@pytest.mark.django_db
def test_a_bulk_import_whose_index_write_deadlocks_is_retried_and_the_index_ends_in_sync(
    database_engine, lesson_index, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    real_index = DatabaseEngine.index

    def index_deadlocking_once(self, documents):
        calls.append(1)
        if len(calls) == 1:
            raise deadlock()
        return real_index(self, documents)

    monkeypatch.setattr(DatabaseEngine, "index", index_deadlocking_once)
    items = [
        LessonData(
            slug=f"dijkversterking-{n}",
            title=f"Les {n} over de dijkversterking",
            soort="les",
            fase="werkt",
            samenvatting="Over de dijkversterking.",
            datum=datetime.date(2026, 3, 1),
            body="De dijkversterking ging goed.",
        )
        for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pages = services.bulk_create_lessons(items, lesson_index)
    assert len(calls) == 2
    assert set(SearchEntry.objects.values_list("page_id", flat=True)) == {p.pk for p in pages}
    call_command("search_index", "check")  # raises CommandError on drift
