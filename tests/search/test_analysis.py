"""Unit tests for the Dutch analysis pipeline (search/analysis). No database: the FTS5
checks use an in-memory SQLite table filled with `analyze_document` output."""

import sqlite3
import time

import pytest

from bench.analysis import generate
from search.analysis import (
    DEFAULT_SYNONYMS,
    MAX_QUERY_CHARS,
    Analyzer,
    Lexicon,
    QueryPlan,
    SynonymSet,
    analyze_document,
    analyze_query,
    default_analyzer,
    default_synonyms,
    edit_distance,
    fold,
    split_compound,
    stem,
    suggest,
    to_fts5_match,
    to_tsquery,
    tokenize,
)
from search.analysis.names import NameSet
from search.analysis.normalize import STEM_OVERRIDES, weak_verb_forms


def terms(word):
    return stem(fold(word))


# --- tokenize --------------------------------------------------------------------------------


def test_tokens_carry_offsets_into_the_original_text():
    text = "De Coördinator adviseerde: dakisolatie (2024) voor 3,5 mln!"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "De", "Coördinator", "adviseerde", "dakisolatie", "2024", "voor", "3", "5", "mln",
    ]  # fmt: skip
    for position, token in enumerate(tokens):
        assert text[token.start : token.end] == token.text
        assert token.position == position


def test_hyphens_joined_and_suspended():
    tokens = tokenize("het midden- en kleinbedrijf in Ten Boer-West")
    by_text = {t.text: t for t in tokens}
    expected = ["het", "midden", "en", "kleinbedrijf", "in", "Ten", "Boer", "West"]
    assert [t.text for t in tokens] == expected
    assert by_text["midden"].suspended and not by_text["midden"].joined
    assert by_text["Boer"].joined and not by_text["West"].joined
    assert not any(t.suspended for t in tokens if t.text != "midden")
    # a dash between spaces is punctuation, not a hyphen
    assert not any(t.joined or t.suspended for t in tokenize("woning - isolatie"))


def test_apostrophes_elisions_and_plurals():
    text = "Scheemda 't Waar, auto's en z'n foto’s in 's-Gravenhage; 'woning'"
    assert [t.text for t in tokenize(text)] == [
        "Scheemda", "'t", "Waar", "auto's", "en", "z'n", "foto’s", "in", "'s", "Gravenhage",
        "woning",
    ]  # fmt: skip
    assert fold("'t") == "t" and fold("auto's") == "autos"
    assert terms("auto's") == terms("auto") and terms("foto’s") == terms("foto")


def test_digits_and_mixed_tokens():
    assert [t.text for t in tokenize("N33, co2-uitstoot, 1.000 woningen, 2e fase")] == [
        "N33", "co2", "uitstoot", "1", "000", "woningen", "2e", "fase",
    ]  # fmt: skip
    assert stem("2024") == "2024"


def test_decomposed_accents_stay_in_one_token():
    nfd = "e\u0301e\u0301n keer"  # één written with combining accents
    tokens = tokenize(nfd)
    assert [t.text for t in tokens] == ["e\u0301e\u0301n", "keer"]
    assert fold(tokens[0].text) == "een"


def test_underscores_and_symbols_separate_like_fts5_unicode61():
    assert [t.text for t in tokenize("snake_case a+b #tag @naam")] == [
        "snake", "case", "a", "b", "tag", "naam",
    ]  # fmt: skip
    assert tokenize("") == [] and tokenize("  ...  ") == []


