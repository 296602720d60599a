"""`schedule_sync` queues each page once per transaction, however many signals name it, and
a rollback never costs a page its sync. The queue is the real database task backend (the
worker is down), so what is counted is what a worker would run."""

from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from search.indexer import schedule_sync, sync_page_task

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued() -> Counter:
    """page id -> how many index syncs wait in the queue for it."""
    return Counter(
        row.args_kwargs["args"][0]
        for row in DBTaskResult.objects.filter(task_path__endswith=sync_page_task.func.__name__)
    )


@pytest.fixture
def worker_down():
    with override_settings(TASKS=DB_TASKS):
        yield


def test_a_page_scheduled_by_several_signals_in_one_transaction_is_queued_once(
    worker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        schedule_sync([11])  # the publish
        schedule_sync([11])  # the derived restriction's row
        schedule_sync([11, 12])  # its groups, and a descendant
        assert not queued()  # nothing before the commit
    assert queued() == Counter({11: 1, 12: 1})


def test_each_transaction_queues_its_own_pages(worker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        schedule_sync([11])
    with django_capture_on_commit_callbacks(execute=True):
        schedule_sync([11, 12])
    assert queued() == Counter({11: 2, 12: 1})


def test_a_rolled_back_savepoint_takes_only_its_own_pages_along(
    worker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            schedule_sync([11, 12])
            raise RuntimeError("the savepoint is rolled back")
        schedule_sync([12, 13])
    assert queued() == Counter({12: 1, 13: 1})


def test_pages_scheduled_before_a_captured_block_do_not_swallow_those_inside_it(
    worker_down, django_capture_on_commit_callbacks
):
    # What a test fixture does: schedule outside any captured block (never run), then
    # publish inside one. The block's own pages must still be queued.
    schedule_sync([11])
    with django_capture_on_commit_callbacks(execute=True):
        schedule_sync([11, 12])
    assert queued() == Counter({11: 1, 12: 1})
