"""Stored "meer zoals dit": the pages most alike to a page, computed once and shared.

Asking the engine what is alike costs 150-200 ms at 10,000 documents; a page view cannot
pay that. So the engine is asked once per page, for every audience at once (`EVERYONE`),
for its best `TOP_K`; the ids are kept in `search.models.RelatedSet`, in the database, so
every worker shares them. They are computed lazily, on the first view that needs them
(never in bulk import), and recomputed when the page's index entry is no longer the one
they were computed from (every reindex writes a new entry) or when they are older than
`SEARCH_RELATED_MAX_AGE` seconds (so that new lessons alike to an old one turn up).

What is stored is for everyone and therefore never shown as is: `related_ids` filters the
ids through the one visibility policy (`kennisbank.visibility.visible`) on every read, so
a restricted page never reaches a viewer who may not see it, however old the stored set.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Subquery
from django.utils import timezone
from wagtail.models import Page

from kennisbank.visibility import Viewer, viewer_of, visible
from search.engines import get_database_engine, get_engine
from search.models import RelatedSet, SearchEntry

logger = logging.getLogger(__name__)

TOP_K = 20  # ids stored per page; a viewer sees those of them they may see
DEFAULT_MAX_AGE = 24 * 60 * 60  # seconds
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
    A page that is not in the index has none, and nothing is stored for it."""
    entry_id = SearchEntry.objects.filter(page_id=page_id).values_list("pk", flat=True).first()
    if entry_id is None:
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


def stored_ids(page_id: int) -> list[int]:
    """The page's related ids, best first, for everyone: from the store when it is current
    (one query), else computed and stored. Unfiltered, so never for display as is."""
    current_entry = SearchEntry.objects.filter(page_id=page_id).values("pk")[:1]
    text = (
        RelatedSet.objects.filter(
            page_id=page_id,
            entry_id=Subquery(current_entry),
            computed_at__gte=timezone.now() - max_age(),
        )
        .values_list("related_ids", flat=True)
        .first()
    )
    if text is not None:
        return _parse(text)
    return refresh(page_id)


def related_ids(page_id: int, user, limit: int = 5) -> list[int]:
    """ "Meer zoals dit" for this user: the stored ids the policy lets them see now, best
    first, at most `limit`."""
    ids = stored_ids(page_id)
    if not ids:
        return []
    viewer = user if isinstance(user, Viewer) else viewer_of(user)
    allowed = set(visible(Page.objects.filter(pk__in=ids), viewer).values_list("pk", flat=True))
    return [pk for pk in ids if pk in allowed][:limit]


def forget(page_ids=None) -> int:
    """Drop stored sets (all when `page_ids` is None); they are recomputed on next view."""
    qs = (
        RelatedSet.objects.all()
        if page_ids is None
        else RelatedSet.objects.filter(page_id__in=list(page_ids))
    )
    return qs.delete()[0]
