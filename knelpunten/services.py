"""Writes of knelpunten: reporting a signal, changing its status, linking its lessons.

Views and the demo loader call these; the audit row of a status change is written by
`Knelpunt.save` (see knelpunten.models), so the admin's edit form is audited the same way.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from knelpunten.models import Knelpunt, KnelpuntLesson, Status, StatusWijziging


@transaction.atomic
def report_knelpunt(
    *,
    melder,
    titel: str,
    wat_zit_vast: str,
    gebied=None,
    gemeente=None,
    organisaties=(),
    regeling: str = "",
    wat_zou_helpen: str = "",
    aangemeld_op: datetime.datetime | None = None,
) -> Knelpunt:
    """Save a new signal with status `nieuw`. A gebied without gemeente fills the gemeente."""
    if gebied is not None and gemeente is None:
        gemeente = gebied.gemeente
    knelpunt = Knelpunt(
        melder=melder,
        titel=titel.strip(),
        wat_zit_vast=wat_zit_vast.strip(),
        gebied=gebied,
        gemeente=gemeente,
        regeling=(regeling or "").strip(),
        wat_zou_helpen=(wat_zou_helpen or "").strip(),
        status=Status.NIEUW,
    )
    if aangemeld_op is not None:
        knelpunt.aangemeld_op = aangemeld_op
    knelpunt.save()
    knelpunt.organisaties.set(list(organisaties))
    return knelpunt


@transaction.atomic
def change_status(
    knelpunt: Knelpunt,
    new_status: str,
    user,
    toelichting: str | None = None,
    *,
    op: datetime.datetime | None = None,
) -> StatusWijziging | None:
    """Move a knelpunt to `new_status` and return the audit row (None if unchanged).

    `toelichting` replaces the public note when given; `op` back-dates the change (demo data).
    """
    if new_status not in Status.values:
        raise ValueError(f"Onbekende status: {new_status!r}")
    knelpunt.status = new_status
    if toelichting is not None:
        knelpunt.toelichting = toelichting.strip()
    knelpunt.status_changed_by = user
    knelpunt.status_changed_at = op
    knelpunt.save()
    return knelpunt.last_status_change


@transaction.atomic
def link_lessons(knelpunt: Knelpunt, lessons) -> None:
    """Link exactly these lessons to the knelpunt, in this order (a repeated lesson once).

    What the admin's chooser stores, for callers outside the admin (the demo loader). Links
    already in place keep their row; only what changed is written.
    """
    wanted = list(dict.fromkeys(lesson.pk for lesson in lessons))
    links = KnelpuntLesson.objects.filter(knelpunt=knelpunt)
    links.exclude(les_id__in=wanted).delete()
    existing = {link.les_id: link for link in links}
    for position, lesson_id in enumerate(wanted):
        link = existing.get(lesson_id)
        if link is None:
            KnelpuntLesson.objects.create(knelpunt=knelpunt, les_id=lesson_id, sort_order=position)
        elif link.sort_order != position:
            link.sort_order = position
            link.save(update_fields=["sort_order"])