# --- fold ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Coördinator", "coordinator"),
        ("één", "een"),
        ("Agrariërs", "agrariers"),
        ("ideeën", "ideeen"),
        ("CAFÉ", "cafe"),
        ("ĳs", "ijs"),
        ("Øresund", "oresund"),
        ("straße", "strasse"),
        ("ｗｏｎｉｎｇ", "woning"),
        ("auto's", "autos"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_folded_terms_are_letters_and_digits_only():
    for word in ["a-b", "x'y", "½", "e\u0301", "İstanbul", "naïef"]:
        assert fold(word).isalnum() or fold(word) == ""


# --- stem ------------------------------------------------------------------------------------

# Singular/plural, verb forms: each group must stem to one term.
_GROUPS = """woning woningen|fiets fietsen|isolatie isolaties|adviseren adviseert adviseerde
    adviseer geadviseerd adviseerden|advies adviezen|huis huizen|gebied gebieden|les lessen|
    dak daken|boer boeren|gemeente gemeenten gemeentes|organisatie organisaties|
    agrarier agrariers agrariërs|coordinator coordinatoren Coördinatoren|thema themas thema's|
    kennisdag kennisdagen|versterking versterkingen|versterken versterkt versterkte
    versterkten|herstellen herstelt hersteld herstelde|aardbeving aardbevingen|
    verduurzamen verduurzaamt verduurzaamde|veilig veilige|stad steden|lid leden|
    werken werkt werkte gewerkt werkend|regeling regelingen|zonnepaneel zonnepanelen|
    gesprek gesprekken|gebouw gebouwen|bewoner bewoners|begeleider begeleiders|
    maatregel maatregelen|inspectie inspecties|opname opnames|aanvraag aanvragen|auto autos|
    signaal signalen|knelpunt knelpunten|loket loketten|schade schades|subsidie subsidies|
    eigenaar eigenaren eigenaars|probleem problemen|oplossing oplossingen|ervaring ervaringen|
    voorbeeld voorbeelden|bedrijf bedrijven|school scholen|boerderij boerderijen|
    gezin gezinnen|dorp dorpen|wijk wijken|straat straten|afspraak afspraken|regel regels|
    vraag vragen|keuze keuzes keuzen|scheur scheuren|rapport rapporten|bureau bureaus|
    raam ramen|isoleren isoleert geïsoleerd|beoordelen beoordeelt beoordeelde|
    regelen regelt regelde geregeld|verbeteren verbetert verbeterde verbeterd|
    opschalen opschaalt opgeschaald"""
JOIN = [g.split() for g in _GROUPS.split("|")]

# Pairs that must stay apart (Snowball 3's new Dutch stemmer merges most of these).
APART = [
    ("begeleiding", "beleid"),
    ("gebouw", "bouw"),
    ("gemeente", "gemeen"),
    ("gebied", "bieden"),
    ("woning", "wonen"),
    ("groningen", "groen"),
    ("lessen", "lezen"),
    ("veilig", "veil"),
    ("beleid", "leiden"),
    ("gesprek", "spreken"),
    ("kosten", "kust"),
]

# Known merges inherited from classic Snowball Dutch: the first two are close in meaning;
# the undoubled vowel (maan → man) is how Snowball joins daken/dak, lezen/lees.
KNOWN_MERGES = [("regeling", "regel"), ("gelden", "geld"), ("maan", "man"), ("boom", "bom")]


@pytest.mark.parametrize("group", JOIN, ids=lambda g: g[0])
def test_stem_joins_inflections(group):
    assert len({terms(w) for w in group}) == 1, {w: terms(w) for w in group}


@pytest.mark.parametrize(("a", "b"), APART)
def test_stem_keeps_different_words_apart(a, b):
    assert terms(a) != terms(b)


@pytest.mark.parametrize(("a", "b"), KNOWN_MERGES)
def test_documented_merges_of_classic_snowball(a, b):
    assert terms(a) == terms(b)


def test_required_pairs():
    assert terms("woning") == terms("woningen")
    assert terms("fiets") == terms("fietsen")
    assert terms("isolatie") == terms("isolaties")
    assert terms("adviseren") == terms("adviseert") == terms("adviseerde")


def test_weak_verb_paradigm_and_overrides():
    assert weak_verb_forms("werken") >= {"werk", "werkt", "werkte", "werkten", "gewerkt", "werkend"}
    assert weak_verb_forms("adviseren") >= {"adviseer", "adviseert", "adviseerde", "geadviseerd"}
    assert weak_verb_forms("herstellen") >= {"herstel", "herstelt", "herstelde", "hersteld"}
    assert weak_verb_forms("versterken") >= {"versterkt", "versterkte"}
    assert "geversterkt" not in weak_verb_forms("versterken")  # ver- takes no ge-
    assert weak_verb_forms("opschalen") >= {"opgeschaald", "opschaalt"}
    assert STEM_OVERRIDES["steden"] == stem("stad")
    assert all(v == stem(v) for v in STEM_OVERRIDES.values())


def test_short_words_and_numbers_are_not_stemmed():
    assert stem("een") == "een" and stem("img") == "img" and stem("n33") == "n33"


# --- compounds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("dakisolatie", ("dak", "isolatie")),
        ("versterkingsadvies", ("versterking", "advies")),  # linking -s-
        ("schadeafhandeling", ("schade", "afhandeling")),
        ("boerenbedrijf", ("boer", "bedrijf")),  # linking -en-
        ("bewonersbegeleider", ("bewoner", "begeleider")),
        ("dakisolatiesubsidie", ("dak", "isolatie", "subsidie")),  # three parts
        ("dakisolaties", ("dak", "isolaties")),  # inflected last part
        ("versterkingsadviezen", ("versterking", "adviezen")),
        ("Mijnbouwschade", ("mijnbouw", "schade")),
        ("kleinbedrijf", ("klein", "bedrijf")),
        ("gemeentehuis", ("gemeente", "huis")),
    ],
)
def test_split_compound(word, parts):
    assert split_compound(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        # short words and words that look like compounds of short or function words
        "dak", "woning", "woningen", "bewoner", "gemeente", "bestuur", "overleg", "aanpak",
        "verkeer", "toekomst", "landelijk", "kinderen", "wegen", "weekend", "dagelijks",
        "gasten", "wettelijk", "beleid", "huisje", "planning", "regelingen", "eigenaar",
        "onderzoek", "bijeenkomst", "verbetering", "boerderij", "landbouw", "aardbeving",
        "dakje", "gasje", "wetten",
    ],
)  # fmt: skip
def test_no_false_compound_splits(word):
    assert split_compound(word) == ()


