"""Search analytics: the query log writer, and the report for editors (top queries, queries
without results, the weekly trend).

`QueryLog` holds normalised queries and counts, never who searched. A search does not write
its row in the request: `record` keeps it in this process's buffer and gives it its id (the
time in milliseconds and 20 bits of a per-process sequence from a random start: no database
round trip, no clash within a process, one in 2**20 between two processes in the same
millisecond), which the result links carry for click counting. The buffer is written in one
`bulk_create` after a response has been sent (`request_finished`) once it holds
`SEARCH_LOG_BATCH` rows or its oldest is `SEARCH_LOG_SECONDS` old, by a timer when the
process is quiet, at exit, and on demand (`flush`). Clicks are counted the same way; a click
on a row another process has not written yet is retried until it has (up to `CLICK_WAIT`).
A failing write is logged and retried with the next batch; it never fails a search.
"""

import atexit
import itertools
import logging
import random
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.signals import request_finished
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from search.models import QueryLog

logger = logging.getLogger(__name__)

CLICK_WAIT = 600.0  # seconds a click waits for its row to be written by another process
MAX_PENDING = 10_000  # rows or clicks kept in memory at most (the oldest are dropped)

_lock = threading.Lock()
_rows: dict[int, QueryLog] = {}
_clicks: dict[int, list] = {}  # log id -> [clicks, monotonic time of the first]
_since: float | None = None  # monotonic time the buffer last became non-empty
_timer: threading.Timer | None = None


def _batch() -> int:
    return getattr(settings, "SEARCH_LOG_BATCH", 50)


def _seconds() -> float:
    return getattr(settings, "SEARCH_LOG_SECONDS", 10.0)


# The low 20 bits of an id: a counter from a random start per process, so ids made in the
# same millisecond by this process never clash, and another process's rarely (1 in 2**20).
_sequence = itertools.count(random.getrandbits(20))  # noqa: S311


def new_id() -> int:
    """A QueryLog id made in this process: milliseconds since 1970, then 20 bits of a
    per-process sequence."""
    return (time.time_ns() // 1_000_000) << 20 | (next(_sequence) & 0xFFFFF)


def record(query: str, filters: str, results: int) -> int:
    """Buffer one logged search; its id."""
    row = QueryLog(
        id=new_id(), query=query, filters=filters, results=results, created_at=timezone.now()
    )
    with _lock:
        _rows[row.id] = row
        _trim(_rows)
        _started()
    return row.id


def count_click(log_id: int) -> None:
    with _lock:
        if log_id in _rows:
            _rows[log_id].clicks += 1
            return
        _clicks.setdefault(log_id, [0, time.monotonic()])[0] += 1
        _trim(_clicks)
        _started()


def pending() -> int:
    return len(_rows) + len(_clicks)


def flush() -> None:
    """Write the buffered rows and clicks now. Never raises: what fails waits for the next."""
    global _since
    with _lock:
        rows, clicks = list(_rows.values()), dict(_clicks)
        _rows.clear()
        _clicks.clear()
        _since = None
    failed, waiting = [], {}
    if rows:
        try:
            with transaction.atomic():
                QueryLog.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
        except DatabaseError:
            logger.exception("Query log: %d rows not written; retried later", len(rows))
            failed = rows
    for log_id, (count, first) in clicks.items():
        try:
            with transaction.atomic():
                done = QueryLog.objects.filter(pk=log_id).update(clicks=F("clicks") + count)
        except DatabaseError:
            logger.exception("Query log: a click not counted; retried")
            done = 0
        if not done and time.monotonic() - first < CLICK_WAIT:
            waiting[log_id] = [count, first]
    if failed or waiting:
        with _lock:
            for row in failed:
                _rows.setdefault(row.id, row)
            for log_id, (count, first) in waiting.items():
                _clicks.setdefault(log_id, [0, first])[0] += count
            _trim(_rows)
            _trim(_clicks)
            _started()


def _trim(buffer: dict) -> None:
    while len(buffer) > MAX_PENDING:
        del buffer[next(iter(buffer))]


def _started() -> None:
    """Called with the lock held after adding: note the time, and have a timer flush it when
    no request comes to do so."""
    global _since, _timer
    if _since is None:
        _since = time.monotonic()
    seconds = _seconds()
    if seconds and (_timer is None or not _timer.is_alive()):
        _timer = threading.Timer(seconds, _flush_from_timer)
        _timer.daemon = True
        _timer.start()


def _flush_from_timer() -> None:
    global _timer
    _timer = None
    try:
        if pending():
            flush()
    finally:
        connection.close()  # this thread's own connection


def _due() -> bool:
    if len(_rows) >= _batch() or len(_clicks) >= _batch():
        return True
    return _since is not None and time.monotonic() - _since >= _seconds()


def _after_request(**kwargs) -> None:
    if pending() and _due():
        flush()


request_finished.connect(_after_request, dispatch_uid="search-query-log")
atexit.register(lambda: pending() and flush())


def report(days: int = 90, limit: int = 25) -> dict:
    since = timezone.now() - timedelta(days=days)
    logs = QueryLog.objects.filter(created_at__gte=since)
    top = (
        logs.values("query")
        .annotate(searches=Count("id"), clicks=Sum("clicks"))
        .order_by("-searches", "query")[:limit]
    )
    zero = (
        logs.filter(results=0)
        .values("query")
        .annotate(searches=Count("id"))
        .order_by("-searches", "query")[:limit]
    )
    trend = (
        logs.annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(searches=Count("id"))
        .order_by("week")
    )
    return {"days": days, "top": list(top), "zero": list(zero), "trend": list(trend)}
