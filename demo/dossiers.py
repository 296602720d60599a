"""Demo content for dossiers: loaded by `load_demo` (see demo.loader.LOADERS).

Two dossiers that cite the demo lessons by slug (or demo file name), so this loader runs after
`demo.lessons`. Published and marked as example content (`is_voorbeeld`). Idempotent:
re-loading updates the same dossiers by slug instead of adding copies.
"""

from __future__ import annotations

import datetime

import yaml

from demo.lessons import DEMO_DIR
from demo.publishing import publish_if_changed
from dossiers.models import DossierIndexPage, DossierKeyLesson, DossierPage
from kennisbank.models import HomePage
from lessons.models import LessonPage

DOSSIERS = [
    {
        "slug": "mkb-en-agro-consulenten-opschalen",
        "title": "Mkb- en agro-consulenten: opschalen?",
        "vraag": (
            "Moeten we de consulenten voor ondernemers en agrariërs in alle gemeenten inzetten, "
            "en wat is daarvoor nodig?"
        ),
        "samenvatting": (
            "Ja, de consulenten werken: ondernemers en boeren houden hun bedrijf draaiende "
            "tijdens de versterking en de aanpak is al elders overgenomen. Opschalen vraagt om "
            "vroege inzet, mandaat om knopen door te hakken en één plan per erf."
        ),
        "peildatum": datetime.date(2026, 9, 1),
        "synthese": (
            "## Wat de praktijk laat zien\n"
            "Voor een ondernemer of boer is het huis ook de zaak. Zodra versterking en "
            "bedrijfsvoering elkaar raken, schieten losse regelingen tekort. In Eemsdelta en "
            "Midden-Groningen bleek één consulent die de regels kent **én** de taal van "
            "ondernemers spreekt, het verschil te maken.\n\n"
            "## Wat dat vraagt\n"
            "- De consulent moet er zijn vóór de eerste opname, niet pas als het vastloopt.\n"
            "- Woning, bedrijfsgebouwen en verduurzaming horen in één plan.\n"
            "- Als partijen het niet eens worden, moet een besluit snel op tafel komen.\n\n"
            "## Wat nog onzeker is\n"
            "Een erfplan met één vergunningtraject is nog een idee. Het proefgebied moet laten "
            "zien of provincie en gemeente hun ruimtelijke regels daarop kunnen afstemmen."
        ),
        "key_lessons": [
            (
                "consulenten-voor-agrariers",
                "Het bewijs dat het werkt: boeren kregen één plan voor woning en bedrijf, en "
                "de aanpak is inmiddels opgeschaald.",
            ),
            (
                "ondernemersloket-mkb",
                "Laat zien dat hetzelfde werkt voor winkeliers; in Scheemda 't Waar bleven "
                "twee winkels open tijdens de versterking.",
            ),
            (
                "escalatie-lokale-stuurgroep",
                "Een consulent kan niet alles zelf besluiten. Snelle escalatie naar de lokale "
                "stuurgroep is de randvoorwaarde voor opschaling.",
            ),
        ],
        "open_knelpunten": [
            (
                "Regelingen voor woning en bedrijf sluiten niet op elkaar aan; de consulent "
                "lost dat per geval op, maar de regels zelf veranderen niet.",
                ["consulenten-voor-agrariers", "agrarisch-erf-in-een-plan"],
            ),
            (
                "Omzetverlies tijdens de versterking wordt nog niet overal vergoed.",
                ["ondernemersloket-mkb"],
            ),
        ],
        "aanbevelingen": [
            (
                "Zet in elke gemeente een mkb- en agro-consulent in die bij de eerste "
                "opname aanschuift.",
                ["consulenten-voor-agrariers", "ondernemersloket-mkb"],
            ),
            (
                "Geef consulenten een vaste route naar de lokale stuurgroep, met een besluit "
                "binnen twee weken.",
                ["escalatie-lokale-stuurgroep"],
            ),
            (
                "Start in één startgebied een proef met één erfplan en één vergunningtraject.",
                ["agrarisch-erf-in-een-plan"],
            ),
        ],
    },
    {
        "slug": "bewonersondersteuning-bij-het-versterkingsadvies",
        "title": "Bewonersondersteuning rond het versterkingsadvies",
        "vraag": (
            "Hoe zorgen we dat bewoners het versterkingsadvies begrijpen en zich gesteund "
            "voelen, van opname tot uitvoering?"
        ),
        "samenvatting": (
            "Eén vast aanspreekpunt en één gezamenlijk keukentafelgesprek werken en worden al "
            "overgenomen. Een eerlijke tijdlijn haalt onzekerheid weg. Een digitaal portaal "
            "alleen helpt niet; het gesprek blijft nodig."
        ),
        "peildatum": datetime.date(2026, 10, 15),
        "synthese": (
            "## Het patroon\n"
            "Bewoners haken niet af op de techniek van het advies, maar op onduidelijkheid: "
            "wie is mijn contactpersoon, waar staat mijn dossier, waarom krijgt de buurman "
            "iets anders? De lessen uit de startgebieden wijzen steeds naar hetzelfde "
            "antwoord: **een mens die het geheel overziet**.\n\n"
            "## Wat werkt\n"
            "Een vaste bewonersbegeleider per straat en één eerste gesprek waarbij alle "
            "organisaties tegelijk aan tafel zitten. Een tijdlijn van één A4 met eerlijke "
            "bandbreedtes halveerde het aantal vragen over de status.\n\n"
            "## Wat niet werkte\n"
            "Een eigen digitaal dossier voor bewoners werd nauwelijks gebruikt. Documenten "
            'zonder uitleg beantwoorden de vraag "wat betekent dit voor mij?" niet.\n\n'
            "## Waar het nog wringt\n"
            "Verduurzaming meenemen in het advies is kansrijk, maar de termijnen van de "
            "subsidie en de versterking lopen nog niet gelijk."
        ),
        "key_lessons": [
            (
                "een-vast-aanspreekpunt-oosternieland",
                "De kern van goede ondersteuning: één gezicht voor de bewoner, met mandaat "
                "van alle organisaties. Overgenomen in Ten Boer-West.",
            ),
            (
                "keukentafelgesprek-met-alle-partijen",
                "Voorkomt dat bewoners hun verhaal drie keer vertellen; bewoners waarderen "
                "het gesprek gemiddeld met een 8.",
            ),
            (
                "wachttijd-zichtbaar-in-een-tijdlijn",
                "Onzekerheid over de wachttijd kost meer vertrouwen dan de wachttijd zelf.",
            ),
            (
                "digitaal-dossier-voor-bewoners-gestopt",
                "Een gestopte proef die waarschuwt: investeer eerst in mensen, dan pas in "
                "een portaal.",
            ),
        ],
        "open_knelpunten": [
            (
                "De termijn van de verduurzamingssubsidie sluit niet aan op die van de "
                "versterking, waardoor een huis twee keer open moet.",
                ["energieadvies-bij-versterking"],
            ),
            (
                "Verschillen tussen buren zijn niet altijd uit te leggen en zetten de "
                "verhoudingen in de straat onder druk.",
                ["routekaart-verschillen-tussen-buren"],
            ),
            (
                "Een bewonersbegeleider kan zelf geen besluiten nemen; vastgelopen dossiers "
                "blijven afhankelijk van escalatie.",
                ["een-vast-aanspreekpunt-oosternieland", "escalatie-lokale-stuurgroep"],
            ),
        ],
        "aanbevelingen": [
            (
                "Wijs bij de start van elk versterkingstraject één bewonersbegeleider aan, "
                "met mandaat van gemeente, IMG en NCG.",
                ["een-vast-aanspreekpunt-oosternieland", "keukentafelgesprek-met-alle-partijen"],
            ),
            (
                "Geef ieder huishouden bij de opname een tijdlijn met eerlijke bandbreedtes "
                "en houd die bij.",
                ["wachttijd-zichtbaar-in-een-tijdlijn"],
            ),
            (
                "Neem het energieadvies op in het versterkingsadvies en stem de "
                "subsidietermijnen daarop af.",
                ["energieadvies-bij-versterking"],
            ),
        ],
    },
]


