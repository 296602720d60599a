"""Demo content for leerloop: findings on each progress question, with sources.

Loaded by `load_demo` after the demo lessons (see demo.loader.LOADERS); the demo
adoptions that feed the charts are `toegepast_in` entries in demo/demo_lessons/*.md.
Idempotent: a finding is found again by its question and title and updated in place.
"""

import datetime

from leerloop.models import Bevinding, BevindingBron, BevindingLes, Voortgangsvraag
from lessons.models import LessonPage

FINDINGS = [
    {
        "vraag": Voortgangsvraag.BEWONERS,
        "titel": "Eén vast aanspreekpunt geeft bewoners in de startgebieden meer houvast",
        "periode_van": datetime.date(2026, 1, 1),
        "periode_tot": datetime.date(2026, 6, 30),
        "bevinding": (
            "Waar bewoners één vaste contactpersoon hebben voor schade én versterking, "
            "melden ze vaker dat ze weten waar ze staan. Het keukentafelgesprek met alle "
            "partijen is inmiddels in alle drie startgebieden overgenomen.\n\n"
            "**Nog niet goed:** bewoners buiten de startgebieden merken hier weinig van."
        ),
        "lessen": ["een-vast-aanspreekpunt-oosternieland", "keukentafelgesprek-met-alle-partijen"],
        "bronnen": [
            (
                "Bewonerspanel eerste halfjaar 2026 (voorbeeld)",
                "https://example.org/bewonerspanel-2026-1",
            ),
        ],
    },
    {
        "vraag": Voortgangsvraag.BEWONERS,
        "titel": "Wachttijd tot het eerste gesprek is korter, maar nog niet overal",
        "periode_van": datetime.date(2025, 7, 1),
        "periode_tot": datetime.date(2025, 12, 31),
        "bevinding": (
            "In Ten Boer-West en Oosternieland zien bewoners hun wachttijd in een tijdlijn. "
            "Dat geeft rust, ook als de wachttijd zelf nog lang is."
        ),
        "lessen": ["wachttijd-zichtbaar-in-een-tijdlijn", "tijdelijke-woning-dichtbij"],
        "bronnen": [],
    },
    {
        "vraag": Voortgangsvraag.PROFESSIONALS,
        "titel": "Signalen worden sneller opgepakt sinds de lokale stuurgroep meebeslist",
        "periode_van": datetime.date(2026, 1, 1),
        "periode_tot": datetime.date(2026, 6, 30),
        "bevinding": (
            "Professionals melden meer knelpunten, en de meeste krijgen binnen drie maanden "
            "een antwoord. Knelpunten die een landelijke regel raken blijven langer open.\n\n"
            "- Ruimte om af te wijken: in de startgebieden wel, daarbuiten wisselend.\n"
            "- Terugkoppeling aan de melder: verbeterd."
        ),
        "lessen": ["escalatie-lokale-stuurgroep", "ondernemersloket-mkb"],
        "bronnen": [
            (
                "Verslag kennisdag professionals (voorbeeld)",
                "https://example.org/kennisdag-verslag",
            ),
        ],
    },
    {
        "vraag": Voortgangsvraag.BESTUURDERS,
        "titel": "Afspraken over één aanpak per gebied zijn uitvoerbaar gebleken",
        "periode_van": datetime.date(2026, 1, 1),
        "periode_tot": datetime.date(2026, 6, 30),
        "bevinding": (
            "De afspraak om per startgebied met één team van alle partijen te werken is in de "
            "praktijk uitvoerbaar. Opschalen vraagt nog een besluit over de financiering van "
            "de consulenten voor mkb en agrariërs."
        ),
        "lessen": [
            "consulenten-begeleiden-agrarische-ondernemers-door-de-versterking",
            "routekaart-verschillen-tussen-buren",
        ],
        "bronnen": [
            (
                "Voortgangsrapportage bestuurlijk overleg (voorbeeld)",
                "https://example.org/voortgang-bo",
            ),
        ],
    },
]


def load(stdout=None) -> None:
    created = 0
    for item in FINDINGS:
        finding = Bevinding.objects.filter(vraag=item["vraag"], titel=item["titel"]).first()
        if finding is None:
            finding = Bevinding(vraag=item["vraag"], titel=item["titel"])
            created += 1
        finding.periode_van = item["periode_van"]
        finding.periode_tot = item["periode_tot"]
        finding.bevinding = item["bevinding"]
        finding.is_voorbeeld = True
        finding.bronnen = [BevindingBron(titel=t, url=u) for t, u in item["bronnen"]]
        # A lesson missing from this database (another demo set) is simply not cited.
        lessons = {p.slug: p for p in LessonPage.objects.filter(slug__in=item["lessen"])}
        finding.bronlessen = [
            BevindingLes(les=lessons[slug]) for slug in item["lessen"] if slug in lessons
        ]
        finding.save()
    if stdout:
        stdout.write(
            f"    {created} nieuwe en {len(FINDINGS) - created} bijgewerkte voortgangsbevindingen"
        )
