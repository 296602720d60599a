"""Stored "meer zoals dit": the pages most alike to a page, computed once and shared.

Asking the engine what is alike costs 150-200 ms at 10,000 documents; a page view never
pays that. The engine is asked once per page, for every audience at once (`EVERYONE`),
for its best `TOP_K`; the ids are kept in `search.models.RelatedSet`, in the database, so
every worker shares them. They are computed in the background by `refresh_task`, which the
index sync task queues right after it re-indexes a page (`search.indexer.sync_page_task`;
never in bulk import) and a page view queues when it finds no current set. A set is
current while the page's index entry is the one it was computed from (every reindex writes
a new entry) and it is younger than `SEARCH_RELATED_MAX_AGE` seconds (so that new lessons
alike to an old one turn up). A view that finds an older set shows it (and queues the
refresh); a view that finds none shows none (with the immediate task backend of development
and tests the refresh runs at once, so there the first view computes it as before).

What is stored is for everyone and therefore never shown as is: `related_ids` filters the
ids through the one visibility policy (`kennisbank.visibility.visible_among`) on every read, so
a restricted page never reaches a viewer who may not see it, however old the stored set.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Subquery
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from kennisbank.visibility import Viewer, viewer_of, visible_among
from search.engines import get_database_engine, get_engine
from search.models import RelatedSet, SearchEntry

logger = logging.getLogger(__name__)

TOP_K = 20  # ids stored per page; a viewer sees those of them they may see
DEFAULT_MAX_AGE = 24 * 60 * 60  # seconds
REQUEUE_AFTER = 60.0  # seconds before this process queues the same page's refresh again
# Every audience the engine knows (not pages for nobody): filtering happens on read.
EVERYONE = Viewer(authenticated=True, superuser=True)


def max_age() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "SEARCH_RELATED_MAX_AGE", DEFAULT_MAX_AGE))


def _parse(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def _ask_engine(page_id: int) -> list[int]:
    """The engine's best `TOP_K` for everyone; the database engine when Elasticsearch fails."""
    engine = get_engine()
    try:
        hits = engine.related(page_id, EVERYONE, TOP_K)
    except Exception:
        fallback = get_database_engine()
        if engine is fallback:
            raise
        logger.exception("Related on %s failed; answering from the database", engine.name)
        hits = fallback.related(page_id, EVERYONE, TOP_K)
    ids = [hit.page_id for hit in hits if hit.page_id and hit.page_id != page_id]
    return list(dict.fromkeys(ids))


def refresh(page_id: int) -> list[int]:
    """Compute the page's related ids now and store them (unfiltered: see `related_ids`).
    A page that is not in the index has none: nothing is stored for it (an older set goes)."""
    entry_id = SearchEntry.objects.filter(page_id=page_id).values_list("pk", flat=True).first()
    if entry_id is None:
        RelatedSet.objects.filter(page_id=page_id).delete()
        return []
    ids = _ask_engine(page_id)
    row = RelatedSet(
        page_id=page_id,
        entry_id=entry_id,
        related_ids=",".join(map(str, ids)),
        computed_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            RelatedSet.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["page_id"],
                update_fields=["entry_id", "related_ids", "computed_at"],
            )
    except DatabaseError:
        # Another worker writing the same row, or a read-only moment: the page still shows.
        logger.warning("Could not store related pages of %s", page_id, exc_info=True)
    return ids


def _current_set(page_id: int):
    """(ids, current) of the stored set, one query; (None, False) when there is none."""
    current_entry = SearchEntry.objects.filter(page_id=page_id).values("pk")[:1]
    row = (
        RelatedSet.objects.filter(page_id=page_id)
        .annotate(entry=Subquery(current_entry))
        .values_list("related_ids", "entry_id", "entry", "computed_at")
        .first()
    )
    if row is None:
        return None, False
    text, entry_id, entry, computed_at = row
    return _parse(text), entry_id == entry and computed_at >= timezone.now() - max_age()


def refresh_if_stale(page_id: int) -> list[int]:
    """The page's ids, computed and stored unless a current set is stored already."""
    ids, current = _current_set(page_id)
    return ids if current else refresh(page_id)


@task()
def refresh_task(page_id: int) -> list[int]:
    """Background refresh of one page's set (queued by a view that found none current)."""
    return refresh_if_stale(page_id)


_queued: dict[int, float] = {}
_queued_lock = threading.Lock()


def request_refresh(page_id: int) -> list[int] | None:
    """Queue `refresh_task` for the page, at most once per `REQUEUE_AFTER` seconds per
    process. Returns the computed ids when the backend ran the task at once (development
    and tests), else None."""
    now = time.monotonic()
    with _queued_lock:
        if now - _queued.get(page_id, -REQUEUE_AFTER) < REQUEUE_AFTER:
            return None
        _queued[page_id] = now
        if len(_queued) > 10_000:
            _queued.clear()
    try:
        result = refresh_task.enqueue(page_id)
    except Exception:
        logger.warning("Could not queue the related pages of %s", page_id, exc_info=True)
        with _queued_lock:
            _queued.pop(page_id, None)
        return None
    if result.status == TaskResultStatus.SUCCESSFUL:
        with _queued_lock:
            _queued.pop(page_id, None)
        return list(result.return_value)
    return None


def forget_queued() -> None:
    """Let this process queue every page's refresh again (tests)."""
    with _queued_lock:
        _queued.clear()


def stored_set(page_id: int) -> list[int] | None:
    """The page's related ids, best first, for everyone, as stored (one query); None when
    no set is stored yet. When the stored set is missing or no longer current, its refresh
    is queued and the view goes on with what is stored (with a backend that runs the task
    at once, with what it computed). Unfiltered, so never for display as is: a caller
    passes them through the visibility policy, as `related_ids` does."""
    ids, current = _current_set(page_id)
    if not current:
        computed = request_refresh(page_id)
        if computed is not None:
            return computed
    return ids


def stored_ids(page_id: int) -> list[int]:
    """`stored_set`, with nothing stored as no ids."""
    return stored_set(page_id) or []


def related_ids(page_id: int, user, limit: int = 5) -> list[int]:
    """ "Meer zoals dit" for this user: the stored ids the policy lets them see now, best
    first, at most `limit`."""
    ids = stored_ids(page_id)
    if not ids:
        return []
    viewer = user if isinstance(user, Viewer) else viewer_of(user)
    allowed = visible_among(ids, viewer)
    return [pk for pk in ids if pk in allowed][:limit]


def forget(page_ids=None) -> int:
    """Drop stored sets (all when `page_ids` is None); they are recomputed on next view."""
    qs = (
        RelatedSet.objects.all()
        if page_ids is None
        else RelatedSet.objects.filter(page_id__in=list(page_ids))
    )
    return qs.delete()[0]
