"""Stored "meer zoals dit" (`search.related`): computed by the engine once and shared through
the database, recomputed when the page is reindexed (by the index task) or the set has aged,
and filtered through the visibility policy on every read, so a stored set never shows a
restricted lesson to someone who may not see it."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lessons.models import LessonPage
from search import related as store
from search import service
from search.models import RelatedSet, SearchEntry

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


@pytest.fixture
def source(database_engine, make_lesson):
    """A lesson indexed after the two others (its set is computed when it is indexed)."""
    make_lesson("Dijkwerkers bij de kwelsloten", "Kwelsloten en dijkwerkers in het gebied.")
    make_lesson("Verkeer in de wijk", "Drempels en fietspaden.")
    return make_lesson("Dijkwerkers in Oosternieland", "Dijkwerkers en kwelsloten, dijkwerkers.")


def ids_for(page, user):
    return [hit.page_id for hit in service.related(page.pk, user)]


def republish(page, capture):
    page = LessonPage.objects.get(pk=page.pk)
    with capture(execute=True):
        page.save_revision().publish()


def test_indexing_a_page_stores_its_set_for_the_new_index_entry(source):
    twin = LessonPage.objects.get(title="Dijkwerkers bij de kwelsloten")
    row = RelatedSet.objects.get(page_id=source.pk)  # before any view
    assert ids_for(source, ANONYMOUS)[0] == twin.pk
    assert row.entry_id == SearchEntry.objects.get(page_id=source.pk).pk
    assert twin.pk in store._parse(row.related_ids)


def test_a_stored_set_is_read_in_one_query_without_asking_the_engine(source):
    store.stored_ids(source.pk)
    with CaptureQueriesContext(connection) as queries:
        ids = store.stored_ids(source.pk)
    assert ids
    assert len(queries) == 1


def test_a_lesson_published_later_is_not_in_the_stored_set_until_the_page_is_reindexed(
    source, make_lesson, django_capture_on_commit_callbacks
):
    store.stored_ids(source.pk)
    newcomer = make_lesson("Nieuwe dijkwerkers", "Dijkwerkers, kwelsloten en dijkwerkers.")
    assert newcomer.pk not in ids_for(source, ANONYMOUS)
    republish(source, django_capture_on_commit_callbacks)
    assert newcomer.pk in ids_for(source, ANONYMOUS)


def test_an_aged_set_is_recomputed(source, make_lesson):
    store.stored_ids(source.pk)
    newcomer = make_lesson("Nieuwe dijkwerkers", "Dijkwerkers, kwelsloten en dijkwerkers.")
    RelatedSet.objects.filter(page_id=source.pk).update(
        computed_at=timezone.now() - store.max_age() - datetime.timedelta(seconds=1)
    )
    assert newcomer.pk in ids_for(source, ANONYMOUS)


def test_a_restricted_lesson_in_the_stored_set_is_shown_only_to_who_may_see_it(
    source, make_lesson, professional
):
    secret = make_lesson(
        "Dijkwerkers vertrouwelijk",
        "Dijkwerkers en kwelsloten, dijkwerkers, dijkwerkers.",
        zichtbaarheid="professionals",
    )
    store.forget()
    assert secret.pk in ids_for(source, professional)  # stored for everyone ...
    assert secret.pk in store._parse(RelatedSet.objects.get(page_id=source.pk).related_ids)
    assert secret.pk not in ids_for(source, ANONYMOUS)  # ... shown through the policy


def test_restricting_a_lesson_after_the_set_was_stored_hides_it_at_once(source):
    twin = LessonPage.objects.get(title="Dijkwerkers bij de kwelsloten")
    assert twin.pk in ids_for(source, ANONYMOUS)
    LessonPage.objects.filter(pk=twin.pk).update(zichtbaarheid="professionals")
    assert twin.pk not in ids_for(source, ANONYMOUS)


def test_an_unpublished_lesson_in_the_stored_set_is_not_shown(source):
    twin = LessonPage.objects.get(title="Dijkwerkers bij de kwelsloten")
    assert twin.pk in ids_for(source, ANONYMOUS)
    LessonPage.objects.filter(pk=twin.pk).update(live=False)
    assert twin.pk not in ids_for(source, ANONYMOUS)


def test_a_page_that_is_not_indexed_has_no_related_pages_and_stores_nothing(source):
    SearchEntry.objects.filter(page_id=source.pk).delete()
    assert ids_for(source, ANONYMOUS) == []
    assert not RelatedSet.objects.filter(page_id=source.pk).exists()
