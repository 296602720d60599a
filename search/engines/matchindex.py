"""PostgreSQL: the index that matches queries in `search_matchvector` (migrations 0013, 0014).

The index is RUM (the `rum` extension, Debian's `postgresql-NN-rum`) where the server has
it, else GIN; its name is `MATCH_INDEX` either way. A query's expansions often hold a
phrase (a compound's parts written apart, *schade <-> herstel*; a synonym of two words,
*vast <-> aanspreekpunt*). GIN stores no word positions: PostgreSQL must check the phrase
in the vector of every row the index returns, ~6 us a row, 235 ms for a common pair at
50,000 lessons. RUM keeps the positions in the index and decides the phrase there. Measured
at 50,000 lessons, back to back, 200 queries of the bench mix, load ~2 on 2 cores: all
facets + highlights p95 179 -> 75 ms, p99 298 -> 97 ms; plain p95 449 -> 300 ms; p50 25
-> 28 ms (RUM's posting lists are larger).

What it costs: the index is ~6x the size of GIN (182 vs 31 MB at 50,000 lessons), and a
row written into it costs ~5 ms instead of ~0.2 ms. One publish pays that once; a rebuild
drops the index, loads every row and builds the index in one pass (`without_match_index`:
9 s at 50,000 lessons, where 50,000 single inserts would cost minutes).

No maintained library does this: the choice between two access methods, depending on what
the server has, is this project's own. The extension needs the right to create it
(a superuser, or a database owner where it is trusted); where it cannot be created, GIN
stays, search works the same, and the system check `search.W001` says what is lost.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

MATCH_INDEX = "search_matchvector_idx"
_DEFINITIONS = {
    "rum": f"CREATE INDEX {MATCH_INDEX} ON search_matchvector USING rum (vector rum_tsvector_ops)",
    "gin": f"CREATE INDEX {MATCH_INDEX} ON search_matchvector USING gin (vector)",
}


def current_method(connection) -> str | None:
    """'rum' or 'gin', the access method of the match index; None when it is missing (or
    this is not PostgreSQL)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
            "WHERE c.relname = %s AND c.relkind = 'i'",
            [MATCH_INDEX],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def rum_available(connection) -> bool:
    """Whether RUM can be used: the extension is installed in this database, or the server
    has it and this user may create it (tried in a savepoint, so a refusal changes
    nothing)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
        if cursor.fetchone():
            return True
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if not cursor.fetchone():
            return False
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except DatabaseError as error:
            logger.warning("Search: the rum extension cannot be created (%s); GIN stays", error)
            return False
    return True


def best_method(connection) -> str:
    return "rum" if rum_available(connection) else "gin"


def ensure_match_index(connection, method: str | None = None) -> str | None:
    """Make the match index use `method` ('rum' or 'gin'; by default RUM when available)
    and return the method it has; nothing on SQLite. Built before the old one is dropped,
    in one transaction, so a failure leaves the old index."""
    if connection.vendor != "postgresql":
        return None
    wanted = method or best_method(connection)
    if current_method(connection) == wanted:
        return wanted
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {MATCH_INDEX}")
        cursor.execute(_DEFINITIONS[wanted])
    return wanted


@contextmanager
def without_match_index(connection):
    """For a bulk load (a rebuild): the match index is dropped while the rows go in and built
    again, with the method it had, in one pass afterwards, also when the load fails. Does
    nothing on SQLite or when the index is missing."""
    method = current_method(connection)
    if method is None:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {MATCH_INDEX}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(_DEFINITIONS[method])
