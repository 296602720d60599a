"""The Dutch analysis pipeline on its own (no database): folding, stemming, compounds,
synonyms, query building and spelling."""

import sqlite3

import pytest

from search.textanalysis import (
    SynonymSet,
    analyze_document,
    analyze_query,
    fold,
    split_compound,
    stem,
    suggest,
    to_fts5_match,
    to_tsquery,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("woning", "woningen"),
        ("fiets", "fietsen"),
        ("loket", "loketten"),
        ("adviseren", "adviseerden"),
        ("versterking", "versterkingen"),
        ("regel", "regelingen"),
    ],
)
def test_inflected_forms_share_a_stem(a, b):
    assert stem(fold(a)) == stem(fold(b))


@pytest.mark.parametrize(
    ("accented", "plain"),
    [("Coördinator", "coordinator"), ("één", "een"), ("Agrariërs", "agrariers"), ("CAFÉ", "cafe")],
)
def test_folding_removes_case_and_accents(accented, plain):
    assert fold(accented) == plain


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("dakisolatie", ("dak", "isolatie")),
        ("versterkingsadvies", ("versterking", "advies")),
        ("schadeafhandeling", ("schade", "afhandeling")),
        ("keukentafelgesprek", ("keuken", "tafel", "gesprek")),
    ],
)
def test_compounds_split_into_lexicon_words(compound, parts):
    assert split_compound(compound) == parts


@pytest.mark.parametrize("word", ["dakje", "kadaster", "stalen", "woning", "bestuurder"])
def test_no_false_compound_splits(word):
    assert split_compound(word) == ()


def test_compound_parts_follow_the_running_text():
    assert analyze_document("dakisolatie werkt") == [
        stem("dakisolatie"),
        stem("werkt"),
        stem("dak"),
        stem("isolatie"),
    ]


def test_synonyms_match_multi_word_phrases_in_both_directions():
    synonyms = SynonymSet.from_lines(["mkb = midden- en kleinbedrijf"])
    forward = analyze_query("mkb", synonyms)
    backward = analyze_query("midden en kleinbedrijf", synonyms)
    assert forward == backward and len(forward) == 1 and len(forward[0]) == 2


def _fts_table(*documents):
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(title_terms, body_terms, title_words)")
    for i, text in enumerate(documents, 1):
        connection.execute(
            "INSERT INTO t(rowid, title_terms, body_terms, title_words) VALUES (?, '', ?, '')",
            (i, " ".join(analyze_document(text))),
        )
    return connection


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"woning',
        "a OR b",
        "NEAR(a b)",
        "woning*",
        "-:^()",
        "col:woning",
        "'; DROP",
        "x" * 5000,
        "AND",
        "{title_terms}: x",
        "\x00",
    ],
)
def test_fts5_match_strings_are_always_valid(query):
    connection = _fts_table("De woningen zijn versterkt.")
    match = to_fts5_match(analyze_query(query))
    if match:
        connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,)).fetchall()


def test_fts5_finds_plural_and_compound_part():
    connection = _fts_table("Nieuwe woningen", "Subsidie voor dakisolatie", "Verkeer")
    for query, expected in [("woning", [1]), ("isolatie", [2]), ("verkeer", [3])]:
        match = to_fts5_match(analyze_query(query))
        rows = connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,)).fetchall()
        assert [r[0] for r in rows] == expected, query


def test_tsquery_quotes_every_term():
    assert to_tsquery(analyze_query("woning ' & |")) == "(('won'))"


def test_suggestion_prefers_the_closest_frequent_word():
    assert suggest("versterkng", {"versterking": 9, "versterkt": 3, "vertrek": 1}) == "versterking"


def test_no_suggestion_when_nothing_is_close():
    assert suggest("zzzz", {"versterking": 9}) is None
