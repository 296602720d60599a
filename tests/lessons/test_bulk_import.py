"""The bulk path of a large import writes lessons Wagtail can work with like any other page."""

from pathlib import Path

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, PageLogEntry, PageViewRestriction, ReferenceIndex

from lessons.importer import Importer
from lessons.models import LessonIndexPage, LessonPage
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "lessons"


def lesson_file(tmp_path, slug, *, zichtbaarheid="openbaar", samenvatting="Kort en goed."):
    path = tmp_path / f"{slug}.md"
    path.write_text(
        "---\n"
        f"title: Les {slug}\n"
        f"slug: {slug}\n"
        "soort: les\n"
        "fase: werkt\n"
        f"samenvatting: {samenvatting}\n"
        "datum: 2026-01-02\n"
        "gebied: Oosternieland\n"
        "organisaties: [IMG, NCG]\n"
        "tags: [aanspreekpunt]\n"
        f"zichtbaarheid: {zichtbaarheid}\n"
        "toegepast_in:\n"
        "  - gebied: Ten Boer-West\n"
        "    datum: 2026-03-01\n"
        "    resultaat: Overgenomen.\n"
        "---\n## Situatie\nBewoners wisten niet bij wie ze terecht konden.\n",
        encoding="utf-8",
    )
    return path


def test_new_lessons_keep_the_page_tree_valid(tmp_path):
    Importer().run([lesson_file(tmp_path, f"les-{n}") for n in range(5)])
    index = LessonIndexPage.objects.get()
    assert index.numchild == 5
    assert index.get_children().count() == 5
    assert Page.find_problems() == ([], [], [], [], [])
    assert LessonPage.objects.get(slug="les-3").url == "/lessen/les-3/"


def test_new_lessons_are_added_after_existing_children(tmp_path):
    Importer().run([lesson_file(tmp_path, "eerste")])
    Importer().run([lesson_file(tmp_path, "tweede")])
    slugs = [p.slug for p in LessonIndexPage.objects.get().get_children()]
    assert slugs == ["eerste", "tweede"]
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_bulk_created_lesson_has_a_revision_and_create_and_publish_log_entries(tmp_path):
    Importer().run([lesson_file(tmp_path, "les")])
    lesson = LessonPage.objects.get(slug="les")
    assert lesson.live and lesson.live_revision == lesson.latest_revision
    restored = lesson.latest_revision.as_object()
    assert restored.samenvatting == "Kort en goed."
    assert [o.afkorting for o in restored.organisaties.all()] == ["IMG", "NCG"]
    actions = set(PageLogEntry.objects.filter(page=lesson).values_list("action", flat=True))
    assert actions == {"wagtail.create", "wagtail.publish"}


def test_a_bulk_created_lesson_opens_in_the_admin_and_takes_a_new_revision(
    tmp_path, client, editor
):
    Importer().run([lesson_file(tmp_path, "les")])
    lesson = LessonPage.objects.get(slug="les")
    client.force_login(editor)
    assert client.get(f"/admin/pages/{lesson.pk}/edit/").status_code == 200
    revision = lesson.save_revision(user=editor)
    revision.publish(user=editor)
    lesson.refresh_from_db()
    assert lesson.live_revision == revision


def test_a_professionals_only_lesson_gets_wagtails_group_restriction(tmp_path):
    Importer().run([lesson_file(tmp_path, "besloten", zichtbaarheid="professionals")])
    restriction = PageViewRestriction.objects.get(page__slug="besloten")
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Professionals",
        "Redacteuren",
    }


def test_a_second_file_with_the_same_slug_in_one_run_updates_the_first(tmp_path):
    first = lesson_file(tmp_path, "dubbel")
    second_folder = tmp_path / "later"
    second_folder.mkdir()
    second = lesson_file(second_folder, "dubbel", samenvatting="Tweede versie.")
    report = Importer().run([first, second])
    assert report.created == 1 and report.updated == 1
    assert LessonPage.objects.get(slug="dubbel").samenvatting == "Tweede versie."


def test_dry_run_of_new_lessons_leaves_no_rows(tmp_path):
    before = Page.objects.count()
    Importer(dry_run=True).run([lesson_file(tmp_path, f"les-{n}") for n in range(3)])
    assert Page.objects.count() == before
    assert LessonIndexPage.objects.get().numchild == 0


def test_after_commit_the_site_search_and_wagtails_indexes_follow(
    tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Importer().run([lesson_file(tmp_path, "les")])
    lesson = LessonPage.objects.get(slug="les")
    assert SearchEntry.objects.filter(page_id=lesson.pk).exists()
    assert [p.pk for p in LessonPage.objects.search("Les les")] == [lesson.pk]
    assert ReferenceIndex.get_references_for_object(lesson).exists()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_queued_follow_up_tasks_run_in_the_database_worker(
    tmp_path, django_capture_on_commit_callbacks
):
    # Regression: with django-tasks-db 0.13 on Django 6 the worker refused every task that
    # Wagtail and this project enqueue (they are django-tasks tasks, not django.tasks ones).
    with django_capture_on_commit_callbacks(execute=True):
        Importer().run([lesson_file(tmp_path, "les")])
    queued = list(DBTaskResult.objects.ready())
    assert queued
    # What db_worker does per row (the command itself needs a transaction of its own).
    for row in queued:
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    assert ReferenceIndex.get_references_for_object(LessonPage.objects.get()).exists()
