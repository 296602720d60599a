"""Keeping the index in step with live content, and checking that it is.

Two kinds of write, by cost:

- `narrow(page_ids)`: cheap and synchronous, in the caller's transaction. The audience of
  each page (and of nothing else) is decided again by the one policy
  (`kennisbank.visibility.audiences_of`); an entry whose page nobody may see any more
  (unpublished, password, deleted) leaves the index, an entry whose audience changed moves
  to its new key. No analysis. The signal handlers (`search.signals`) call it for every
  change that can narrow who sees a page, so visibility never waits for a worker.
- `sync_page` / `sync_pages`: the expensive re-analysis of a page's text and facets,
  queued after commit as `sync_page_task` (a background task in production), which then
  queues the page's "meer zoals dit" (`search.related.refresh_task`). Widening
  (a newly published page, a lifted restriction) may lag until it runs. `schedule_sync`
  collects the pages of one transaction and queues each **once** at its commit, however
  many signals named it (a lesson's publish and its derived view restriction's row and
  groups all do).

Background index tasks retry on transient database errors (deadlock, serialization
failure, SQLite's "database is locked", and two processes indexing the same page at once,
which meet as a duplicate entry) a few times with backoff, then log and re-raise.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction
from django_tasks import task
from wagtail.models import Page

from kennisbank.visibility import audiences_of
from search import related
from search.analysis import default_analyzer
from search.documents import DOCUMENT_FORMAT, all_documents, build_document, documents_for
from search.engines import get_database_engine, get_engine
from search.models import IndexFormat

logger = logging.getLogger(__name__)

RETRY_DELAYS = (0.05, 0.2, 0.8)  # seconds before the 2nd, 3rd and 4th attempt
_TRANSIENT_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected
_TRANSIENT_MESSAGES = ("deadlock", "database is locked", "could not serialize")
# Another process indexed the same page between our delete and insert: a retry replaces it.
_RACE_MESSAGES = ("search_searchentry.page_id", "search_searchentry_page_id_key")


def _engines():
    engines = [get_engine()]
    database = get_database_engine()
    if engines[0] is not database:
        # The database engine stays current as the fallback when Elasticsearch is down.
        engines.append(database)
    return engines


def sync_page(page_id: int) -> bool:
    """Index the page if it belongs in the index, else remove it. True if indexed."""
    page = Page.objects.filter(pk=page_id).first()
    document = build_document(page) if page is not None else None
    for engine in _engines():
        _write(engine, lambda e: e.remove([page_id]) if document is None else e.index([document]))
    return document is not None


def sync_pages(page_ids) -> int:
    """`sync_page` for a batch (a large import): one write per engine. Returns pages indexed."""
    ids = list(page_ids)
    documents = documents_for(ids)
    gone = sorted(set(ids) - {d.page_id for d in documents})
    for engine in _engines():
        if gone:
            _write(engine, lambda e: e.remove(gone))
        if documents:
            _write(engine, lambda e: e.index(documents))
    return len(documents)


def _write(engine, operation) -> None:
    """Apply a write; a failing Elasticsearch never blocks an editor (`search_index check`
    reports the drift, `rebuild` repairs it; the query-time check keeps it harmless). The
    database engine's errors do surface."""
    if engine is get_database_engine():
        operation(engine)
        return
    try:
        operation(engine)
    except Exception:
        logger.exception("Index write to %s failed; run `search_index check`", engine.name)


def is_transient(error: BaseException) -> bool:
    """A database error that a second attempt may not meet: deadlock, serialization
    failure, a locked SQLite database."""
    for candidate in (error, error.__cause__):
        if candidate is None:
            continue
        if getattr(candidate, "sqlstate", None) in _TRANSIENT_SQLSTATES:
            return True
        if any(text in str(candidate).lower() for text in _TRANSIENT_MESSAGES):
            return True
        if isinstance(error, IntegrityError) and any(t in str(candidate) for t in _RACE_MESSAGES):
            return True
    return False


def with_retries(operation, *args):
    """Run `operation(*args)` in its own transaction (a savepoint inside an outer one), again
    after a transient database error."""
    attempts = len(RETRY_DELAYS) + 1
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic():
                return operation(*args)
        except DatabaseError as error:
            if not is_transient(error) or attempt == attempts:
                logger.exception(
                    "Index task %s%r failed (attempt %s of %s)",
                    operation.__name__,
                    args,
                    attempt,
                    attempts,
                )
                raise
            logger.warning(
                "Index task %s%r met a transient database error (attempt %s of %s): %s",
                operation.__name__,
                args,
                attempt,
                attempts,
                error,
            )
            time.sleep(RETRY_DELAYS[attempt - 1])
    return None  # not reached


# Ahead of the other background work a publish queues (Wagtail's reference and admin
# search indexes, "meer zoals dit", PDF text): the site search is what a reader waits for.
SYNC_PRIORITY = 50


@task(priority=SYNC_PRIORITY)
def sync_page_task(page_id: int) -> bool:
    """Re-analyse one page; then queue its "meer zoals dit" for the new entry
    (`search.related.refresh_task`, after the index syncs waiting), so that no page view
    computes it and no other page's sync waits for it."""
    indexed = with_retries(sync_page, page_id)
    if indexed:
        try:
            related.refresh_task.enqueue(page_id)
        except Exception:  # the index is current; a view queues the set again
            logger.exception("Related pages of %s not queued after indexing", page_id)
    return indexed