def test_split_prefers_fewer_parts_then_longer_shortest_part():
    lexicon = Lexicon(base=["gas", "gast", "huis", "thuis"])
    assert split_compound("gasthuis", lexicon) == ("gast", "huis")
    assert split_compound("gasthuis", ["gas", "thuis"]) == ("gas", "thuis")


def test_corpus_words_need_five_letters_and_some_frequency():
    base = Lexicon(base=["subsidie"])
    grown = base.with_vocabulary({"dakisolatie": 12, "dak": 40, "ring": 30, "zeldzaam": 1})
    assert "dakisolatie" in grown and "dak" not in grown and "ring" not in grown
    assert "zeldzaam" not in grown
    assert split_compound("dakisolatiesubsidie", grown) == ("dakisolatie", "subsidie")
    # a corpus compound that the base list can split further is split further
    richer = Lexicon.from_file().with_vocabulary({"dakisolatie": 12})
    assert split_compound("dakisolatiesubsidie", richer) == ("dak", "isolatie", "subsidie")


def test_function_words_are_never_parts():
    assert split_compound("overleg", ["over", "leg"]) == ()
    assert split_compound("voorwaarde", ["voor", "waarde"]) == ()


def test_shipped_lexicon_is_a_few_hundred_simple_words():
    lexicon = Lexicon.from_file()
    assert 250 <= len(lexicon) <= 2000
    # a listed word is a unit; listing compounds would hide their parts
    compounds = [w for w in lexicon.base if Lexicon(base=lexicon.base - {w}).split(w)]
    # ... except these, deliberately units: "bouw" should not find landbouw, nor "dag" kennisdag
    assert set(compounds) <= {"mijnbouw", "landbouw", "kennisdag"}, compounds


# --- synonyms --------------------------------------------------------------------------------


