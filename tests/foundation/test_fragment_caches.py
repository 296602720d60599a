"""Fragment caches (`kennisbank.content_cache`) on home, the lessons listing, tag pages and the
leerloop: keyed per audience, parameters and content generation, so a cached fragment never
shows a lesson after it was restricted or unpublished, and readers who may see different
things never share an entry.

The test's own transaction never commits, so each change runs inside
`django_capture_on_commit_callbacks(execute=True)` (`commit`), which runs what a commit
runs: until then the caches stay out of the way of the transaction that changed content.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kennisbank import content_cache
from kennisbank.models import ContentChange, Gemeente
from kennisbank.visibility import audience_signature
from knelpunten.models import Knelpunt
from lessons.models import LessonPage
from search.models import QueryLog
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "Dijkwerkers in Oosternieland"


@pytest.fixture
def lesson(make_lesson, commit):
    """The newest of two public lessons with the same tag."""
    with commit():
        make_lesson("Kwelsloten bij de dijk", tags=["dijkwerk"], datum=datetime.date(2026, 1, 1))
        return make_lesson(TITLE, tags=["dijkwerk"], datum=datetime.date(2026, 5, 1))


def restrict(lesson, commit):
    page = LessonPage.objects.get(pk=lesson.pk)
    page.zichtbaarheid = "professionals"
    with commit():
        page.save_revision().publish()


def unpublish(lesson, commit):
    with commit():
        LessonPage.objects.get(pk=lesson.pk).unpublish()


PAGES = {
    "home": "/",
    "listing": "/lessen/",
    "listing filtered": "/lessen/?fase=werkt&page=1",
    "tag page": "/lessen/tag/dijkwerk/",
}


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def lesson_count(client) -> int:
    return int(re.search(r"<dt>Lessen</dt><dd>(\d+)</dd>", html(client, "/leerloop/")).group(1))


@pytest.mark.parametrize("page", PAGES)
def test_a_cached_fragment_never_shows_a_lesson_after_it_is_made_professionals_only(
    client, lesson, commit, page
):
    assert TITLE in html(client, PAGES[page])
    assert TITLE in html(client, PAGES[page])  # from the cache
    restrict(lesson, commit)
    assert TITLE not in html(client, PAGES[page])


@pytest.mark.parametrize("page", PAGES)
def test_a_cached_fragment_never_shows_a_lesson_after_it_is_unpublished(
    client, lesson, commit, page
):
    assert TITLE in html(client, PAGES[page])
    unpublish(lesson, commit)
    assert TITLE not in html(client, PAGES[page])


def test_the_cached_listing_count_drops_when_a_lesson_is_restricted(client, lesson, commit):
    assert "2 lessen" in html(client, "/lessen/")
    restrict(lesson, commit)
    assert "1 les<" in html(client, "/lessen/")


def test_the_cached_leerloop_counts_a_lesson_no_more_once_it_is_restricted(client, lesson, commit):
    before = lesson_count(client)
    assert lesson_count(client) == before  # from the cache
    restrict(lesson, commit)
    assert lesson_count(client) == before - 1


def test_a_new_knelpunt_moves_the_generation_the_leerloop_is_cached_by(lesson, commit):
    before = content_cache.generation()
    with commit():
        Knelpunt.objects.create(
            titel="Loket verwijst door", wat_zit_vast="Van loket naar loket.", openbaar=True
        )
    assert content_cache.generation() != before


def test_a_professional_and_an_anonymous_visitor_never_share_an_entry(
    client, make_lesson, professional, commit
):
    with commit():
        make_lesson("Openbare les")
        make_lesson("Vertrouwelijke les", zichtbaarheid="professionals")
    client.force_login(professional)
    for url in PAGES.values():
        client.get(url)  # the professional's entries first
    assert "Vertrouwelijke les" in html(client, "/lessen/")
    client.logout()
    for url in ("/", "/lessen/"):
        assert "Vertrouwelijke les" not in html(client, url)
    assert content_cache.cache_key("x", professional, ()) != content_cache.cache_key(
        "x", AnonymousUser(), ()
    )


def test_only_readers_who_see_the_same_share_an_audience_signature(
    professional, editor, superuser, organiser
):
    other_professional = factories.UserFactory(username="tweede")
    other_professional.groups.set(professional.groups.all())
    nobody_in_a_group = factories.UserFactory(username="zonder-groep")
    signatures = [
        audience_signature(user)
        for user in (AnonymousUser(), nobody_in_a_group, professional, editor, organiser, superuser)
    ]
    assert len(set(signatures)) == len(signatures)
    assert audience_signature(other_professional) == audience_signature(professional)


def test_an_entry_filled_with_the_old_content_before_the_commit_is_never_read_after_it(
    client, lesson, commit
):
    other_request = SimpleNamespace()  # read the generation before the editor's commit
    content_cache.generation(other_request)
    restrict(lesson, commit)
    # ... and stores what it saw then, after the commit: under the old generation.
    content_cache.cached(
        "lessons.latest", AnonymousUser(), (5,), lambda: [lesson.pk], request=other_request
    )
    assert TITLE not in html(client, "/")


def test_the_generation_moves_inside_the_transaction_of_the_change(lesson):
    before = content_cache.generation()
    with transaction.atomic():
        LessonPage.objects.get(pk=lesson.pk).unpublish()
        assert content_cache.generation() != before  # not only after the commit


def test_a_rolled_back_change_leaves_the_generation_as_it_was(lesson):
    before = content_cache.generation()
    with transaction.atomic():
        LessonPage.objects.get(pk=lesson.pk).unpublish()
        transaction.set_rollback(True)
    assert content_cache.generation() == before


def test_a_transaction_that_changed_content_neither_reads_nor_fills_the_caches(client, lesson):
    html(client, "/lessen/")  # a cached listing
    with transaction.atomic():
        LessonPage.objects.filter(pk=lesson.pk).update(title="Onder handen")
        content_cache.content_changed()
        assert "Onder handen" in html(client, "/lessen/")
        transaction.set_rollback(True)
    assert "Onder handen" not in html(client, "/lessen/")


def test_a_taxonomy_edit_shows_in_the_cached_filters(client, lesson, commit):
    assert "Het Hogeland" in html(client, "/lessen/")
    with commit():
        gemeente = Gemeente.objects.get(slug="het-hogeland")
        gemeente.name = "Hogeland (nieuw)"
        gemeente.save()
    assert "Hogeland (nieuw)" in html(client, "/lessen/")


def test_bookkeeping_writes_leave_the_generation_alone(lesson, commit):
    before = content_cache.generation()
    with commit():
        QueryLog.objects.create(query="dijk", results=1)
        Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now())
    assert content_cache.generation() == before


def test_a_warm_listing_counts_no_lessons_and_reads_the_generation_once(client, lesson):
    html(client, "/lessen/?fase=werkt")
    with CaptureQueriesContext(connection) as queries:
        html(client, "/lessen/?fase=werkt")
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [q for q in sql if "COUNT(" in q and "lessons_lessonpage" in q]
    assert len([q for q in sql if ContentChange._meta.db_table in q]) == 1


def test_an_invalid_page_number_is_the_first_page_and_a_large_one_the_last(client, lesson):
    assert TITLE in html(client, "/lessen/?page=abc")
    assert TITLE in html(client, "/lessen/?page=999")


# Queries of a warm page: site and page routing, the generation, the fragment from the
# process's cache and the cards' lessons by id; nothing counts or aggregates lessons.
WARM_QUERIES = {
    "/": 9,
    "/lessen/": 10,
    "/lessen/?fase=werkt": 10,
    "/lessen/tag/dijkwerk/": 11,
    "/leerloop/": 2,
}


@pytest.mark.parametrize("url", WARM_QUERIES)
def test_a_warm_page_costs_a_fixed_small_number_of_queries(client, lesson, url):
    html(client, url)
    with CaptureQueriesContext(connection) as queries:
        html(client, url)
    assert len(queries) <= WARM_QUERIES[url]
