"""The demo loader: a year of knelpunten in every status, loadable twice without copies."""

import datetime

from django.utils import timezone

from kennisbank.demo import load_accounts
from knelpunten import demo
from knelpunten.models import Knelpunt, Status, StatusWijziging


def _snapshot():
    return (
        Knelpunt.objects.count(),
        StatusWijziging.objects.count(),
        sorted(Knelpunt.objects.values_list("titel", "status", "openbaar")),
    )


def test_demo_loader_is_idempotent(db):
    load_accounts()
    demo.load()
    first = _snapshot()
    demo.load()
    assert _snapshot() == first
    assert first[0] == len(demo.DEMO_KNELPUNTEN)


def test_demo_covers_every_status_over_the_last_year(db):
    load_accounts()
    demo.load()
    assert set(Knelpunt.objects.values_list("status", flat=True)) == set(Status.values)
    now = timezone.now()
    ages = [(now - k.aangemeld_op).days for k in Knelpunt.objects.all()]
    assert min(ages) < 14 and 300 < max(ages) <= 366
    assert Knelpunt.objects.filter(openbaar=True).exclude(toelichting="").exists()
    assert all(k.melder.username == "professional" for k in Knelpunt.objects.all())


def test_demo_history_is_audited_and_ends_in_the_current_status(db):
    load_accounts()
    demo.load()
    for knelpunt in Knelpunt.objects.all():
        rows = list(knelpunt.statuswijzigingen.all())
        if knelpunt.status == Status.NIEUW:
            assert rows == []
            continue
        assert rows[0].van == Status.NIEUW
        assert rows[-1].naar == knelpunt.status
        assert all(r.door.username == "redacteur" for r in rows)
        assert knelpunt.status_gewijzigd_op == rows[-1].op
        assert knelpunt.aangemeld_op <= rows[0].op <= timezone.now() + datetime.timedelta(1)


def test_demo_links_demo_lessons_when_they_exist(db):
    from kennisdagen.demo import load as load_kennisdagen
    from lessons.demo import load as load_lessons

    load_accounts()
    load_kennisdagen()  # demo lessons link to the kennisdag they were harvested at
    load_lessons()
    demo.load()
    linked = Knelpunt.objects.filter(lessen__isnull=False).distinct()
    assert linked.count() >= 10