class _Batch:
    """The pages one transaction has queued so far: what joins the batch is queued once."""

    def __init__(self):
        self.queued: set[int] = set()
        self.committed = False  # one of its flushes ran: the next transaction starts anew


class _Flush:
    """The on-commit callback of one `schedule_sync` call: queues its pages, except those
    an earlier flush of the same transaction queued. Its pages live and die with it in
    Django's list of on-commit callbacks, so a rolled-back savepoint takes exactly its own
    pages along, and whatever runs only some callbacks (a test capturing those of a block)
    still queues each page it runs for."""

    def __init__(self, batch: _Batch, page_ids):
        self.batch = batch
        self.page_ids = page_ids

    def __call__(self):
        self.batch.committed = True
        for page_id in self.page_ids:
            if page_id not in self.batch.queued:
                self.batch.queued.add(page_id)
                sync_page_task.enqueue(page_id)


def _open_batch(connection) -> _Batch:
    """The batch of the transaction in progress (a new one if none is open)."""
    if connection.in_atomic_block:
        for _, callback, _ in reversed(connection.run_on_commit):
            if isinstance(callback, _Flush):
                if not callback.batch.committed:
                    return callback.batch
                break
    return _Batch()


def schedule_sync(page_ids) -> None:
    """Sync after the surrounding transaction commits (in the background in production),
    each page once per transaction, however many signals schedule it."""
    ids = list(dict.fromkeys(page_ids))
    if ids:
        transaction.on_commit(_Flush(_open_batch(transaction.get_connection()), ids))


def remove_pages(page_ids) -> None:
    ids = list(page_ids)
    for engine in _engines():
        _write(engine, lambda e: e.remove(ids))


def narrow(page_ids) -> None:
    """Apply the pages' current audiences to their entries at once, in this transaction:
    out of the index when nobody may see them, else under their new audience key."""
    ids = list(page_ids)
    if not ids:
        return
    pages = list(Page.objects.filter(pk__in=ids).specific())
    audiences = audiences_of(pages)
    gone = sorted(set(ids) - {pk for pk, a in audiences.items() if not a.nobody})
    keys = {pk: a.key for pk, a in audiences.items() if not a.nobody}
    for engine in _engines():
        if gone:
            _write(engine, lambda e: e.remove(gone))
        if keys:
            _write(engine, lambda e: e.set_audiences(keys))


@dataclass
class Drift:
    missing: list[int]  # live and searchable, not in the index
    stale: list[int]  # in the index with an older version than the live page
    orphaned: list[int]  # in the index, no longer live/searchable
    misaudienced: list[int] = field(default_factory=list)  # indexed for another audience

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphaned or self.misaudienced)


def check(engine=None) -> Drift:
    engine = engine or get_engine()
    indexed = engine.indexed_ids()
    audiences = engine.indexed_audiences()
    documents = list(all_documents())
    live = {d.page_id: d.source_updated_at for d in documents}
    missing = sorted(set(live) - set(indexed))
    orphaned = sorted(set(indexed) - set(live))
    stale = sorted(
        pk for pk in set(live) & set(indexed) if live[pk] and indexed[pk] and indexed[pk] < live[pk]
    )
    misaudienced = sorted(
        d.page_id
        for d in documents
        if d.page_id in audiences and audiences[d.page_id] != d.audience
    )
    return Drift(missing, stale, orphaned, misaudienced)


def rebuild(progress=None) -> int:
    """Rebuild the index from live content. Returns the number of pages indexed."""
    count = 0
    for engine in _engines():
        if hasattr(engine, "rebuild"):
            count = engine.rebuild(all_documents(), progress=progress)
        else:
            engine.clear()
            count = 0
            for document in all_documents():
                engine.index([document])
                count += 1
                if progress and count % 500 == 0:
                    progress(count)
        _store_format(engine)
    return count


# --- the index format ---------------------------------------------------------------------


def index_format() -> str:
    """The format this code writes: the documents' format and the analysis lexicon's."""
    return f"{DOCUMENT_FORMAT}:{default_analyzer().lexicon.fingerprint[:16]}"


def _store_format(engine) -> None:
    IndexFormat.objects.update_or_create(engine=engine.name, defaults={"version": index_format()})


def outdated_engines() -> list:
    """The engines whose index was built in another format than this code's (or never)."""
    stored = dict(IndexFormat.objects.values_list("engine", "version"))
    return [engine for engine in _engines() if stored.get(engine.name) != index_format()]


def refresh(engine, progress=None, batch_size: int = 200) -> int:
    """Re-analyse every live page into `engine` in place, batch by batch, then remove the
    entries of pages that are no longer searchable, and record the format. Unlike
    `rebuild` the index is never empty: searches keep answering (in the old format for the
    pages not reached yet) while it runs. Returns the number of pages indexed."""
    count, batch, seen = 0, [], set()
    for document in all_documents():
        batch.append(document)
        seen.add(document.page_id)
        if len(batch) >= batch_size:
            with_retries(engine.index, batch)
            count += len(batch)
            batch = []
            if progress:
                progress(count)
    if batch:
        with_retries(engine.index, batch)
        count += len(batch)
    gone = sorted(set(engine.indexed_ids()) - seen)
    if gone:
        engine.remove(gone)
    _store_format(engine)
    return count


def upgrade(progress=None) -> dict[str, int]:
    """`refresh` every engine whose index format is not this code's: engine name -> pages
    indexed (empty when every index is current). The release step runs it on deploy."""
    return {engine.name: refresh(engine, progress) for engine in outdated_engines()}
