"""Keeping the index in step with live content, and checking that it is.

`sync_page` is the one write path: it (re)indexes a page that belongs in the index and
removes one that does not (unpublished, restricted, deleted). Signal handlers
(`search.signals`) enqueue it as a background task after the transaction commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from search.documents import BUILDERS, build_document, documents_for
from search.engines import get_database_engine, get_engine

logger = logging.getLogger(__name__)


def _engines():
    engines = [get_engine()]
    database = get_database_engine()
    if engines[0] is not database:
        # The database engine stays current as the fallback when Elasticsearch is down.
        engines.append(database)
    return engines


def searchable_pages():
    """Live pages of the searchable types (the index's source of truth)."""
    from django.apps import apps

    return Page.objects.live().type(*(apps.get_model(label) for label in BUILDERS))


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
    reports the drift, `rebuild` repairs it). The database engine's errors do surface."""
    if engine is get_database_engine():
        operation(engine)
        return
    try:
        operation(engine)
    except Exception:
        logger.exception("Index write to %s failed; run `search_index check`", engine.name)


@task()
def sync_page_task(page_id: int) -> bool:
    return sync_page(page_id)


def schedule_sync(page_ids) -> None:
    """Sync after the surrounding transaction commits (in the background in production)."""
    ids = list(page_ids)

    def enqueue():
        for page_id in ids:
            sync_page_task.enqueue(page_id)

    transaction.on_commit(enqueue)


def remove_pages(page_ids) -> None:
    ids = list(page_ids)
    for engine in _engines():
        _write(engine, lambda e: e.remove(ids))


@dataclass
class Drift:
    missing: list[int]  # live and searchable, not in the index
    stale: list[int]  # in the index with an older version than the live page
    orphaned: list[int]  # in the index, no longer live/searchable

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphaned)


def check(engine=None) -> Drift:
    engine = engine or get_engine()
    indexed = engine.indexed_ids()
    live = {}
    for page in searchable_pages().specific().iterator():
        if build_document(page) is not None:
            live[page.pk] = page.last_published_at
    missing = sorted(set(live) - set(indexed))
    orphaned = sorted(set(indexed) - set(live))
    stale = sorted(
        pk for pk in set(live) & set(indexed) if live[pk] and indexed[pk] and indexed[pk] < live[pk]
    )
    return Drift(missing, stale, orphaned)


def rebuild(progress=None) -> int:
    """Rebuild the index from live content. Returns the number of pages indexed."""
    count = 0
    for engine in _engines():
        if hasattr(engine, "rebuild"):
            count = engine.rebuild(_documents(), progress=progress)
            continue
        engine.clear()
        count = 0
        for document in _documents():
            engine.index([document])
            count += 1
            if progress and count % 500 == 0:
                progress(count)
    return count


def _documents():
    for page in searchable_pages().specific().iterator(chunk_size=500):
        document = build_document(page)
        if document is not None:
            yield document
