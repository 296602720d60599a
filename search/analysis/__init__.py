"""Dutch text analysis for the Kennisbank search: one pipeline for index, query and
highlighting, in pure Python.

    text ──tokenize──▶ tokens (with offsets) ──fold──▶ lowercase, no accents
         ──stem──▶ Snowball Dutch (+ repairs and overrides)
         ──split_compound──▶ parts of compounds found in the lexicon

`analyze_document` feeds a purpose-built full-text table (SQLite FTS5 with the
``unicode61`` tokenizer, or a PostgreSQL ``tsvector`` with the ``simple`` configuration);
`analyze_query` turns a search into a `QueryPlan` (AND of OR-groups of phrases, with
synonyms expanded), which `to_fts5_match` and `to_tsquery` write out with every term
quoted. `suggest` proposes a correction for unknown words. The Elasticsearch analyzer is
meant to mirror these steps (see `elasticsearch_mirror`).

Modules: `tokenizer`, `normalize` (fold, stem), `lexicon` (compounds), `synonyms`,
`pipeline` (analyzer, query plan), `querystring` (FTS5/tsquery), `suggest`,
`elasticsearch_mirror` (analyzer settings, query over pre-analysed terms) and `bench`
(``python -m search.analysis.bench --docs N``: documents per second).
"""

from .lexicon import Lexicon, base_lexicon, split_compound
from .normalize import STEM_OVERRIDES, STOPWORDS, fold, stem
from .pipeline import (
    MAX_QUERY_CHARS,
    Analyzer,
    QueryPlan,
    Term,
    analyze_document,
    analyze_query,
    default_analyzer,
    document_terms,
)
from .querystring import fts5_document, to_fts5_match, to_tsquery, to_tsvector_literal
from .suggest import Suggester, edit_distance, suggest
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
    "Suggester",
    "SynonymSet",
    "Term",
    "Token",
    "analyze_document",
    "analyze_query",
    "base_lexicon",
    "default_analyzer",
    "default_synonyms",
    "document_terms",
    "edit_distance",
    "fold",
    "fts5_document",
    "split_compound",
    "stem",
    "suggest",
    "to_fts5_match",
    "to_tsquery",
    "to_tsvector_literal",
    "tokenize",
]
