"""'Meer zoals dit' is never computed in a page view: the index task stores it when it
re-indexes a page, a view that finds no current set queues `refresh_task` and renders with
what is stored (filtered through the visibility policy), and a bulk import computes none.

Production queues tasks for the worker; these tests use django-tasks' dummy backend where
they need to see what a view queued without running it."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django_tasks import default_task_backend

from lessons import services
from lessons.models import LessonPage
from lessons.parser import LessonData
from search import related as store
from search.indexer import sync_page_task
from search.models import RelatedSet, SearchEntry

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def lessons(database_engine, make_lesson):
    twin = make_lesson("Dijkwerkers bij de kwelsloten", "Kwelsloten en dijkwerkers in het gebied.")
    source = make_lesson("Dijkwerkers in Oosternieland", "Dijkwerkers en kwelsloten, dijkwerkers.")
    return source, twin


@pytest.fixture
def engine_calls(monkeypatch):
    calls = []
    original = store._ask_engine

    def counting(page_id):
        calls.append(page_id)
        return original(page_id)

    monkeypatch.setattr(store, "_ask_engine", counting)
    return calls


@pytest.fixture
def queued(settings):
    """Tasks are queued, not run; the related-set refreshes queued (a live list)."""
    settings.TASKS = DUMMY_TASKS

    class Refreshes:
        def __iter__(self):
            return iter(r for r in default_task_backend.results if r.task.name == "refresh_task")

        def __len__(self):
            return len(list(iter(self)))

        def __getitem__(self, index):
            return list(iter(self))[index]

    return Refreshes()


def test_the_index_task_stores_the_set_of_the_page_it_indexed(lessons):
    source, twin = lessons
    RelatedSet.objects.all().delete()
    sync_page_task.call(source.pk)
    row = RelatedSet.objects.get(page_id=source.pk)
    assert row.entry_id == SearchEntry.objects.get(page_id=source.pk).pk
    assert twin.pk in store._parse(row.related_ids)


def test_a_cold_lesson_page_does_not_ask_the_engine_and_queues_the_refresh(
    client, lessons, engine_calls, queued
):
    source, _twin = lessons
    RelatedSet.objects.all().delete()
    assert client.get(source.url).status_code == 200
    assert engine_calls == []
    assert not RelatedSet.objects.filter(page_id=source.pk).exists()
    assert [(r.task.name, r.args) for r in queued] == [("refresh_task", [source.pk])]


def test_a_page_viewed_again_before_the_worker_ran_queues_its_refresh_once(client, lessons, queued):
    source, _twin = lessons
    RelatedSet.objects.all().delete()
    for _ in range(3):
        client.get(source.url)
    assert len(queued) == 1


def test_the_queued_refresh_stores_the_set(lessons, queued):
    source, twin = lessons
    RelatedSet.objects.all().delete()
    store.related_ids(source.pk, AnonymousUser())
    store.refresh_task.call(*queued[0].args)
    assert twin.pk in store._parse(RelatedSet.objects.get(page_id=source.pk).related_ids)


def test_a_stale_set_is_shown_through_the_policy_while_its_refresh_is_queued(
    lessons, make_lesson, engine_calls, queued
):
    source, twin = lessons
    secret = make_lesson("Vertrouwelijk", "Geheim.", zichtbaarheid="professionals")
    RelatedSet.objects.filter(page_id=source.pk).update(
        entry_id=-1, related_ids=f"{secret.pk},{twin.pk}"
    )
    engine_calls.clear()
    assert store.related_ids(source.pk, AnonymousUser()) == [twin.pk]
    assert engine_calls == []
    assert len(queued) == 1


def test_a_bulk_import_stores_no_related_sets(
    database_engine, lesson_index, django_capture_on_commit_callbacks
):
    items = [
        LessonData(
            slug=f"dijkwerk-{n}",
            title=f"Les {n} over dijkwerk",
            soort="les",
            fase="werkt",
            samenvatting="Over dijkwerk.",
            datum=datetime.date(2026, 3, 1),
            body="Het dijkwerk ging goed.",
        )
        for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pages = services.bulk_create_lessons(items, lesson_index)
    ids = [page.pk for page in pages]
    assert SearchEntry.objects.filter(page_id__in=ids).count() == 3  # indexed, ...
    assert not RelatedSet.objects.filter(page_id__in=ids).exists()  # ... nothing computed
    assert LessonPage.objects.filter(pk__in=ids, live=True).count() == 3