def test_default_synonyms_come_from_domain_md():
    synonyms = default_synonyms()
    assert synonyms.errors == []
    assert len(synonyms) == 10
    assert ("img",) in synonyms.groups[0]
    assert ("instituut", "mijnbouwschade", "groningen") in synonyms.groups[0]
    assert "IMG = Instituut Mijnbouwschade Groningen" in DEFAULT_SYNONYMS


def test_parser_reports_unusable_lines_instead_of_raising():
    synonyms = SynonymSet.parse(
        "# comment\n\nwoning = huis\nalleen\n = \n"
        + "=".join(["x"] * 2)
        + "\n"
        + "a b c d e f g h i = j\n"
    )
    assert synonyms.groups == [(("woning",), ("huis",))]  # "x = x" is one phrase
    assert [number for number, _ in synonyms.errors] == [4, 5, 6, 7]


def test_a_multi_word_synonym_is_one_query_position_in_both_directions():
    synonyms = default_synonyms()
    back = analyze_query("het Instituut Mijnbouwschade Groningen besluit", synonyms).groups
    assert len(back) == 2  # <the phrase or img> | besluit (the stopword is dropped)
    assert ("img",) in back[0]
    mkb = analyze_query("mkb", synonyms).groups
    assert len(mkb) == 1 and len(mkb[0]) > 1


def test_synonyms_match_on_stems_and_folded_accents():
    synonyms = default_synonyms()
    assert ("agro",) in analyze_query("boeren", synonyms).groups[0]  # plural of boer
    assert ("ncg",) in analyze_query("Nationaal Coordinator Groningen", synonyms).groups[0]


# --- documents -------------------------------------------------------------------------------


def test_analyze_document_running_text_then_extras():
    result = analyze_document("Dakisolatie voor het midden- en kleinbedrijf in Ten Boer-West")
    words = "dakisolatie voor het midden en kleinbedrijf in"
    running = [terms(w) for w in words.split()] + ["tenboerwest"] * 3  # a place: a name
    assert result[: len(running)] == running
    extras = result[len(running) :]
    assert {"dak", "isolatie", "klein", "bedrijf", "middenbedrijf", "tenboer"} <= set(extras)


def test_analyze_document_handles_empty_and_odd_input():
    assert analyze_document("") == []
    assert analyze_document("!!! --- ...") == []
    assert analyze_document("a" * 10_000) == ["a" * 10_000]


# --- queries ---------------------------------------------------------------------------------


def test_query_plan_shape():
    plan = analyze_query("woningen in Groningen")
    assert isinstance(plan, QueryPlan)
    assert plan.groups == ((("woning",),), ((terms("Groningen"),),))  # "in" dropped
    assert plan.words == ("woningen", "groningen")
    assert not QueryPlan()


def test_query_compound_also_matches_its_parts_written_apart():
    plan = analyze_query("dakisolatie")  # the compound, or all its parts anywhere
    assert plan.groups == ((("dakisolatie",), ("dak",)), (("dakisolatie",), ("isolatie",)))


def test_query_hyphenated_run_matches_closed_form_and_is_not_a_synonym():
    plan = analyze_query("Ten Boer-West", default_synonyms())  # a place name, one term
    assert plan.groups == ((("tenboerwest",),),)
    plan = analyze_query("e-mail", default_synonyms())
    assert plan.groups == ((("e", "mail"), ("email",)),)


def test_quoted_phrase_keeps_stopwords_and_unbalanced_quotes_are_ignored():
    assert analyze_query('"in één keer"').groups == ((("in", "een", terms("keer")),),)
    assert analyze_query("een keer").groups == (((terms("keer"),),),)
    assert analyze_query('woning "isolatie').groups == (
        (("woning",), ("woningisolatie",)),  # words typed apart also match closed
        (("isolatie",), ("woningisolatie",)),
    )
    assert analyze_query("de").groups == ((("de",),),)  # only stopwords: keep them


