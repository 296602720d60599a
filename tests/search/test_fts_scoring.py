"""SQLite: the matches the filters kept are scored by rowid (`DatabaseEngine._scores`), with
the same bm25 FTS5 gives when it scores every match; past `FTS_BY_ID_MAX` rows every match
is scored and the kept ones taken. PostgreSQL scores kept ids on its compact vectors
(tests/search/test_rank_vectors.py): skipped."""

import pytest
from django.db import connection

from search.analysis import analyze_query
from search.engines import database
from search.engines.database import Match
from search.engines.terms import match_string

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: FTS5's bm25"),
]


@pytest.fixture
def scored(database_engine, make_lesson):
    for i, body in enumerate(["kwelwater", "kwelwater in de kelder, kwelwater", "veel kwelwater"]):
        make_lesson(f"Les {i}", body)
    make_lesson("Kwelwater in de kelder", "Bewoners meldden kwelwater.")
    match = Match(match_string(analyze_query("kwelwater"), "sqlite"))
    every = database_engine._all_scores(match)
    assert len(every) == 4
    return database_engine, match, every


def test_kept_matches_are_scored_as_among_all_matches(scored):
    engine, match, every = scored
    kept = sorted(every)[1:3]
    assert engine._scores(match, kept) == pytest.approx({pk: every[pk] for pk in kept})


def test_past_the_rowid_limit_the_scores_are_the_same(scored, monkeypatch):
    engine, match, every = scored
    kept = sorted(every)[1:3]
    monkeypatch.setattr(database, "FTS_BY_ID_MAX", 1)
    assert engine._scores(match, kept) == pytest.approx({pk: every[pk] for pk in kept})


def test_a_kept_id_that_does_not_match_gets_no_score(scored):
    engine, match, every = scored
    assert engine._scores(match, [max(every) + 1000]) == {}
