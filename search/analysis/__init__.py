"""Dutch text analysis for the Kennisbank search: one pipeline for index, query and
highlighting, in pure Python.

    text ──tokenize──▶ tokens (with offsets) ──fold──▶ lowercase, no accents
         ──stem──▶ Snowball Dutch (+ repairs and overrides)
         ──split_compound──▶ parts of compounds found in the lexicon

`analyze_document` feeds a purpose-built full-text table (SQLite FTS5 with the
``unicode61`` tokenizer, or a PostgreSQL ``tsvector`` with the ``simple`` configuration);
`analyze_query` turns a search into a `QueryPlan` (AND of OR-groups of phrases, with
synonyms expanded), which `to_fts5_match` and `to_tsquery` write out with every term
quoted. `suggest` proposes a correction for unknown words. The Elasticsearch engine
configures its own analyzer to follow these steps (`search.engines.elastic`).

Modules: `tokenizer`, `normalize` (fold, stem), `lexicon` (compounds), `synonyms`,
`pipeline` (analyzer, query plan), `querystring` (FTS5/tsquery) and `suggest`. Throughput
is measured by ``python -m bench.analysis --docs N`` (documents per second).
"""

from .lexicon import Lexicon, base_lexicon, split_compound
from .normalize import STEM_OVERRIDES, STOPWORDS, fold, stem
from .pipeline import (
    MAX_QUERY_CHARS,
    Analyzer,
    QueryPlan,
    analyze_document,
    analyze_label,
    analyze_query,
    default_analyzer,
)
from .querystring import to_fts5_match, to_tsquery
from .suggest import edit_distance, suggest
from .synonyms import DEFAULT_SYNONYMS, SynonymSet, default_synonyms
from .tokenizer import Token, tokenize

__all__ = [
    "Analyzer",
    "DEFAULT_SYNONYMS",
    "Lexicon",
    "MAX_QUERY_CHARS",
    "QueryPlan",
    "STEM_OVERRIDES",
    "STOPWORDS",
    "SynonymSet",
    "Token",
    "analyze_document",
    "analyze_label",
    "analyze_query",
    "base_lexicon",
    "default_analyzer",
    "default_synonyms",
    "edit_distance",
    "fold",
    "split_compound",
    "stem",
    "suggest",
    "to_fts5_match",
    "to_tsquery",
    "tokenize",
]
