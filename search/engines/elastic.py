"""The Elasticsearch engine (chosen by ELASTICSEARCH_URL), defined with elasticsearch-dsl.

The analysis mirrors the database engine's Python pipeline: lowercase, ASCII folding,
a dictionary decompounder fed with the same lexicon, and the Dutch Snowball stemmer.
Synonyms come from the editors' list and are expanded at query time in Python, exactly as
for the database engine, so an edit applies to the next query without reindexing.

Fields are weighted as on the database engine (`search.engines.database`: title > summary >
body = labels > slide text, per-field boosts in `multi_match`); taxonomy labels are analysed
without the decompounder, so they match as whole names; an alternative as typed is boosted
above its synonyms (`TYPED_BOOST`).

Facet fields (one keyword each) come from the content apps' registrations
(`search.registry`). Every document carries its `audience` key (`kennisbank.visibility`);
a query filters on the keys its viewer may see, which the database index (always current)
knows (`search.facetindex`).

The index is versioned (`<alias>-<timestamp>`) and served through an alias: a rebuild
fills a new index and swaps the alias atomically, so search keeps answering meanwhile.
"""

from __future__ import annotations

import time

from elasticsearch.helpers import bulk, scan
from elasticsearch_dsl import (
    A,
    Completion,
    Date,
    Document,
    Index,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    connections,
    token_filter,
)

from kennisbank.visibility import NOBODY_KEY, Viewer
from search import analysis, facetindex
from search.engines import terms as eterms
from search.engines.base import (
    FacetCount,
    Hit,
    SearchEngine,
    SearchQuery,
    SearchResults,
    minimum_should_match,
)
from search.engines.database import (
    BODY_WEIGHT,
    LABEL_WEIGHT,
    SLIDE_WEIGHT,
    SUMMARY_WEIGHT,
    TITLE_WEIGHT,
    TYPED_BONUS,
)
from search.highlight import mark_title
from search.registry import FACETS
from search.synonyms import current_synonyms

ALIAS = "kennisbank-search"
REQUEST_TIMEOUT = 2.0  # seconds; the service falls back to the database engine after this

nl_stemmer = token_filter("nl_stemmer", type="stemmer", language="dutch")
nl_decompounder = token_filter(
    "nl_decompounder",
    type="dictionary_decompounder",
    word_list=sorted(analysis.base_lexicon().base),
    min_subword_size=3,
    only_longest_match=False,
)
dutch_text = analyzer(
    "dutch_text",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", nl_decompounder, nl_stemmer],
)
folded_keyword = analyzer(
    "folded_words", tokenizer="standard", filter=["lowercase", "asciifolding"]
)
# Taxonomy labels: words stemmed but never split, so a label matches as a whole name.
label_text = analyzer(
    "label_text", tokenizer="standard", filter=["lowercase", "asciifolding", nl_stemmer]
)

# The searched fields with the database engine's weights (the body is 1).
TEXT_FIELDS = [
    f"title^{TITLE_WEIGHT}",
    f"summary^{SUMMARY_WEIGHT}",
    f"body^{BODY_WEIGHT}",
    f"labels_text^{LABEL_WEIGHT}",
    f"slides^{SLIDE_WEIGHT}",
]
# An alternative as typed (the first of its position) against its synonyms.
TYPED_BOOST = 1.0 + TYPED_BONUS


class KennisbankDocument(Document):
    """One page in the index. Facet fields hold slugs; `<facet>_label` keeps 'slug|label'."""

    title = Text(analyzer=dutch_text, fields={"words": Text(analyzer=folded_keyword)})
    summary = Text(analyzer=dutch_text)
    body = Text(analyzer=dutch_text, fields={"words": Text(analyzer=folded_keyword)})
    slides = Text(analyzer=dutch_text)
    labels_text = Text(analyzer=label_text)
    url = Keyword(index=False)
    doc_type = Keyword()
    audience = Keyword()
    date = Date()
    page_id = Keyword()
    source_updated_at = Date()
    suggest = Completion(
        analyzer=folded_keyword,
        contexts=[{"name": "audience", "type": "category", "path": "audience"}],
    )
    labels = Keyword(index=False)

    class Index:
        name = ALIAS


def facet_field(facet: str) -> str:
    """The keyword field of a facet (the type of content is stored as `doc_type`)."""
    return "doc_type" if facet == "type" else facet


def index_definition(name: str) -> Index:
    mapping = KennisbankDocument._doc_type.mapping
    for facet in FACETS:
        if facet_field(facet) != "doc_type":
            mapping.field(facet_field(facet), Keyword())
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=20000)
    index.analyzer(dutch_text)
    index.analyzer(folded_keyword)
    index.analyzer(label_text)
    index.document(KennisbankDocument)
    return index


def alias_actions(alias: str, new_index: str, current_indices: list[str]) -> list[dict]:
    """One atomic alias update: point `alias` at `new_index`, away from all others."""
    actions = [
        {"remove": {"index": name, "alias": alias}} for name in current_indices if name != new_index
    ]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


def versioned_name(alias: str = ALIAS) -> str:
    return f"{alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 1_000_000:06d}"


