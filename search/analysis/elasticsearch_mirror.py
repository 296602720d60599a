"""The same analysis for Elasticsearch, in two forms the engine layer can choose from.

1. **Native analyzers** — `analysis_settings()` returns index settings that approximate
   the pipeline with Elasticsearch's own filters: lowercase, ASCII folding, the plural-s
   repair as a ``pattern_replace``, the override table as ``stemmer_override``, the
   ``dutch`` stemmer (Elasticsearch's ``dutch`` is the classic Snowball Dutch that
   `normalize.stem` wraps, not Kraaij-Pohlmann ``dutch_kp``), a ``dictionary_decompounder``
   over the same lexicon at index time, and a ``synonym_graph`` at query time built from
   the same `SynonymSet`. Approximate, because Elasticsearch's decompounder knows no
   linking morphemes and emits every lexicon word it finds inside a token (no junk-split
   guards), and its stemmer is not re-applied to a fixpoint.
2. **Pre-analysed field** (exact) — index ``" ".join(analyze_document(text))`` into a text
   field with the ``whitespace`` analyzer (`PREANALYZED_FIELD`) and query it with
   `plan_to_query(analyze_query(...))`: a ``bool`` of ``match_phrase`` clauses, so both
   engines rank over the very same terms. Highlighting then comes from our own tokens
   (`Analyzer.match_offsets`), or from a second, natively analysed field.

Both are plain dicts, ready for ``elasticsearch_dsl`` (``Index.settings(**...)``,
``Q(dict)``) or the raw client.
"""

from __future__ import annotations

from .lexicon import Lexicon, base_lexicon
from .normalize import STEM_OVERRIDES
from .pipeline import QueryPlan
from .synonyms import SynonymSet

__all__ = ["analysis_settings", "plan_to_query", "PREANALYZED_FIELD"]

# Java regex of the plural-s repair in normalize._PLURAL_S (words of five letters or more).
PLURAL_S_PATTERN = r"^(?=.{5,}$)(.*(?:[^aeiou][aoy]|[^aeiouc]e|[tsgrdlpnm]ie|eau))s$"

PREANALYZED_FIELD = {"type": "text", "analyzer": "whitespace", "norms": True}


def analysis_settings(synonyms: SynonymSet | None = None, lexicon: Lexicon | None = None) -> dict:
    """``{"analysis": ...}`` with analyzers ``nl_index`` and ``nl_search``."""
    lexicon = lexicon if lexicon is not None else base_lexicon()
    filters: dict[str, dict] = {
        "nl_plural_s": {
            "type": "pattern_replace",
            "pattern": PLURAL_S_PATTERN,
            "replacement": "$1",
        },
        "nl_overrides": {
            "type": "stemmer_override",
            "rules": [f"{form} => {target}" for form, target in sorted(STEM_OVERRIDES.items())],
        },
        "nl_stemmer": {"type": "stemmer", "language": "dutch"},
        "nl_decompounder": {
            "type": "dictionary_decompounder",
            "word_list": sorted(lexicon.words),
            "min_word_size": 6,
            "min_subword_size": 3,
            "only_longest_match": True,
        },
    }
    search_chain = ["lowercase", "asciifolding", "nl_plural_s", "nl_overrides", "nl_stemmer"]
    rules = synonyms.to_solr_rules() if synonyms is not None else []
    if rules:
        # synonym_graph parses its rules with the filters before it, so they are stemmed too.
        filters["nl_synonyms"] = {"type": "synonym_graph", "synonyms": rules, "lenient": True}
        search_chain.append("nl_synonyms")
    return {
        "analysis": {
            "filter": filters,
            "analyzer": {
                "nl_index": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "nl_decompounder",
                        "nl_plural_s",
                        "nl_overrides",
                        "nl_stemmer",
                    ],
                },
                "nl_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": search_chain,
                },
            },
        }
    }


def plan_to_query(plan: QueryPlan, field: str = "terms") -> dict:
    """An Elasticsearch query over a pre-analysed field: every group must match, any
    alternative of a group may; each alternative is a phrase of terms."""
    must = []
    for group in plan.groups:
        should = [
            {"match_phrase": {field: {"query": " ".join(alt), "analyzer": "whitespace"}}}
            for alt in group
            if alt and all(alt)
        ]
        if should:
            must.append({"bool": {"should": should, "minimum_should_match": 1}})
    if not must:
        return {"match_none": {}}
    return {"bool": {"must": must}}
