"""Query strings for the database full-text engines, built from a `QueryPlan`.

Every term is quoted, so nothing a user types reaches the engines' query parsers as
syntax: FTS5 keywords (``AND``, ``NEAR``, ``*``, ``^``, column filters) and tsquery
operators (``&``, ``|``, ``!``, ``<->``, ``:*``) in the input are just text, and were
already removed by tokenisation. Quotes inside terms (impossible after `fold`, which keeps
letters and digits only) are escaped anyway. An empty plan gives an expression that is
valid and matches nothing (``""`` for FTS5 — an empty MATCH string would be a syntax
error —, ``""`` for a tsquery literal); better still, the caller does not query at all when
``not plan``. Excluded phrases (``-woord``) become FTS5's ``NOT`` and tsquery's ``!``; a plan
with exclusions only matches nothing (there is no "everything except" search).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .pipeline import QueryPlan

__all__ = ["to_fts5_match", "to_tsquery"]

_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _fts5_string(terms: Sequence[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'


def to_fts5_match(plan: QueryPlan, columns: Sequence[str] = ()) -> str:
    """An FTS5 MATCH expression: groups joined by AND, alternatives by OR, each
    alternative a quoted phrase. `columns` optionally restricts the match
    (``{title body} : (...)``); column names must be plain identifiers."""
    groups = []
    for group in plan.groups:
        alternatives = [_fts5_string(alt) for alt in group if alt and all(alt)]
        if not alternatives:
            continue
        groups.append(
            alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
        )
    if not groups:
        return '""'
    expression = " AND ".join(groups)
    excluded = [_fts5_string(alt) for alt in plan.excluded if alt and all(alt)]
    if excluded:  # -woord: FTS5's binary NOT
        expression = "(" + expression + ") NOT (" + " OR ".join(excluded) + ")"
    if columns:
        for column in columns:
            if not _COLUMN.match(column):
                raise ValueError(f"not a column name: {column!r}")
        expression = "{" + " ".join(columns) + "} : (" + expression + ")"
    return expression


def _ts_lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery(plan: QueryPlan) -> str:
    """A tsquery: groups joined by ``&``, alternatives by ``|``, phrases with ``<->``.

    Used as the argument of ``to_tsquery('simple', %s)`` against a vector from
    ``to_tsvector('simple', ...)``: the terms are already analysed."""
    groups = []
    for group in plan.groups:
        alternatives = []
        for alt in group:
            if not alt or not all(alt):
                continue
            lexemes = [_ts_lexeme(t) for t in alt]
            alternatives.append(
                lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"
            )
        if alternatives:
            groups.append(
                alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"
            )
    if not groups:
        return ""
    excluded = [_ts_phrase(alt) for alt in plan.excluded if alt and all(alt)]
    if excluded:  # -woord
        groups.append("!(" + " | ".join(excluded) + ")")
    return " & ".join(groups)


def _ts_phrase(alt: Sequence[str]) -> str:
    lexemes = [_ts_lexeme(t) for t in alt]
    return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"
