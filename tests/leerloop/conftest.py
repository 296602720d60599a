"""Fixtures for the leerloop tests: a known set of lessons, adoptions and signals.

`Spec` rows describe the content once; the tests compute the expected figures from these
rows in plain Python, independently of `leerloop.selectors`, and compare.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from kennisbank.models import Actielijn, Gebied, Gemeente
from knelpunten.models import Knelpunt
from lessons.models import Adoption


@dataclass
class Spec:
    title: str
    fase: str
    gemeente: str | None  # slug
    gebied: str | None  # slug
    datum: datetime.date
    actielijnen: list[str] = field(default_factory=list)  # slugs
    zichtbaarheid: str = "openbaar"
    live: bool = True
    review_days_overdue: int | None = None  # review_by = today - n days
    adoptions: list[tuple[str, datetime.date]] = field(default_factory=list)  # (gebied slug, d)


SPECS = [
    Spec(
        "Vast aanspreekpunt",
        "werkt",
        "het-hogeland",
        "oosternieland",
        datetime.date(2025, 3, 1),
        ["gerichte-ondersteuning"],
        adoptions=[
            ("ten-boer-west", datetime.date(2025, 6, 1)),
            ("scheemda-t-waar", datetime.date(2026, 2, 1)),
        ],
        review_days_overdue=10,
    ),
    Spec(
        "Keukentafel",
        "opgeschaald",
        "groningen",
        "ten-boer-west",
        datetime.date(2025, 9, 15),
        ["gerichte-ondersteuning", "leren-en-verbeteren"],
        adoptions=[("oosternieland", datetime.date(2026, 1, 20))],
    ),
    Spec(
        "Schadeloket dorpshuis",
        "opgeschaald",
        "eemsdelta",
        None,
        datetime.date(2026, 2, 10),
        ["gerichte-ondersteuning"],
        adoptions=[("oosternieland", datetime.date(2026, 4, 1))],
        review_days_overdue=100,
    ),
    Spec("Erfplan", "idee", "eemsdelta", None, datetime.date(2026, 7, 1), []),
    Spec(
        "Tuinschade",
        "in-uitvoering",
        "oldambt",
        "scheemda-t-waar",
        datetime.date(2026, 5, 19),
        ["knelpunten-en-drempels"],
    ),
    Spec(
        "Digitaal dossier",
        "gestopt",
        "groningen",
        "ten-boer-west",
        datetime.date(2025, 3, 28),
        ["leren-en-verbeteren"],
        review_days_overdue=400,
    ),
    # Professionals only: counted for professionals and editors, never for the public.
    Spec(
        "Escalatie stuurgroep",
        "werkt",
        "oldambt",
        "scheemda-t-waar",
        datetime.date(2026, 1, 12),
        ["knelpunten-en-drempels"],
        zichtbaarheid="professionals",
        adoptions=[
            ("oosternieland", datetime.date(2026, 4, 20)),
            ("ten-boer-west", datetime.date(2026, 7, 15)),
        ],
        review_days_overdue=50,
    ),
    Spec(
        "Routekaart",
        "in-uitvoering",
        "groningen",
        None,
        datetime.date(2026, 6, 5),
        ["knelpunten-en-drempels", "leren-en-verbeteren"],
        zichtbaarheid="professionals",
    ),
    # A draft counts for nobody.
    Spec(
        "Concept",
        "idee",
        "groningen",
        "ten-boer-west",
        datetime.date(2026, 6, 1),
        ["gerichte-ondersteuning"],
        live=False,
        adoptions=[("oosternieland", datetime.date(2026, 6, 2))],
        review_days_overdue=5,
    ),
]


@dataclass
class SignalSpec:
    titel: str
    status: str
    gemeente: str
    days_ago: int
    openbaar: bool


SIGNALS = [
    SignalSpec("Loket verwijst door", "nieuw", "groningen", 5, True),
    SignalSpec("Subsidie en herstel", "in-behandeling", "groningen", 45, False),
    SignalSpec("Wachttijd opname", "opgelost", "het-hogeland", 120, True),
    SignalSpec("Regeling botst", "landelijk", "oldambt", 300, True),
    SignalSpec("Tijdelijke woning", "lokale-stuurgroep", "oldambt", 20, False),
    SignalSpec("Agrarisch erf", "opgelost", "eemsdelta", 200, False),
]


@pytest.fixture
def today(db):
    # Ages in SIGNALS and SPECS sit well inside their buckets, so the real date will do.
    return timezone.localdate()


@pytest.fixture
def dataset(make_lesson, today):
    """The lessons of SPECS with their actielijnen, adoptions and review dates."""
    actielijnen = {a.slug: a for a in Actielijn.objects.all()}
    gebieden = {g.slug: g for g in Gebied.objects.all()}
    gemeenten = {g.slug: g for g in Gemeente.objects.all()}
    lessons = {}
    for spec in SPECS:
        lesson = make_lesson(
            spec.title,
            fase=spec.fase,
            datum=spec.datum,
            gemeente=gemeenten[spec.gemeente].name if spec.gemeente else None,
            gebied=gebieden[spec.gebied].name if spec.gebied else None,
            zichtbaarheid=spec.zichtbaarheid,
            publish=spec.live,
        )
        lesson.actielijnen.set([actielijnen[slug] for slug in spec.actielijnen])
        if spec.review_days_overdue is not None:
            lesson.review_by = today - datetime.timedelta(days=spec.review_days_overdue)
        lesson.save()
        for gebied, datum in spec.adoptions:
            Adoption.objects.create(page=lesson, gebied=gebieden[gebied], datum=datum)
        lessons[spec.title] = lesson
    return lessons


@pytest.fixture
def signals(db, today):
    gemeenten = {g.slug: g for g in Gemeente.objects.all()}
    now = timezone.now()
    return [
        Knelpunt.objects.create(
            titel=s.titel,
            wat_zit_vast="Het loopt vast.",
            status=s.status,
            gemeente=gemeenten[s.gemeente],
            aangemeld_op=now - datetime.timedelta(days=s.days_ago),
            openbaar=s.openbaar,
        )
        for s in SIGNALS
    ]