def test_query_synonym_alternatives():
    plan = analyze_query("IMG", default_synonyms())
    assert plan.groups == ((("img",), ("institut", "mijnbouwschad", terms("groningen"))),)
    plan = analyze_query("midden- en kleinbedrijf", default_synonyms())
    assert len(plan.groups) == 1 and ("mkb",) in plan.groups[0]
    assert analyze_query("IMG").groups == ((("img",),),)  # no synonyms given


def test_query_is_truncated_and_bounded():
    started = time.perf_counter()
    plan = analyze_query("woning " * 20_000 + "x" * 100_000, default_synonyms())
    assert time.perf_counter() - started < 5  # generous; this takes milliseconds
    assert plan.truncated
    many = analyze_query(" ".join(f"woord{i}" for i in range(200)))
    assert len(many.groups) == 24 and many.truncated
    assert len("woning " * 20_000) > MAX_QUERY_CHARS


# --- query strings and real FTS5 ---------------------------------------------------------------

DOCUMENTS = {
    "plural": "Veel woningen in het dorp zijn versterkt.",
    "accent": "De Nationaal Coördinator Groningen stuurt op snelheid.",
    "once": "Bewoners willen in één keer naar een veilig huis.",
    "compound": "Een subsidie voor dakisolatie helpt bij verduurzaming.",
    "linking": "Het versterkingsadvies kwam na de opname.",
    "img": "Het Instituut Mijnbouwschade Groningen behandelt de schademelding.",
    "img_short": "Het IMG heeft de regeling aangepast.",
    "mkb": "Consulenten voor het midden- en kleinbedrijf en agrariërs.",
    "mkb_short": "Het mkb krijgt een eigen loket.",
    "area": "In Ten Boer-West en Scheemda 't Waar begon de aanpak.",
    "other": "Een kennisdag over communicatie met de lokale stuurgroep.",
}


@pytest.fixture(scope="module")
def fts():
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(name UNINDEXED, body,"
        " tokenize = 'unicode61 remove_diacritics 0')"
    )
    for name, text in DOCUMENTS.items():
        connection.execute(
            "INSERT INTO docs (name, body) VALUES (?, ?)",
            (name, " ".join(analyze_document(text))),
        )
    yield connection
    connection.close()


def search(connection, query, synonyms=None):
    plan = analyze_query(query, synonyms or default_synonyms())
    if not plan:
        return set()
    rows = connection.execute(
        "SELECT name FROM docs WHERE docs MATCH ? ORDER BY rank", (to_fts5_match(plan),)
    )
    return {name for (name,) in rows}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("woning", {"plural"}),  # woning finds woningen
        ("versterken", {"plural", "linking"}),  # versterkt; versterking·s·advies
        ("coordinator", {"accent"}),  # no accent finds Coördinator
        ("een keer", {"once"}),
        ('"een keer"', {"once"}),  # phrase with één
        ("isolatie", {"compound"}),  # part of dakisolatie (and verduurzaming: synonym)
        ("dak", {"compound"}),
        ("advies", {"linking"}),  # part of versterkingsadvies
        ("IMG", {"img", "img_short"}),
        ("Instituut Mijnbouwschade Groningen", {"img", "img_short"}),
        ("mkb", {"mkb", "mkb_short"}),
        ("midden- en kleinbedrijf", {"mkb", "mkb_short"}),
        ("middenbedrijf", {"mkb"}),
        ("agrariers", {"mkb"}),
        ("Boer-West", {"area"}),
        ("boerwest", {"area"}),
        ("'t Waar", {"area"}),
        ("woning kennisdag", set()),  # groups are ANDed
        ("ncg", {"accent"}),
    ],
)
def test_fts5_search(fts, query, expected):
    assert search(fts, query) == expected


def test_isolatie_finds_dakisolatie_without_synonyms(fts):
    assert search(fts, "isolatie", SynonymSet()) == {"compound"}


