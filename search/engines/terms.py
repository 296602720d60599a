"""What the engines need from the analysis pipeline (`search.analysis`) beyond its API:
vocabulary words, query strings for the database in use, snippet spans and the per-position
alternatives that the Elasticsearch query is built from."""

from __future__ import annotations

from django.utils.html import escape as _escape

from search.analysis import (
    STOPWORDS,
    QueryPlan,
    SynonymSet,
    default_analyzer,
    fold,
    stem,
    to_fts5_match,
    to_tsquery,
    tokenize,
)

TERM_COLUMNS = ("title_terms", "summary_terms", "body_terms", "slide_terms", "label_terms")


def document_words(text: str) -> list[str]:
    """Folded, unstemmed words: the vocabulary for spelling suggestions and autocomplete."""
    words = (fold(token.text) for token in tokenize(text))
    return [w for w in words if len(w) >= 2 and w not in STOPWORDS and not w.isdigit()]


def match_string(plan: QueryPlan | None, vendor: str) -> str | None:
    """The database's full-text query for a plan; None when nothing can match."""
    if not plan:
        return None
    if vendor == "postgresql":
        return to_tsquery(plan) or None
    return to_fts5_match(plan, TERM_COLUMNS)


def typed_string(plan: QueryPlan | None, vendor: str) -> str | None:
    """The full-text query of the plan's words as typed, any of them (`QueryPlan.typed_plan`):
    ranked beside the whole query so that expansions weigh less. None when the plan has no
    expansion."""
    return match_string(plan.typed_plan(), vendor) if plan else None


def any_of(terms, vendor: str) -> str | None:
    """A query matching documents with any of `terms` (for related content)."""
    plan = QueryPlan(groups=(tuple((t,) for t in dict.fromkeys(terms) if t),))
    return match_string(plan, vendor)


def marked_tokens(text: str, plan: QueryPlan | None) -> list[tuple[int, int, bool]]:
    """(start, end, matches the plan) per word of `text`: what a snippet is cut from."""
    return default_analyzer().marked_tokens(text, plan)


def query_alternatives(text: str, synonyms: SynonymSet) -> list[list[str]]:
    """Per query position, alternative phrases as folded words (Elasticsearch analyses
    them itself). Stopwords alone are dropped, as the database engine does."""
    words = [fold(token.text) for token in tokenize(text)]
    keys = [stem(w) for w in words]
    positions, i = [], 0
    for start, end, group in synonyms.match_spans(keys):
        positions += [[w] for w in words[i:start]]
        alternatives = [" ".join(words[start:end])] + [" ".join(p) for p in group]
        positions.append(list(dict.fromkeys(alternatives)))
        i = end
    positions += [[w] for w in words[i:]]
    kept = [p for p in positions if len(p) > 1 or p[0] not in STOPWORDS]
    return kept or positions


def escape(text: str) -> str:
    return _escape(text or "")
