"""The content generation: an append-only log of changes to what pages show.

Caches of page fragments (`kennisbank.content_cache`) are keyed by a token of this log
(`ContentChange.current_token`), read once per request. Every write that can change what a
fragment shows (a page saved, published, unpublished, moved or deleted, a view restriction
or its groups, a taxonomy term, a tag, a knelpunt, ...) adds a row **in its own
transaction**, so the token changes at the very moment the change becomes visible to
other connections: a reader that sees the new token also sees the new content, and an
entry filled from the old content stays under the old token, which nobody reads any more.
"""

import uuid

from django.db import models
from django.db.models import Count, Max, Sum
from django.utils.translation import gettext_lazy as _


def _new_stamp() -> str:
    return uuid.uuid4().hex


def log_token(model) -> str:
    """The token of an append-only change log (`ContentChange`, the search's `IndexChange`):
    count, sum and maximum of the ids, and the largest random stamp, in one aggregate."""
    state = model.objects.aggregate(n=Count("id"), s=Sum("id"), m=Max("id"), t=Max("stamp"))
    return f"{state['n']}:{state['s'] or 0}:{state['m'] or 0}:{state['t'] or ''}"


def prune_log(model, change) -> None:
    """Every `model.KEEP` rows, the rows older than the last `KEEP` go (the token changes)."""
    if change.pk % model.KEEP == 0:
        model.objects.filter(pk__lte=change.pk - model.KEEP).delete()


class ContentChange(models.Model):
    """One change to content (`kennisbank.content_cache.content_changed`).

    Writers only insert, so concurrent writers never wait on one hot row. The token
    combines count, sum and maximum of the ids (a transaction that commits late with a
    lower id still changes it) with the largest random stamp (an id reused after a
    rollback does not bring an old token back); pruning old rows changes it too."""

    KEEP = 200  # rows kept when pruning

    stamp = models.CharField(max_length=32, default=_new_stamp)

    class Meta:
        verbose_name = _("inhoudswijziging")
        verbose_name_plural = _("inhoudswijzigingen")

    def __str__(self):
        return str(self.pk)

    @classmethod
    def record(cls) -> None:
        prune_log(cls, cls.objects.create())

    @classmethod
    def current_token(cls) -> str:
        return log_token(cls)
