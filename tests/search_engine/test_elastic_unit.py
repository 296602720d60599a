"""The Elasticsearch engine's definitions, checked without a server: mapping, analysis,
generated queries (to_dict) and the alias swap."""

from search.analysis import SynonymSet
from search.engines.base import SearchQuery
from search.engines.elastic import (
    ALIAS,
    alias_actions,
    build_search,
    index_definition,
    versioned_name,
)
from search.models import FACETS

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
    assert properties["suggest"]["contexts"][0]["path"] == "visibility"
    assert properties["title"]["analyzer"] == "dutch_text"
    assert properties["visibility"]["type"] == "keyword"


def test_anonymous_query_filters_on_public_visibility():
    body = build_search(SearchQuery(text="woning"), SYNONYMS).to_dict()
    assert {"terms": {"visibility": ["openbaar"]}} in body["query"]["bool"]["filter"]


def test_professional_query_includes_professionals_only_content():
    body = build_search(SearchQuery(text="woning", professional=True), SYNONYMS).to_dict()
    assert {"terms": {"visibility": ["openbaar", "professionals"]}} in body["query"]["bool"][
        "filter"
    ]


def test_synonyms_expand_at_query_time_into_alternatives():
    body = build_search(SearchQuery(text="IMG"), SYNONYMS).to_dict()
    text = str(body["query"])
    assert "instituut mijnbouwschade groningen" in text.lower()
    assert "'img'" in text.lower()


def test_facet_filters_are_post_filters_and_each_aggregation_ignores_its_own_filter():
    query = SearchQuery(text="schade", filters={"fase": ("werkt", "idee"), "thema": ("veilig",)})
    body = build_search(query, SYNONYMS).to_dict()
    assert {"terms": {"fase": ["werkt", "idee"]}} in body["post_filter"]["bool"]["filter"]
    fase_agg = body["aggs"]["fase"]["filter"]["bool"]["filter"]
    assert fase_agg == [{"terms": {"thema": ["veilig"]}}]
    thema_agg = body["aggs"]["thema"]["filter"]["bool"]["filter"]
    assert thema_agg == [{"terms": {"fase": ["werkt", "idee"]}}]


def test_highlighting_uses_mark_and_html_encoding():
    body = build_search(SearchQuery(text="schade"), SYNONYMS).to_dict()
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"


def test_paging_and_date_sort():
    body = build_search(SearchQuery(text="schade", page=3, sort="datum"), SYNONYMS).to_dict()
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
