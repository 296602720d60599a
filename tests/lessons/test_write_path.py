"""The lesson write path: a dry run writes nothing, an unchanged file writes nothing, and
every lesson is indexed once (bulk batch for new ones, its publish for updated ones)."""

import re
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, PageViewRestriction, Revision

from lessons import services
from lessons.exporter import export_lessons
from lessons.importer import Importer
from lessons.models import LessonIndexPage, LessonPage, LessonTag
from lessons.parser import Lookups, read_lesson
from search.engines.database import DatabaseEngine
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "lessons"

FULL = """\
---
title: Een volledige les
slug: volledige-les
soort: werkwijze
fase: opgeschaald
samenvatting: Alles staat erin.
datum: 2026-02-03
gebied: Oosternieland
organisaties: [IMG, NCG]
themas: [veilig, leefbaar]
tags: [Keukentafel, aanspreekpunt]
zichtbaarheid: {zichtbaarheid}
contact: Gebiedsteam
toegepast_in:
  - gebied: Ten Boer-West
    datum: 2026-05-01
    resultaat: Overgenomen.
bronnen:
  - titel: Evaluatie
    url: https://example.org/evaluatie
---
## Situatie
{tekst}
"""

_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def lesson_file(folder: Path, name="les.md", *, tekst="Regel een.", zichtbaarheid="openbaar"):
    path = folder / name
    path.write_text(FULL.format(tekst=tekst, zichtbaarheid=zichtbaarheid), encoding="utf-8")
    return path


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            LessonPage,
            Revision,
            PageLogEntry,
            Tag,
            LessonTag,
            PageViewRestriction,
            SearchEntry,
        )
    }


def writes(queries) -> list[str]:
    return [q["sql"][:120] for q in queries if _WRITE.match(q["sql"])]


@pytest.fixture
def indexed(monkeypatch):
    """How often each page went into the site search: the real engine, counted."""
    counts = Counter()
    real_index = DatabaseEngine.index

    def counting_index(self, documents):
        documents = list(documents)
        counts.update(document.page_id for document in documents)
        return real_index(self, documents)

    monkeypatch.setattr(DatabaseEngine, "index", counting_index)
    return counts


# --- dry run ---------------------------------------------------------------------------------


def test_dry_run_on_a_site_without_a_lesson_index_writes_nothing_at_all(tmp_path):
    LessonIndexPage.objects.all().delete()
    files = [lesson_file(tmp_path, f"les-{n}.md") for n in range(2)]
    files[1].write_text(files[1].read_text().replace("volledige-les", "tweede-les"))
    before = row_counts()
    out = StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("import_lessons", str(tmp_path), "--dry-run", stdout=out)
    assert writes(queries.captured_queries) == []
    assert row_counts() == before
    assert not LessonIndexPage.objects.exists()
    assert "2 bestanden gecontroleerd (2 nieuw, 0 bijgewerkt, 0 ongewijzigd)" in out.getvalue()


def test_dry_run_of_a_changed_lesson_writes_nothing_at_all(tmp_path):
    path = lesson_file(tmp_path)
    Importer().run([path])
    lesson_file(tmp_path, tekst="Een andere tekst.", zichtbaarheid="professionals")
    before = row_counts()
    with CaptureQueriesContext(connection) as queries:
        report = Importer(dry_run=True).run([path])
    assert report.updated == 1
    assert writes(queries.captured_queries) == []
    assert row_counts() == before


# --- unchanged re-import -----------------------------------------------------------------


def test_reimporting_an_unchanged_file_writes_nothing_and_reports_ongewijzigd(
    tmp_path, indexed, django_capture_on_commit_callbacks
):
    path = lesson_file(tmp_path, zichtbaarheid="professionals")
    with django_capture_on_commit_callbacks(execute=True):
        Importer().run([path])
    lesson = LessonPage.objects.get(slug="volledige-les")
    before, published_at = row_counts(), lesson.last_published_at
    indexed.clear()
    out = StringIO()
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        call_command("import_lessons", str(path), stdout=out)
    assert f"{path}: ongewijzigd" in out.getvalue()
    assert "(0 nieuw, 0 bijgewerkt, 1 ongewijzigd)" in out.getvalue()
    assert writes(queries.captured_queries) == []
    assert row_counts() == before
    assert not indexed
    lesson.refresh_from_db()
    assert lesson.last_published_at == published_at


def test_a_changed_file_after_an_unchanged_one_is_still_written(tmp_path):
    # Positive control for the test above: the comparison sees a change in the body.
    path = lesson_file(tmp_path)
    Importer().run([path])
    assert Importer().run([path]).unchanged == 1
    lesson_file(tmp_path, tekst="Regel twee.")
    report = Importer().run([path])
    assert report.updated == 1 and report.unchanged == 0
    lesson = LessonPage.objects.get(slug="volledige-les")
    assert lesson.body == "## Situatie\nRegel twee.\n" and lesson.revisions.count() == 2


