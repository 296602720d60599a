"""The demo loader: a year of knelpunten in every status, loadable twice without copies."""

import datetime

from django.utils import timezone

from demo import accounts
from demo import kennisdagen as kennisdag_demo
from demo import knelpunten as demo
from demo import lessons as lesson_demo
from knelpunten.models import Knelpunt, Status, StatusWijziging


def _snapshot():
    return (
        Knelpunt.objects.count(),
        StatusWijziging.objects.count(),
        sorted(Knelpunt.objects.values_list("titel", "status", "openbaar")),
    )


def test_demo_loader_is_idempotent(db):
    accounts.load()
    demo.load()
    first = _snapshot()
    demo.load()
    assert _snapshot() == first
    assert first[0] == len(demo.DEMO_KNELPUNTEN)


def test_demo_covers_every_status_over_the_last_year(db):
    accounts.load()
    demo.load()
    assert set(Knelpunt.objects.values_list("status", flat=True)) == set(Status.values)
    now = timezone.now()
    ages = [(now - k.aangemeld_op).days for k in Knelpunt.objects.all()]
    assert min(ages) < 14 and 300 < max(ages) <= 366
    assert Knelpunt.objects.filter(openbaar=True).exclude(toelichting="").exists()
    assert all(k.melder.username == "professional" for k in Knelpunt.objects.all())


def test_demo_history_is_audited_and_ends_in_the_current_status(db):
    accounts.load()
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
    accounts.load()
    kennisdag_demo.load()  # demo lessons link to the kennisdag they were harvested at
    lesson_demo.load()
    demo.load()
    linked = Knelpunt.objects.filter(lessen__isnull=False).distinct()
    assert linked.count() >= 10
