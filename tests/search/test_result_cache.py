"""Repeated searches come from the per-process result cache (`search.resultcache`), and a
cached answer never shows anyone a page they may not see: not after the page was narrowed,
not to another audience, not when the live page and the index disagree."""

import pytest
from django.test import override_settings

from kennisbank.roles import PROFESSIONALS
from lessons.models import LessonPage
from search import resultcache
from search.engines import get_database_engine
from search.models import IndexChange, SynonymGroup
from tests.search.conftest import api, facet, titles

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def empty_cache():
    resultcache.clear()
    yield
    resultcache.clear()


@pytest.fixture
def lessons(database_engine, make_lesson):
    public = make_lesson("Les over dijkwerkers", "Dijkwerkers bij de kwelsloot van Oosternieland.")
    twin = make_lesson("Tweede les over dijkwerkers", "Dijkwerkers en hun zandzakken.")
    return public, twin


@pytest.fixture
def engine_calls(monkeypatch):
    """How often the database engine was asked (a cached answer does not ask it)."""
    engine = get_database_engine()
    calls = []
    original = engine.search

    def search(query):
        calls.append(query.text)
        return original(query)

    monkeypatch.setattr(engine, "search", search)
    return calls


def page_html(client, **params) -> str:
    """The search page's HTML, its marks taken out (titles read as written)."""
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


def test_a_repeated_search_is_answered_without_asking_the_engine(client, lessons, engine_calls):
    first = api(client, q="dijkwerkers")
    asked = len(engine_calls)
    again = api(client, q="dijkwerkers")
    assert len(engine_calls) == asked
    assert again == first
    assert resultcache.count() == 1


def test_the_search_page_and_the_api_answer_alike_from_the_cache(client, lessons, engine_calls):
    api(client, q="dijkwerkers")
    asked = len(engine_calls)
    html = page_html(client, q="dijkwerkers")
    assert len(engine_calls) == asked
    assert "Les over dijkwerkers" in html and "Tweede les over dijkwerkers" in html


def test_a_cached_answer_never_shows_anonymous_a_lesson_made_professionals_only(
    client, lessons, django_capture_on_commit_callbacks
):
    public, twin = lessons
    assert set(titles(api(client, q="dijkwerkers"))) == {public.title, twin.title}
    assert api(client, q="kwelsloot")["total"] == 1
    assert public.title in page_html(client, q="dijkwerkers")
    with override_settings(TASKS=DB_TASKS):  # the re-analysis waits in the queue
        lesson = LessonPage.objects.get(pk=public.pk)
        lesson.zichtbaarheid = "professionals"
        with django_capture_on_commit_callbacks(execute=True):
            lesson.save_revision().publish()
    data = api(client, q="dijkwerkers")
    assert titles(data) == [twin.title]
    assert data["total"] == 1 and facet(data, "type") == {"les": 1}  # not even counted
    assert public.title not in page_html(client, q="dijkwerkers")
    assert api(client, q="kwelsloot")["total"] == 0


def test_a_cached_answer_never_shows_a_lesson_after_it_was_unpublished(
    client, lessons, django_capture_on_commit_callbacks
):
    public, twin = lessons
    assert public.title in titles(api(client, q="dijkwerkers"))
    with override_settings(TASKS=DB_TASKS), django_capture_on_commit_callbacks(execute=True):
        LessonPage.objects.get(pk=public.pk).unpublish()
    data = api(client, q="dijkwerkers")
    assert titles(data) == [twin.title]
    assert data["total"] == 1 and facet(data, "type") == {"les": 1}
    assert public.title not in page_html(client, q="dijkwerkers")


def test_narrowing_a_lesson_changes_the_index_token_in_its_own_transaction(
    lessons, django_capture_on_commit_callbacks
):
    public, _ = lessons
    before = IndexChange.current_token()
    with override_settings(TASKS=DB_TASKS):
        lesson = LessonPage.objects.get(pk=public.pk)
        lesson.zichtbaarheid = "professionals"
        # Without running the commit's callbacks: the queued re-analysis plays no part.
        with django_capture_on_commit_callbacks(execute=False):
            lesson.save_revision().publish()
    assert IndexChange.current_token() != before


