"""The abuse limit on the report form: `LIMIT` accepted reports per user per `PERIOD` seconds.

Only accepted reports count, and the reports themselves are the record: the limit counts the
user's knelpunten saved in the last `PERIOD` seconds (a sliding window; `aangemeld_op` is
indexed). Invalid posts and bot posts (the honeypot) save nothing and so count for nothing.

`reserve` is atomic across worker processes and servers: inside the caller's transaction it
locks the user's row (`SELECT … FOR UPDATE` on PostgreSQL; SQLite runs write transactions one
at a time), so two posts at the same moment are counted one after the other and never both
squeeze in as the tenth. No cache is involved, so nothing depends on a shared cache backend.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from knelpunten.models import Knelpunt

LIMIT = 10
PERIOD = 60  # seconds


def _window_start(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(seconds=PERIOD)


def accepted_recently(user, *, now: datetime.datetime | None = None) -> list[datetime.datetime]:
    """When `user`'s reports inside the current window were accepted, oldest first."""
    now = now or timezone.now()
    return list(
        Knelpunt.objects.filter(melder=user, aangemeld_op__gt=_window_start(now))
        .order_by("aangemeld_op")
        .values_list("aangemeld_op", flat=True)
    )


def reserve(user, *, now: datetime.datetime | None = None) -> bool:
    """True when `user` may file one more report now. Call inside `transaction.atomic()` and
    save the report in the same transaction: the lock taken here serialises the user's posts."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ratelimit.reserve must run inside transaction.atomic()")
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    return len(accepted_recently(user, now=now)) < LIMIT


def retry_after(user, *, now: datetime.datetime | None = None) -> int:
    """Seconds until the oldest counted report leaves the window (at least 1)."""
    now = now or timezone.now()
    recent = accepted_recently(user, now=now)
    if not recent:
        return 1
    return max(1, int(PERIOD - (now - recent[0]).total_seconds()) + 1)