INJECTIONS = [
    '"',
    '"""',
    'a"b',
    'woning"',
    "NEAR(woning isolatie, 2)",
    "woning OR",
    "AND",
    "NOT woning",
    "-woning",
    "*",
    "woning*",
    "^woning",
    "body:woning",
    "{body}: woning",
    "name:plural",
    "'; DROP TABLE docs; --",
    "(((",
    ")))",
    "\x00woning",
    "😀 woning",
    "\\",
    "'",
    "&|!<->:*",
    "x" * 100_000,
    "woning " * 20_000,
    " ".join(f"w{i}" for i in range(5000)),
]


@pytest.mark.parametrize("query", INJECTIONS, ids=range(len(INJECTIONS)))
def test_fts5_strings_are_injection_safe(fts, query):
    plan = analyze_query(query, default_synonyms())
    expression = to_fts5_match(plan)
    fts.execute("SELECT name FROM docs WHERE docs MATCH ?", (expression,)).fetchall()
    fts.execute("SELECT name FROM docs WHERE docs MATCH ?", (to_fts5_match(plan, ["body"]),))
    assert fts.execute("SELECT count(*) FROM docs").fetchone()[0] == len(DOCUMENTS)


def test_or_is_an_operator_other_keywords_are_only_terms(fts):
    assert search(fts, "woning OR kennisdag") == {"plural", "other"}  # OR: either side
    assert search(fts, "name:plural") == set()
    assert search(fts, "NOT woning") == set()  # NOT is a word; -woning excludes


def test_empty_plans_give_valid_expressions_that_match_nothing(fts):
    for query in ["", "   ", '""', "!!!", '"\'"']:
        plan = analyze_query(query)
        assert not plan
        assert to_fts5_match(plan) == '""'
        assert to_tsquery(plan) == ""
        assert fts.execute("SELECT * FROM docs WHERE docs MATCH ?", ('""',)).fetchall() == []


def test_fts5_expression_shape_and_columns():
    plan = analyze_query("dakisolatie woning")
    assert to_fts5_match(plan) == (
        '("dakisolatie" OR "dak") AND ("dakisolatie" OR "isolatie") AND "woning"'
    )
    assert to_fts5_match(plan, ["title", "body"]).startswith("{title body} : (")
    with pytest.raises(ValueError):
        to_fts5_match(plan, ["body} OR {x"])


def test_the_plan_knows_the_words_as_typed_from_their_expansions():
    plan = analyze_query("IMG dakisolatie", default_synonyms())
    assert ("dakisolatie",) in plan.typed and ("img",) in plan.typed
    assert ("dak",) not in plan.typed  # a compound part
    assert plan.expanded()
    typed = plan.typed_plan()
    assert typed.groups == ((("img",), ("dakisolatie",)),)
    assert to_tsquery(typed) == "('img' | 'dakisolatie')"


def test_a_plan_without_expansions_has_no_typed_plan():
    plan = analyze_query("woning")
    assert not plan.expanded() and plan.typed_plan() is None


def test_both_sides_of_or_count_as_typed():
    plan = analyze_query("wisselwoning OR noodwoning")
    assert plan.typed == {("wisselwon",), ("noodwon",)}


def test_tsquery_shape_and_quoting():
    plan = analyze_query("dakisolatie woning")
    assert to_tsquery(plan) == "('dakisolatie' | 'dak') & ('dakisolatie' | 'isolatie') & 'woning'"
    odd = QueryPlan(groups=((("it's", "a\\b"),),))
    assert to_tsquery(odd) == "('it''s' <-> 'a\\\\b')"
    assert to_fts5_match(odd) == '"it\'s a\\b"'
    assert to_fts5_match(QueryPlan(groups=((('say "hi"',),),))) == '"say ""hi"""'


# --- highlighting support --------------------------------------------------------------------


def test_marked_tokens_mark_words_compounds_and_synonyms():
    text = "Dakisolatie voor woningen; het IMG besluit."
    plan = analyze_query("isolatie woning img", default_synonyms())
    marked = default_analyzer().marked_tokens(text, plan)
    assert [text[a:b] for a, b, hit in marked if hit] == ["Dakisolatie", "woningen", "IMG"]


