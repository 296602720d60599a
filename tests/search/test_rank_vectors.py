"""PostgreSQL's two-phase ranking: compact vectors in `search_rankvector`, the best
candidates ranked again on the full vector (migration 0011, `DatabaseEngine._rerank`), and
the match on the narrow `search_matchvector` (migration 0013).

Through /api/zoeken/ on the database engine: the compact and full vectors follow the
entries (triggers on insert, update, delete and truncate), the match reads the narrow
table's GIN index and not the entries, a word far beyond the lead still finds its
lesson (the match is always on the full vector), the order of the hits is that of the full
vectors, and an entry that has no compact vector is still found. SQLite ranks with FTS5:
skipped.
"""

import pytest
from django.db import connection

from search.analysis import analyze_query
from search.engines.database import PG_NORMALIZATION, PG_WEIGHTS, Match
from search.engines.terms import match_string
from search.models import SearchEntry
from tests.search.conftest import api, titles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only: SQLite ranks with FTS5"
    ),
]

FILLER = " ".join(f"woord{n}" for n in range(300))  # pushes later words past the lead


def rank_vectors() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_rankvector")
        return cursor.fetchone()[0]


def match_vectors() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_matchvector")
        return cursor.fetchone()[0]


def full_vector_order(query: str) -> list[str]:
    """Titles of the entries matching `query`, ranked on their full vectors only."""
    match = match_string(analyze_query(query), "postgresql")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.title FROM search_searchentry e "
            "JOIN search_matchvector v ON v.entry_id = e.id, to_tsquery('simple', %s) q "
            "WHERE v.vector @@ q "
            "ORDER BY ts_rank_cd(%s::real[], v.vector, q, %s) DESC, e.id",
            [match, PG_WEIGHTS, PG_NORMALIZATION],
        )
        return [row[0] for row in cursor.fetchall()]


def test_every_entry_gets_a_compact_vector(database_engine, make_lesson):
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    make_lesson("Stutten van gevels", "Een stempel onder de gevel.")
    assert rank_vectors() == SearchEntry.objects.count() == 2


def test_every_entry_gets_a_match_vector(database_engine, make_lesson):
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    make_lesson("Stutten van gevels", "Een stempel onder de gevel.")
    assert match_vectors() == SearchEntry.objects.count() == 2


def test_a_changed_term_column_changes_the_match_vector(client, database_engine, make_lesson):
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    SearchEntry.objects.update(slide_terms="stempel")
    assert titles(api(client, q="stempel")) == ["Kwelwater in de kelder"]


def test_a_match_reads_the_narrow_tables_gin_index(database_engine, make_lesson):
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    sql, params = database_engine._sql(
        Match(match_string(analyze_query("kwelwater"), "postgresql")), scored=False
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # as the engine does
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_matchvector_idx" in plan
    assert "search_searchentry" not in plan


def test_a_removed_entry_takes_its_vectors_along(database_engine, make_lesson):
    lesson = make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    make_lesson("Stutten van gevels", "Een stempel onder de gevel.")
    database_engine.remove([lesson.pk])
    assert rank_vectors() == match_vectors() == SearchEntry.objects.count() == 1


def test_a_word_far_beyond_the_lead_still_finds_its_lesson(client, database_engine, make_lesson):
    make_lesson("Een lange les", f"{FILLER} Tot slot: kwelwater in de kelder.")
    assert titles(api(client, q="kwelwater")) == ["Een lange les"]


def test_hits_come_in_the_order_of_their_full_vectors(client, database_engine, make_lesson):
    make_lesson("Een keer vooraan", "Kwelwater in de kelder, daarna iets anders.")
    make_lesson("Vaak achteraan", f"{FILLER} " + " ".join(["kwelwater kelder"] * 20))
    make_lesson("Kwelwater in de titel", "Een korte tekst.")
    expected = full_vector_order("kwelwater")
    assert len(expected) == 3
    assert titles(api(client, q="kwelwater")) == expected


def test_hits_keep_the_full_order_when_filtered(client, database_engine, make_lesson):
    make_lesson("Een keer vooraan", "Kwelwater in de kelder.", tags=["water"])
    make_lesson("Vaak achteraan", f"{FILLER} " + " ".join(["kwelwater"] * 20), tags=["water"])
    expected = full_vector_order("kwelwater")
    assert titles(api(client, q="kwelwater", tag="water")) == expected


def test_an_entry_without_a_compact_vector_is_still_found(client, database_engine, make_lesson):
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_rankvector")
    assert titles(api(client, q="kwelwater")) == ["Kwelwater in de kelder"]


def test_truncating_the_entries_empties_both_vector_tables(database_engine, make_lesson):
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as a flush's own transaction
        cursor.execute("TRUNCATE search_searchentry CASCADE")
    assert rank_vectors() == match_vectors() == 0
