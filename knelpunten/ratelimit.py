"""A small sliding-window rate limit on Django's cache, against abuse of the report form.

Each user may submit the report form `LIMIT` times per `PERIOD` seconds; the next attempt is
refused (the view answers 429). The window slides, so eleven quick posts are always caught,
even across a minute boundary. Refused attempts are not counted, so a user can try again as
soon as the oldest attempt leaves the window.

The count lives in the default cache. Django's per-process LocMemCache is enough for one
process; with several worker processes or servers, configure a shared cache (Redis,
Memcached or the database cache) so that the limit holds across them.
"""

from __future__ import annotations

import time

from django.core.cache import cache

LIMIT = 10
PERIOD = 60  # seconds


def _key(scope: str, ident) -> str:
    return f"knelpunten:ratelimit:{scope}:{ident}"


def allow(scope: str, ident, *, limit: int = LIMIT, period: int = PERIOD, now=None) -> bool:
    """Count one attempt for `ident` in `scope`; False (and not counted) when over the limit."""
    now = time.time() if now is None else now
    key = _key(scope, ident)
    recent = [t for t in cache.get(key, []) if now - t < period]
    if len(recent) >= limit:
        return False
    recent.append(now)
    cache.set(key, recent, timeout=period)
    return True


def retry_after(scope: str, ident, *, period: int = PERIOD, now=None) -> int:
    """Seconds until the oldest counted attempt leaves the window (at least 1)."""
    now = time.time() if now is None else now
    recent = [t for t in cache.get(_key(scope, ident), []) if now - t < period]
    if not recent:
        return 1
    return max(1, int(period - (now - min(recent))) + 1)


def reset(scope: str, ident) -> None:
    cache.delete(_key(scope, ident))