def to_es_document(document) -> KennisbankDocument:
    words = eterms.document_words(document.title)
    fields = {
        facet_field(facet): [slug for slug, _ in values]
        for facet, values in document.facets.items()
        if facet in FACETS
    }
    fields["doc_type"] = document.doc_type
    labels = [
        f"{facet}|{slug}|{label}"
        for facet, values in document.facets.items()
        for slug, label in values
    ]
    return KennisbankDocument(
        meta={"id": str(document.page_id)},
        page_id=str(document.page_id),
        title=document.title,
        summary=document.summary,
        body=document.body,
        slides=document.slides,
        labels_text=" ".join(
            label
            for facet, values in document.facets.items()
            if facet not in {"jaar", "type"}
            for _, label in values
        ),
        url=document.url,
        audience=document.audience,
        date=document.date,
        source_updated_at=document.source_updated_at,
        suggest={
            "input": [document.title, *words],
            "contexts": {"audience": [document.audience]},
        },
        labels=labels,
        **fields,
    )


def audience_values(viewer: Viewer) -> list[str]:
    """The audience keys this viewer may see, as the database index knows them. Never
    empty: an empty context list would make the completion suggester ignore contexts."""
    return facetindex.current().audience_keys(viewer) or [NOBODY_KEY]


def text_query(text: str, synonyms, relaxed: bool = False) -> Q:
    """Every query position must match; alternatives (synonyms) of a position are OR-ed.
    Relaxed (`SearchQuery.relaxed`): most positions, `minimum_should_match` of them, as
    the database engine does; a query of one or two words matches nothing more."""
    groups = eterms.query_alternatives(text, synonyms)
    if not groups:
        return Q("match_all")
    if relaxed and minimum_should_match(len(groups)) >= len(groups):
        return Q("match_none")
    must = []
    for alternatives in groups:
        should = []
        for position, phrase in enumerate(alternatives):
            # The first alternative is the phrase as typed; the others are its synonyms.
            boost = TYPED_BOOST if position == 0 and len(alternatives) > 1 else 1.0
            if " " in phrase:
                options = {"type": "phrase"}
            else:
                options = {"fuzziness": "AUTO:5,8", "prefix_length": 2}
            should.append(
                Q("multi_match", query=phrase, fields=TEXT_FIELDS, boost=boost, **options)
            )
        must.append(Q("bool", should=should, minimum_should_match=1))
    if relaxed:
        return Q("bool", should=must, minimum_should_match=minimum_should_match(len(must)))
    return Q("bool", must=must)


