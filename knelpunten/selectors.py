"""Reads of knelpunten, and THE place that decides who may see which signal.

Signals are never public in full: anonymous visitors (and signed-in users without a role)
see only the knelpunten an editor marked `openbaar` (plus, when signed in, their own);
Professionals and editors see all.
Only editors, and the reporter for their own signals, may see who reported a signal; every
template asks `may_see_melder` instead of showing `knelpunt.melder` directly.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from kennisbank.roles import is_editor, is_professional
from kennisbank.visibility import sees_professionals_content
from knelpunten.models import Knelpunt, Status
from lessons.selectors import visible_lessons


def visible_knelpunten(user) -> QuerySet[Knelpunt]:
    """The knelpunten this user may see (the reporter's identity is a separate question)."""
    qs = Knelpunt.objects.select_related("gebied", "gemeente")
    if sees_professionals_content(user):  # Professionals, Redacteuren and superusers
        return qs
    if user is not None and user.is_authenticated:
        # A reporter who lost the Professionals role still follows their own signals.
        return qs.filter(Q(openbaar=True) | Q(melder=user))
    return qs.filter(openbaar=True)


def own_knelpunten(user) -> QuerySet[Knelpunt]:
    """The signals this user reported, newest first (empty for anonymous users)."""
    if user is None or not user.is_authenticated:
        return Knelpunt.objects.none()
    return Knelpunt.objects.filter(melder=user).select_related("gebied", "gemeente")


def may_see_melder(user, knelpunt: Knelpunt) -> bool:
    """Editors see every reporter; a reporter sees that they reported it; nobody else does."""
    if is_editor(user):
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and knelpunt.melder_id is not None
        and knelpunt.melder_id == user.pk
    )


def may_report(user) -> bool:
    """Professionals and editors may report a knelpunt."""
    return is_professional(user)


def filter_by_status(qs: QuerySet[Knelpunt], value: str) -> tuple[QuerySet[Knelpunt], str]:
    """Apply the list's status filter; an unknown value is ignored, never an error page."""
    value = (value or "").strip()[:40]
    if value == "open":
        return qs.exclude(status=Status.OPGELOST), value
    if value in Status.values:
        return qs.filter(status=value), value
    return qs, ""


def visible_lessons_of(knelpunt: Knelpunt, user):
    """The lessons linked to a knelpunt that this user may see (never a hidden lesson), in
    the order the editor chose them."""
    # Filter and order through the same link row (one join), so each lesson comes once.
    return (
        visible_lessons(user)
        .filter(knelpunt_links__knelpunt=knelpunt)
        .order_by(F("knelpunt_links__sort_order").asc(nulls_last=True), "-datum", "title")
    )


def visible_knelpunten_of_lesson(lesson, user) -> QuerySet[Knelpunt]:
    """The knelpunten a lesson answers, as far as this user may see them."""
    return visible_knelpunten(user).filter(lessen=lesson).order_by("-aangemeld_op")
