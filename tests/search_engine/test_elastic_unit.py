"""The Elasticsearch engine's definitions, checked without a server: mapping, analysis,
generated queries (to_dict) and the alias swap."""

from kennisbank.visibility import Viewer
from search.analysis import SynonymSet
from search.engines.base import SearchQuery
from search.engines.elastic import (
    ALIAS,
    alias_actions,
    build_search,
    index_definition,
    versioned_name,
)
from search.registry import FACETS

SYNONYMS = SynonymSet.from_lines(["IMG = Instituut Mijnbouwschade Groningen"])


def test_index_defines_dutch_analysis_with_folding_decompounding_and_stemming():
    settings = index_definition("kb-test").to_dict()["settings"]
    analyzer = settings["analysis"]["analyzer"]["dutch_text"]
    assert analyzer["filter"][:2] == ["lowercase", "asciifolding"]
    filters = settings["analysis"]["filter"]
    assert filters["nl_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert filters["nl_decompounder"]["type"] == "dictionary_decompounder"
    assert {"isolatie", "advies"} <= set(filters["nl_decompounder"]["word_list"])


def test_mapping_has_keyword_facets_a_completion_field_and_dutch_text():
    properties = index_definition("kb-test").to_dict()["mappings"]["properties"]
    for facet in FACETS:
        field = "doc_type" if facet == "type" else facet
        assert properties[field]["type"] == "keyword", facet
    assert properties["suggest"]["type"] == "completion"
    assert properties["suggest"]["contexts"][0]["path"] == "audience"
    assert properties["title"]["analyzer"] == "dutch_text"
    assert properties["audience"]["type"] == "keyword"


def test_mapping_derives_the_facet_fields_from_the_registered_content():
    properties = index_definition("kb-test").to_dict()["mappings"]["properties"]
    assert {"soort", "gemeente", "organisatie", "thema", "tag", "jaar"} <= set(properties)


def test_query_filters_on_the_audience_keys_it_is_given():
    body = build_search(
        SearchQuery(text="woning"), SYNONYMS, audiences=["openbaar", "ingelogd"]
    ).to_dict()
    assert {"terms": {"audience": ["openbaar", "ingelogd"]}} in body["query"]["bool"]["filter"]


def test_the_audience_keys_of_a_query_are_those_its_viewer_may_see(db, make_lesson, settings):
    from django.contrib.auth.models import Group

    from search.engines.elastic import audience_values

    settings.ELASTICSEARCH_URL = ""
    group = Group.objects.create(name="Werkgroep")
    make_lesson("Openbare les", "tekst")
    make_lesson("Les voor professionals", "tekst", zichtbaarheid="professionals")
    assert audience_values(Viewer()) == ["openbaar"]
    member = Viewer(authenticated=True, group_ids=frozenset([group.pk]))
    assert audience_values(member) == ["openbaar"]
    everyone = sorted(audience_values(Viewer(authenticated=True, superuser=True)))
    assert everyone[0].startswith("groepen:") and everyone[1] == "openbaar"


def test_synonyms_expand_at_query_time_into_alternatives():
    body = build_search(SearchQuery(text="IMG"), SYNONYMS, audiences=["openbaar"]).to_dict()
    text = str(body["query"])
    assert "instituut mijnbouwschade groningen" in text.lower()
    assert "'img'" in text.lower()


def _text_query(text, **options):
    query = SearchQuery(text=text, **options)
    body = build_search(query, SYNONYMS, audiences=["openbaar"]).to_dict()
    return body["query"]  # the text query, merged with the audience filter


def test_every_word_must_match_unless_relaxed():
    strict = _text_query("aannemer betrouwbaar keurmerk asbest")
    assert len(strict["bool"]["must"]) == 4 and "should" not in strict["bool"]
    assert strict["bool"]["filter"] == [{"terms": {"audience": ["openbaar"]}}]


def test_a_relaxed_query_needs_half_of_the_words_at_least_two():
    relaxed = _text_query("aannemer betrouwbaar keurmerk asbest dakgoot", relaxed=True)["bool"]
    assert len(relaxed["should"]) == 5 and "must" not in relaxed
    assert relaxed["minimum_should_match"] == 3
    assert relaxed["filter"] == [{"terms": {"audience": ["openbaar"]}}]
    assert (
        _text_query("aannemer keurmerk asbest", relaxed=True)["bool"]["minimum_should_match"] == 2
    )


def test_two_words_relaxed_match_nothing_more():
    assert _text_query("paspoort verlengen", relaxed=True) == {"match_none": {}}


def test_facet_filters_are_post_filters_and_each_aggregation_ignores_its_own_filter():
    query = SearchQuery(text="schade", filters={"fase": ("werkt", "idee"), "thema": ("veilig",)})
    body = build_search(query, SYNONYMS, audiences=["openbaar"]).to_dict()
    assert {"terms": {"fase": ["werkt", "idee"]}} in body["post_filter"]["bool"]["filter"]
    fase_agg = body["aggs"]["fase"]["filter"]["bool"]["filter"]
    assert fase_agg == [{"terms": {"thema": ["veilig"]}}]
    thema_agg = body["aggs"]["thema"]["filter"]["bool"]["filter"]
    assert thema_agg == [{"terms": {"fase": ["werkt", "idee"]}}]


def test_highlighting_uses_mark_and_html_encoding():
    body = build_search(SearchQuery(text="schade"), SYNONYMS, audiences=["openbaar"]).to_dict()
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"


def test_paging_and_date_sort():
    body = build_search(
        SearchQuery(text="schade", page=3, sort="datum"), SYNONYMS, audiences=["openbaar"]
    ).to_dict()
    assert body["from"] == 20 and body["size"] == 10
    assert body["sort"][0] == {"date": {"order": "desc"}}


def test_alias_swap_removes_old_indices_and_adds_the_new_one_in_one_call():
    actions = alias_actions(ALIAS, "kb-2", ["kb-1", "kb-0"])
    assert actions == [
        {"remove": {"index": "kb-1", "alias": ALIAS}},
        {"remove": {"index": "kb-0", "alias": ALIAS}},
        {"add": {"index": "kb-2", "alias": ALIAS}},
    ]


def test_alias_swap_on_a_fresh_cluster_only_adds():
    assert alias_actions(ALIAS, "kb-1", []) == [{"add": {"index": "kb-1", "alias": ALIAS}}]


def test_versioned_names_are_unique_and_carry_the_alias():
    first, second = versioned_name(), versioned_name()
    assert first.startswith(ALIAS + "-") and first != second


def _multi_matches(query: dict) -> list[dict]:
    found = []
    if isinstance(query, dict):
        if "multi_match" in query:
            found.append(query["multi_match"])
        for value in query.values():
            found += _multi_matches(value)
    elif isinstance(query, list):
        for value in query:
            found += _multi_matches(value)
    return found


def test_fields_are_boosted_title_summary_body_labels_slides():
    (match,) = _multi_matches(_text_query("kwelwater"))
    boosts = dict(field.split("^") for field in match["fields"])
    assert float(boosts["title"]) > float(boosts["summary"]) > float(boosts["body"])
    assert float(boosts["labels_text"]) == float(boosts["body"]) > float(boosts["slides"])


def test_the_alternative_as_typed_is_boosted_above_its_synonyms():
    matches = _multi_matches(_text_query("IMG"))
    typed = [m for m in matches if m["query"] == "img"]
    others = [m for m in matches if m["query"] != "img"]
    assert typed and others
    assert all(m["boost"] > 1.0 for m in typed) and all(m["boost"] == 1.0 for m in others)


def test_labels_are_analysed_as_whole_names_without_the_decompounder():
    definition = index_definition("kb-test").to_dict()
    assert definition["mappings"]["properties"]["labels_text"]["analyzer"] == "label_text"
    filters = definition["settings"]["analysis"]["analyzer"]["label_text"]["filter"]
    assert "nl_decompounder" not in filters and "nl_stemmer" in filters