# --- suggestions -----------------------------------------------------------------------------

VOCABULARY = {
    "versterking": 120,
    "versterkingen": 15,
    "verstrekking": 3,
    "woning": 300,
    "woningen": 250,
    "isolatie": 80,
    "dak": 40,
    "dag": 90,
    "kennisdag": 30,
}


def test_suggest_corrects_typos():
    assert suggest("versterkng", VOCABULARY) == "versterking"
    assert suggest("Versterkign", VOCABULARY) == "versterking"  # transposition
    assert suggest("wonnig", VOCABULARY) == "woning"
    assert suggest("isolatei", VOCABULARY) == "isolatie"


def test_suggest_prefers_fewer_edits_then_frequent_words():
    assert suggest("verstrking", VOCABULARY) == "versterking"
    assert suggest("dax", VOCABULARY) == "dag"  # dag (90) over dak (40), both one edit
    assert suggest("versterkinge", VOCABULARY) == "versterking"


def test_suggest_leaves_known_and_hopeless_words_alone():
    assert suggest("woning", VOCABULARY) is None
    assert suggest("Woning", VOCABULARY) is None
    assert suggest("xyzzyxyzzy", VOCABULARY) is None
    assert suggest("dxx", VOCABULARY) is None  # short words: one edit at most
    assert suggest("", VOCABULARY) is None and suggest("2024", VOCABULARY) is None


def test_edit_distance():
    assert edit_distance("versterkng", "versterking") == 1
    assert edit_distance("abcd", "bacd") == 1
    assert edit_distance("woning", "wxxxng", limit=2) == 3


# --- the analyzer object -----------------------------------------------------------------------


def test_analyzer_with_a_corpus_lexicon():
    lexicon = Lexicon.from_file().with_vocabulary({"stutwerk": 9})
    analyzer = Analyzer(lexicon)
    assert {"dak", "stutwerk"} <= set(analyzer.analyze_document("dakstutwerk"))
    assert "stutwerk" not in analyze_document("dakstutwerk")  # the shipped lexicon lacks it


# --- the bench generator ------------------------------------------------------------------


def test_bench_generator_makes_dutch_documents():
    documents = generate(3, words_per_doc=50)
    assert len(documents) == 3 and all(40 <= len(d.split()) <= 80 for d in documents)
    assert all(analyze_document(d) for d in documents)


def test_document_fast_path_agrees_with_tokenize():
    texts = generate(5, words_per_doc=200, seed=7) + [
        "Scheemda 't Waar; auto's, z'n — e-mail: midden-, klein- en grootbedrijf (Ten Boer-West)!",
        "a-b-c-d-e-f ‐ x‑y -z 3,5% 'k 's-Gravenhage\u00a0één\tkeer\n\nco2-neutraal...",
    ]
    plain = Analyzer(names=NameSet())  # names (Ten Boer-West) replace their words by design
    for text in texts:
        tokens = tokenize(text)
        running = plain.analyze_document(text)[: len(tokens)]  # the running text comes first
        assert running == [terms(tok.text) for tok in tokens]


def test_several_suspended_heads_share_one_tail():
    extras = set(analyze_document("midden-, klein- en grootbedrijf")) - {
        terms(w) for w in ["midden", "klein", "en", "grootbedrijf"]
    }
    assert {"middenbedrijf", "kleinbedrijf", terms("groot"), "bedrijf"} <= extras


def test_suggest_finds_swaps_and_a_lost_first_letter():
    vocabulary = {"gebouwclaim": 3, "huisplan": 4, "instituutopname": 2, "woning": 9}
    for typo, word in [("gbeouzclaim", "gebouwclaim"), ("uisplan", "huisplan"),
                       ("institzutopnmae", "instituutopname"), ("owning", "woning"),
                       ("xwoning", "woning")]:  # fmt: skip
        assert suggest(typo, vocabulary) == word