def test_an_unchanged_draft_reimport_writes_no_second_draft(tmp_path):
    path = lesson_file(tmp_path)
    Importer(draft=True).run([path])
    report = Importer(draft=True).run([path])
    assert report.unchanged == 1
    assert LessonPage.objects.get().revisions.count() == 1


def test_every_exported_lesson_reimports_as_unchanged(tmp_path):
    Importer().run([DATA, lesson_file(tmp_path, zichtbaarheid="professionals")])
    export_lessons(tmp_path / "export")
    report = Importer().run([tmp_path / "export"])
    assert not report.failed
    assert report.unchanged == LessonPage.objects.count() == len(report.results)


# --- indexed once ----------------------------------------------------------------------------


def test_new_lessons_are_indexed_once_in_one_batch_write(
    tmp_path, indexed, django_capture_on_commit_callbacks
):
    files = [
        lesson_file(tmp_path, f"{n}.md", zichtbaarheid=z)
        for n, z in enumerate(["openbaar", "professionals", "openbaar"])
    ]
    for n, path in enumerate(files):
        path.write_text(path.read_text().replace("volledige-les", f"les-{n}"))
    with django_capture_on_commit_callbacks(execute=True):
        Importer().run(files)
    ids = set(LessonPage.objects.values_list("pk", flat=True))
    assert len(ids) == 3
    assert indexed == Counter(dict.fromkeys(ids, 1))
    assert set(SearchEntry.objects.values_list("page_id", flat=True)) == ids


def test_an_updated_lesson_is_indexed_once_by_its_publish(
    tmp_path, indexed, django_capture_on_commit_callbacks
):
    path = lesson_file(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        Importer().run([path])
    lesson = LessonPage.objects.get()
    indexed.clear()
    lesson_file(tmp_path, tekst="Een nieuwe zin over de keukentafel.")
    with django_capture_on_commit_callbacks(execute=True):
        assert Importer().run([path]).updated == 1
    assert indexed == Counter({lesson.pk: 1})
    assert "nieuwe zin" in SearchEntry.objects.get(page_id=lesson.pk).body


def test_a_draft_import_writes_nothing_to_the_site_search(
    tmp_path, indexed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Importer(draft=True).run([lesson_file(tmp_path)])
    assert not indexed and not SearchEntry.objects.exists()


# --- two imports at once ---------------------------------------------------------------------


def test_bulk_create_refuses_a_slug_another_import_created_meanwhile(tmp_path):
    # What a second import process sees once it holds the lock on the lesson index: the slug
    # it found free is taken. It must refuse (the importer then writes that file as an update).
    path = lesson_file(tmp_path)
    lookups = Lookups()
    data = read_lesson(path, lookups)
    Importer().run([path])
    before = row_counts()
    with pytest.raises(ValueError, match="les bestaat al: volledige-les"), transaction.atomic():
        services.bulk_create_lessons([data], services.lesson_index())
    assert row_counts() == before


CHANGES = [("openbaar", "professionals"), ("professionals", "openbaar")]


def _reimport_with_new_zichtbaarheid(tmp_path, capture, before, after):
    path = lesson_file(tmp_path, zichtbaarheid=before)
    with capture(execute=True):
        Importer().run([path])
    lesson_file(tmp_path, zichtbaarheid=after)
    return path


@pytest.mark.parametrize(("before", "after"), CHANGES)
def test_a_zichtbaarheid_change_moves_restriction_and_search_along(
    tmp_path, client, django_capture_on_commit_callbacks, before, after
):
    path = _reimport_with_new_zichtbaarheid(
        tmp_path, django_capture_on_commit_callbacks, before, after
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert Importer().run([path]).updated == 1
    lesson = LessonPage.objects.get()
    assert PageViewRestriction.objects.filter(page=lesson).exists() == (after == "professionals")
    found = client.get("/api/zoeken/", {"q": "volledige"}).json()["total"]
    assert found == (1 if after == "openbaar" else 0)


@pytest.mark.parametrize(("before", "after"), CHANGES)
def test_a_lesson_whose_zichtbaarheid_changes_is_indexed_once(
    tmp_path, indexed, django_capture_on_commit_callbacks, before, after
):
    path = _reimport_with_new_zichtbaarheid(
        tmp_path, django_capture_on_commit_callbacks, before, after
    )
    indexed.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert Importer().run([path]).updated == 1
    assert indexed == Counter({LessonPage.objects.get().pk: 1})