def build_search(
    query: SearchQuery, synonyms, index: str = ALIAS, audiences: list[str] | None = None
) -> Search:
    """The complete request: text, audiences, filters (post_filter for OR-within-facet
    counts), one filtered aggregation per facet, highlighting, paging and sorting."""
    search = Search(index=index).query(text_query(query.text, synonyms, query.relaxed))
    if audiences is None:
        audiences = audience_values(query.viewer)
    search = search.filter("terms", audience=audiences)
    filters = {
        facet: Q("terms", **{facet_field(facet): list(values)})
        for facet, values in query.filters.items()
        if values
    }
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for facet in FACETS:
        others = [q for name, q in filters.items() if name != facet]
        terms = A("terms", field=facet_field(facet), size=50)
        search.aggs.bucket(facet, "filter", filter=Q("bool", filter=others)).bucket("values", terms)
    search = search.highlight("body", "summary", "slides", fragment_size=180, number_of_fragments=1)
    search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    if query.text:
        search = search.suggest("spelling", query.text, term={"field": "body.words"})
    if query.sort == "datum" or not query.text:
        search = search.sort("-date", "_score")
    search = search.source(excludes=["body", "slides", "suggest"])
    return search[query.offset : query.offset + query.per_page]


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url: str, alias: str = ALIAS):
        self.alias = alias
        self.client = connections.create_connection(
            alias="kennisbank",
            hosts=[url],
            request_timeout=REQUEST_TIMEOUT,
            retry_on_timeout=False,
            max_retries=0,
        )

    # --- index management ---------------------------------------------------------------

    def ensure_index(self) -> None:
        if not self.client.indices.exists_alias(name=self.alias):
            name = versioned_name(self.alias)
            index_definition(name).create(using=self.client)
            self.client.indices.update_aliases(actions=alias_actions(self.alias, name, []))

    def rebuild(self, documents, progress=None) -> int:
        name = versioned_name(self.alias)
        index_definition(name).create(using=self.client)
        count = 0

        def actions():
            nonlocal count
            for document in documents:
                count += 1
                if progress and count % 500 == 0:
                    progress(count)
                yield to_es_document(document).to_dict(include_meta=True) | {"_index": name}

        bulk(self.client, actions(), request_timeout=120)
        self.client.indices.refresh(index=name)
        current = list(self.client.indices.get_alias(name=self.alias, ignore_unavailable=True))
        self.client.indices.update_aliases(actions=alias_actions(self.alias, name, current))
        for old in current:
            if old != name:
                self.client.indices.delete(index=old, ignore_unavailable=True)
        return count

    def index(self, documents) -> None:
        self.ensure_index()
        for document in documents:
            to_es_document(document).save(using=self.client, index=self.alias, refresh=True)

    def remove(self, page_ids) -> None:
        ids = [str(page_id) for page_id in page_ids]
        if ids:
            self.client.delete_by_query(
                index=self.alias,
                query={"ids": {"values": ids}},
                refresh=True,
                conflicts="proceed",
                ignore_unavailable=True,
            )

    def clear(self) -> None:
        self.client.delete_by_query(index=self.alias, query={"match_all": {}}, refresh=True)

    def indexed_ids(self) -> dict[int, object]:
        return {
            int(hit["_id"]): hit["_source"].get("source_updated_at")
            for hit in scan(self.client, index=self.alias, _source=["source_updated_at"])
        }

    def indexed_audiences(self) -> dict[int, str]:
        return {
            int(hit["_id"]): hit["_source"].get("audience", "")
            for hit in scan(self.client, index=self.alias, _source=["audience"])
        }

    # --- querying -----------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        synonyms = current_synonyms()
        response = build_search(query, synonyms, self.alias).using(self.client).execute()
        # Titles are marked by the site's own analysis, as on the database engine.
        plan = analysis.analyze_query(query.text, synonyms) if query.text else None
        if plan is not None and query.relaxed:
            plan = plan.relaxed_plan() or plan
        labels = {}
        hits = []
        for hit in response:
            for item in getattr(hit, "labels", []) or []:
                facet, slug, label = item.split("|", 2)
                labels[(facet, slug)] = label
            highlight = getattr(hit.meta, "highlight", None)
            fragments = (
                list(getattr(highlight, "body", []))
                + list(getattr(highlight, "summary", []))
                + list(getattr(highlight, "slides", []))
                if highlight
                else []
            )
            hits.append(
                Hit(
                    page_id=int(hit.meta.id),
                    title=hit.title,
                    title_html=mark_title(hit.title, plan),
                    url=hit.url,
                    type=hit.doc_type,
                    snippet=fragments[0] if fragments else eterms.escape(hit.summary),
                    date=hit.date.date() if getattr(hit, "date", None) else None,
                    summary=hit.summary,
                )
            )
        facets = {}
        for facet in FACETS:
            buckets = response.aggregations[facet]["values"]["buckets"]
            facets[facet] = [
                FacetCount(
                    b["key"],
                    labels.get((facet, b["key"]), b["key"]),
                    b["doc_count"],
                    b["key"] in query.filters.get(facet, ()),
                )
                for b in buckets
            ]
        suggestion = None
        empty = response.hits.total.value == 0 and not query.relaxed
        if query.text and empty and "suggest" in response:
            words = []
            for entry in response.suggest.spelling:
                words.append(entry.options[0].text if entry.options else entry.text)
            candidate = " ".join(words)
            suggestion = candidate if candidate != query.text.lower() else None
        return SearchResults(
            response.hits.total.value, query.page, hits, facets, suggestion, self.name
        )

    def set_audiences(self, audiences: dict[int, str]) -> None:
        """Documents whose audience changed leave the index (the completion contexts cannot
        be changed in place); the queued sync (`search.indexer.sync_page_task`) brings back
        what belongs. One request, whatever the number of pages."""
        by_key: dict[str, list[str]] = {}
        for page_id, key in audiences.items():
            by_key.setdefault(key, []).append(str(page_id))
        if not by_key:
            return
        changed = [
            Q("bool", filter=[Q("ids", values=ids)], must_not=[Q("term", audience=key)])
            for key, ids in by_key.items()
        ]
        self.client.delete_by_query(
            index=self.alias,
            query=Q("bool", should=changed, minimum_should_match=1).to_dict(),
            refresh=True,
            conflicts="proceed",
            ignore_unavailable=True,
        )

    def suggest(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[str]:
        search = (
            Search(index=self.alias)
            .using(self.client)
            .suggest(
                "complete",
                prefix,
                completion={
                    "field": "suggest",
                    "size": limit,
                    "skip_duplicates": True,
                    "contexts": {"audience": audience_values(viewer)},
                },
            )
            .source(False)
        )
        response = search.execute()
        return [option.text for option in response.suggest.complete[0].options]

    def related(self, page_id: int, viewer: Viewer, limit: int = 5) -> list[Hit]:
        search = (
            Search(index=self.alias)
            .using(self.client)
            .query(
                Q(
                    "more_like_this",
                    fields=["title", "body"],
                    like=[{"_index": self.alias, "_id": str(page_id)}],
                    min_term_freq=1,
                    min_doc_freq=1,
                    max_query_terms=25,
                )
            )
            .filter("terms", audience=audience_values(viewer))
            .source(excludes=["body", "suggest"])
        )[:limit]
        return [
            Hit(
                page_id=int(h.meta.id),
                title=h.title,
                url=h.url,
                type=h.doc_type,
                snippet=eterms.escape(h.summary),
                date=None,
                summary=h.summary,
            )
            for h in search.execute()
        ]
