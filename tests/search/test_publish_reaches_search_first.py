"""After a publish, the site search's sync is the first task the worker takes: queued with
a higher priority than Wagtail's reference and admin search tasks that the same publish
queues, and the production worker looks for tasks ten times a second."""

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from bench import site
from lessons.models import LessonPage
from search.indexer import sync_page_task

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_publish_queues_the_site_search_sync_ahead_of_wagtails_tasks(
    database_engine, make_lesson, django_capture_on_commit_callbacks
):
    lesson = LessonPage.objects.get(pk=make_lesson("Les over dijkwerkers").pk)
    with override_settings(TASKS=DB_TASKS):
        lesson.title = "Les over dijkwerkers en kwelsloten"
        with django_capture_on_commit_callbacks(execute=True):
            lesson.save_revision().publish()
    ready = list(DBTaskResult.objects.ready())  # in the order the worker takes them
    assert len(ready) > 1  # Wagtail's own tasks wait too
    assert ready[0].task_path.endswith(sync_page_task.func.__name__)
    assert ready[0].task_result.args == [lesson.pk]


def test_the_production_worker_polls_ten_times_a_second_and_the_benchmark_runs_it_so():
    args = site.worker_args()
    assert args[0] == "db_worker"
    assert float(args[args.index("--interval") + 1]) <= 0.1