def test_a_professionals_answer_is_never_served_to_anonymous(
    client, database_engine, make_lesson, member_of
):
    make_lesson("Openbare les over kwelsloten", "Kwelsloten in het dorp.")
    make_lesson(
        "Besloten les over kwelsloten", "Kwelsloten achter de dijk.", zichtbaarheid="professionals"
    )
    client.force_login(member_of("pro", PROFESSIONALS))
    assert len(titles(api(client, q="kwelsloten"))) == 2
    assert "Besloten les" in page_html(client, q="kwelsloten")
    client.logout()
    data = api(client, q="kwelsloten")
    assert titles(data) == ["Openbare les over kwelsloten"]
    assert data["total"] == 1 and facet(data, "type") == {"les": 1}
    assert "Besloten les" not in page_html(client, q="kwelsloten")


def test_an_anonymous_answer_is_never_served_to_a_professional(
    client, database_engine, make_lesson, member_of
):
    make_lesson("Openbare les over kwelsloten", "Kwelsloten in het dorp.")
    make_lesson(
        "Besloten les over kwelsloten", "Kwelsloten achter de dijk.", zichtbaarheid="professionals"
    )
    assert titles(api(client, q="kwelsloten")) == ["Openbare les over kwelsloten"]
    client.force_login(member_of("pro", PROFESSIONALS))
    assert len(titles(api(client, q="kwelsloten"))) == 2


def test_anonymous_and_professional_answers_are_kept_apart(
    client, database_engine, make_lesson, member_of
):
    make_lesson("Openbare les over kwelsloten", "Kwelsloten in het dorp.")
    api(client, q="kwelsloten")
    client.force_login(member_of("pro", PROFESSIONALS))
    api(client, q="kwelsloten")
    assert resultcache.count() == 2


def test_a_cached_hit_is_checked_against_the_live_page_again(client, lessons):
    """Should the live page change behind the index's back (no signal, no index write), the
    cached answer still passes the policy's re-check before it is shown."""
    public, twin = lessons
    assert public.title in titles(api(client, q="dijkwerkers"))
    token = IndexChange.current_token()
    LessonPage.objects.filter(pk=public.pk).update(zichtbaarheid="professionals")
    assert IndexChange.current_token() == token  # the index never heard of it
    assert titles(api(client, q="dijkwerkers")) == [twin.title]


def test_a_change_to_the_synonyms_applies_to_the_next_cached_search(client, lessons):
    assert api(client, q="dijkploeg")["total"] == 0
    SynonymGroup.objects.create(terms="dijkploeg = dijkwerkers")
    assert api(client, q="dijkploeg")["total"] == 2


def test_a_publish_that_reaches_the_index_is_found_by_the_next_search(client, lessons, make_lesson):
    assert api(client, q="dijkwerkers")["total"] == 2
    make_lesson("Derde les over dijkwerkers", "Dijkwerkers in de winter.")
    assert api(client, q="dijkwerkers")["total"] == 3


def test_each_page_of_results_is_its_own_entry(client, database_engine, make_lesson):
    for n in range(12):
        make_lesson(f"Les {n} over kwelsloten", "Kwelsloten.")
    first = api(client, q="kwelsloten")
    second = api(client, q="kwelsloten", page=2)
    assert len(first["results"]) == 10 and len(second["results"]) == 2
    assert not set(titles(first)) & set(titles(second))


def test_the_cache_keeps_at_most_its_size(client, lessons, settings):
    settings.SEARCH_RESULT_CACHE_SIZE = 2
    for text in ("dijkwerkers", "kwelsloot", "zandzakken"):
        api(client, q=text)
    assert resultcache.count() == 2
