"""Autocomplete and spelling read the vocabulary through its index at 100,000 words.

Every query the suggestion paths send to `search_searchword` is taken as it ran
(`CaptureQueriesContext`) and asked for its plan on the database of this leg: SQLite's
`EXPLAIN QUERY PLAN` must search the covering index (never `SCAN` the table), PostgreSQL's
`EXPLAIN` must use an index scan (never a sequential scan), with the planner's statistics
up to date (`ANALYZE`). The words are made from syllables, not from the analyser's lexicon,
with a Zipf-like spread of document counts, in two audiences.
"""

import itertools
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kennisbank.visibility import ANONYMOUS, PUBLIC_KEY
from search.engines import get_database_engine
from search.models import SearchWord

pytestmark = pytest.mark.django_db

WORDS = 100_000
ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "st", "sch"]
VOWELS = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ui", "ij", "ou"]
CODAS = ["", "n", "r", "l", "k", "t", "s", "m", "ng", "rd"]


def syllable_words(count: int) -> list[str]:
    syllables = ["".join(p) for p in itertools.product(ONSETS, VOWELS, CODAS)]
    rng = random.Random(12)
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(syllables) for _ in range(rng.choice((2, 3, 3, 4)))))
    return sorted(words)


@pytest.fixture
def large_vocabulary(database_engine):
    words = syllable_words(WORDS)
    rows = [
        SearchWord(word=w, display=w, kind=SearchWord.WORD, audience=audience, docs=docs)
        for rank, w in enumerate(words, start=1)
        for audience, docs in ((PUBLIC_KEY, 50_000 // rank + 1), ("professionals", 1))
        if audience == PUBLIC_KEY or rank % 10 == 0
    ]
    SearchWord.objects.bulk_create(rows, batch_size=5_000)
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE search_searchword" if connection.vendor == "postgresql" else "ANALYZE"
        )
    return words


def plans_of_vocabulary_queries(run) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        run()
    sqls = [q["sql"] for q in captured.captured_queries if "search_searchword" in q["sql"]]
    assert sqls, "the path read no vocabulary at all"
    plans = []
    with connection.cursor() as cursor:
        for sql in sqls:
            if connection.vendor == "postgresql":
                cursor.execute(f"EXPLAIN {sql}")
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plans.append("\n".join(str(row[-1]) for row in cursor.fetchall()))
    return plans


def assert_indexed(plan: str) -> None:
    if connection.vendor == "postgresql":
        assert "Seq Scan on search_searchword" not in plan, plan
        assert "Index" in plan and "search_word_" in plan, plan
    else:
        assert "SCAN search_searchword" not in plan, plan
        assert "USING COVERING INDEX search_word_" in plan or "USING INDEX" in plan, plan


def test_autocomplete_on_100k_words_reads_index_ranges_only(large_vocabulary):
    engine = get_database_engine()
    for prefix in ("ka", "stoo", "mee lo"):
        for plan in plans_of_vocabulary_queries(lambda p=prefix: engine.suggest(p, ANONYMOUS)):
            assert_indexed(plan)


def test_autocomplete_on_100k_words_still_completes_by_document_count(large_vocabulary):
    engine = get_database_engine()
    most_frequent = large_vocabulary[0]  # rank 1: the most documents
    suggestions = [str(s) for s in engine.suggest(most_frequent[:3], ANONYMOUS)]
    assert suggestions[0] == most_frequent
    assert all(s.startswith(most_frequent[:3]) for s in suggestions)


def test_spelling_on_100k_words_reads_index_ranges_only(large_vocabulary):
    engine = get_database_engine()
    typo = large_vocabulary[500][:-1] + "q"
    for plan in plans_of_vocabulary_queries(lambda: engine.spelling_suggestion(typo, ANONYMOUS)):
        assert_indexed(plan)
