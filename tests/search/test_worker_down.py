"""With the production task queue and no worker, a change that narrows who may see a lesson
takes it out of anonymous search at once: hits, facet counts, suggestions, autocomplete and
"meer zoals dit". Nothing here waits for the queued re-analysis (it never runs)."""

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, ReferenceIndex

from lessons.models import LessonPage
from search import service
from search.models import SearchEntry
from tests.search.conftest import api, facet, suggestions, titles

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def lessons(database_engine, make_lesson):
    """Indexed while tasks run at once; the worker goes down after. The lesson first, so
    that the twin's "meer zoals dit", stored when the twin is indexed, includes it."""
    lesson = make_lesson(
        "Les over dijkwerkers",
        "Dijkwerkers en kwelsloten: het zandzakkenplan van Oosternieland.",
        tags=["zandzakken"],
        gemeente="Eemsdelta",
    )
    twin = make_lesson(
        "Tweelingles over dijkwerkers",
        "Dijkwerkers en kwelsloten in Oosternieland, dijkwerkers overal.",
        tags=["kwelsloten"],
    )
    return lesson, twin


@pytest.fixture
def worker_down(lessons):
    with override_settings(TASKS=DB_TASKS):
        yield


def assert_gone_for_anonymous(client, lesson, twin):
    data = api(client, q="dijkwerkers")
    assert titles(data) == [twin.title]
    assert "zandzakken" not in facet(data, "tag")
    assert "eemsdelta" not in facet(data, "gemeente")
    assert facet(data, "type") == {"les": 1}
    assert api(client, q="zandzakkenplan")["total"] == 0
    assert api(client, q="zandzakkenplann")["suggestion"] is None
    assert suggestions(client, "zandz") == []
    assert lesson.pk not in [hit.page_id for hit in service.related(twin.pk, None)]
    html = client.get("/zoeken/", {"q": "dijkwerkers"}).content.decode()
    assert lesson.title not in html


def test_before_any_change_the_lesson_is_found(client, lessons):
    lesson, twin = lessons
    data = api(client, q="dijkwerkers")
    assert set(titles(data)) == {lesson.title, twin.title}
    assert facet(data, "tag")["zandzakken"] == 1
    assert "zandzakkenplan" in suggestions(client, "zandz")
    assert lesson.pk in [hit.page_id for hit in service.related(twin.pk, None)]


def test_restricting_a_lesson_removes_it_at_once(
    client, lessons, worker_down, django_capture_on_commit_callbacks
):
    lesson, twin = lessons
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.zichtbaarheid = "professionals"
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    assert DBTaskResult.objects.exists()  # the re-analysis waits in the queue
    assert not SearchEntry.objects.filter(page_id=lesson.pk, audience="openbaar").exists()
    assert_gone_for_anonymous(client, lesson, twin)


def test_unpublishing_a_lesson_removes_it_at_once(
    client, lessons, worker_down, django_capture_on_commit_callbacks
):
    lesson, twin = lessons
    with django_capture_on_commit_callbacks(execute=True):
        lesson.unpublish()
    assert DBTaskResult.objects.exists()
    assert not SearchEntry.objects.filter(page_id=lesson.pk).exists()
    assert_gone_for_anonymous(client, lesson, twin)


def test_deleting_a_lesson_removes_it_at_once(
    client, lessons, worker_down, django_capture_on_commit_callbacks
):
    lesson, twin = lessons
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=lesson.pk).delete()
    assert not SearchEntry.objects.filter(page_id=lesson.pk).exists()
    assert_gone_for_anonymous(client, lesson, twin)


def test_moving_a_lesson_under_a_restricted_page_removes_it_at_once(
    client, lessons, worker_down, home_page, restrict, django_capture_on_commit_callbacks
):
    lesson, twin = lessons
    archive = home_page.add_child(instance=Page(title="Intern archief", slug="intern"))
    restrict(archive, "login")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=lesson.pk).move(archive, pos="last-child")
    assert DBTaskResult.objects.exists()
    assert SearchEntry.objects.get(page_id=lesson.pk).audience == "ingelogd"
    assert_gone_for_anonymous(client, lesson, twin)


def test_a_dossier_stops_quoting_a_lesson_that_is_restricted(
    client, lessons, make_dossier, django_capture_on_commit_callbacks
):
    lesson, twin = lessons
    dossier = make_dossier("Dossier dijkwerk", key_lessons=[(lesson, "De zandzakkennotitie telt.")])
    # What Wagtail's reference-index task records after the dossier's save (a background
    # task in production, done before the lesson changes here).
    ReferenceIndex.create_or_update_for_object(dossier.specific)
    assert ReferenceIndex.get_references_to(lesson).exists()
    assert api(client, q="zandzakkennotitie")["total"] == 1
    with override_settings(TASKS=DB_TASKS):
        lesson = LessonPage.objects.get(pk=lesson.pk)
        lesson.zichtbaarheid = "professionals"
        with django_capture_on_commit_callbacks(execute=True):
            lesson.save_revision().publish()
    assert api(client, q="zandzakkennotitie")["total"] == 0
    assert titles(api(client, q="dijkwerk")) == ["Dossier dijkwerk"]
