"""PostgreSQL's match index (`search.engines.matchindex`, migration 0014): RUM where the
server has the extension, GIN where it has not, the same answers from both; a rebuild loads
without it and builds it once afterwards, also when the load fails; the release step
switches GIN to RUM once the extension is there; the system check says when GIN is in use.
SQLite matches with FTS5: skipped."""

import pytest
from django.core.management import call_command
from django.db import connection

from search import checks
from search.documents import all_documents
from search.engines.matchindex import current_method, ensure_match_index, rum_available
from tests.search.conftest import api, titles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only: SQLite matches with FTS5"
    ),
]


@pytest.fixture
def rum(db):
    """Skips where the server has no rum extension."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            pytest.skip("no rum extension on the server (postgresql-NN-rum; .ci/run installs it)")


@pytest.fixture
def phrase_corpus(make_lesson):
    """*schade herstel* as a phrase in one lesson, both words apart in another."""
    make_lesson("Opname van de woning", "Bij schade komt eerst een opname; het herstel volgt.")
    make_lesson("Snel schade herstel", "Schade herstel binnen een week.")
    make_lesson("Schadeherstel op afstand", "Het schadeherstel liep via een loket.")


def test_the_match_index_is_rum_where_the_server_has_it(rum, database_engine):
    assert current_method(connection) == "rum"


@pytest.mark.parametrize("method", ["gin", "rum"])
def test_both_index_methods_give_the_same_phrase_matches(
    request, client, database_engine, phrase_corpus, method
):
    if method == "rum":
        request.getfixturevalue("rum")
    ensure_match_index(connection, method)
    assert current_method(connection) == method
    found = titles(api(client, q='"schade herstel"', exact="1"))
    assert "Snel schade herstel" in found
    assert "Opname van de woning" not in found  # both words, not as a phrase


def test_a_rebuild_loads_without_the_match_index_and_builds_it_afterwards(
    database_engine, make_lesson
):
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    make_lesson("Stutten van gevels", "Een stempel onder de gevel.")
    before = current_method(connection)
    during = []
    documents = list(all_documents())
    database_engine.rebuild(
        documents, progress=lambda n: during.append(current_method(connection)), batch_size=1
    )
    assert during and set(during) == {None}
    assert current_method(connection) == before is not None


def test_a_failed_rebuild_still_gets_its_match_index_back(database_engine, make_lesson):
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    before = current_method(connection)

    def failing():
        yield from all_documents()
        raise RuntimeError("de bron viel weg")

    with pytest.raises(RuntimeError):
        database_engine.rebuild(failing(), batch_size=1)
    assert current_method(connection) == before is not None


def test_the_release_step_switches_gin_to_rum(rum, database_engine):
    ensure_match_index(connection, "gin")
    call_command("search_index", "upgrade")
    assert current_method(connection) == "rum"


def test_the_system_check_warns_while_the_match_index_is_gin(database_engine):
    ensure_match_index(connection, "gin")
    assert [w.id for w in checks.match_index(databases=["default"])] == ["search.W001"]


def test_the_system_check_is_quiet_with_rum(rum, database_engine):
    ensure_match_index(connection, "rum")
    assert checks.match_index(databases=["default"]) == []


def test_the_system_check_warns_when_the_match_index_is_missing(database_engine):
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX search_matchvector_idx")
    assert [w.id for w in checks.match_index(databases=["default"])] == ["search.W002"]


def test_rum_is_reported_available_once_the_extension_exists(rum, database_engine):
    assert rum_available(connection)