def _index() -> DossierIndexPage:
    index = DossierIndexPage.objects.first()
    if index is None:  # normally created by migration 0002
        index = HomePage.objects.get().add_child(
            instance=DossierIndexPage(title="Dossiers", slug="dossiers")
        )
    return index


def _demo_file_title(name: str) -> str | None:
    """The title in the front matter of `demo/demo_lessons/<name>.md`, if that file exists."""
    path = DEMO_DIR / f"{name}.md"
    if not path.exists():
        return None
    front_matter = path.read_text(encoding="utf-8").split("---")[1]
    return (yaml.safe_load(front_matter) or {}).get("title")


def _lessons(names) -> dict[str, LessonPage]:
    """Demo lessons by slug. A demo file without a `slug:` line gets one from its title on
    import, so such a lesson is found by its file name and title instead."""
    found = {lesson.slug: lesson for lesson in LessonPage.objects.filter(slug__in=names)}
    for name in set(names) - set(found):
        title = _demo_file_title(name)
        lesson = LessonPage.objects.filter(title=title).first() if title else None
        if lesson is not None:
            found[name] = lesson
    missing = sorted(set(names) - set(found))
    if missing:
        raise RuntimeError(f"demo dossiers cite lessons that do not exist: {missing}")
    return found


def _stream(block_type, statements, lessons) -> list[dict]:
    return [
        {"type": block_type, "value": {"tekst": tekst, "bronnen": [lessons[s].pk for s in slugs]}}
        for tekst, slugs in statements
    ]


def load(stdout=None) -> None:
    index = _index()
    created = updated = 0
    for spec in DOSSIERS:
        slugs = [slug for slug, _ in spec["key_lessons"]]
        for _, cited in spec["open_knelpunten"] + spec["aanbevelingen"]:
            slugs += cited
        lessons = _lessons(slugs)

        page = DossierPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        is_new = page is None
        if is_new:
            page = DossierPage(slug=spec["slug"])
        page.title = spec["title"]
        page.vraag = spec["vraag"]
        page.samenvatting = spec["samenvatting"]
        page.peildatum = spec["peildatum"]
        page.synthese = spec["synthese"]
        page.is_voorbeeld = True
        page.key_lessons = [
            DossierKeyLesson(lesson=lessons[slug], note=note) for slug, note in spec["key_lessons"]
        ]
        page.open_knelpunten = _stream("knelpunt", spec["open_knelpunten"], lessons)
        page.aanbevelingen = _stream("aanbeveling", spec["aanbevelingen"], lessons)
        if is_new:
            index.add_child(instance=page)
            created += 1
        else:
            updated += 1
        publish_if_changed(page)
    if stdout:
        stdout.write(f"    {created} nieuwe en {updated} bijgewerkte dossiers")
