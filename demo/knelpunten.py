"""Demo content for knelpunten: loaded by `load_demo` (see demo.loader.LOADERS).

A year of signals in every status, reported by the demo user "professional" and triaged by
"redacteur", with their status history as audit rows. Dates are relative to today, so a
dashboard always shows a spread of ages. Idempotent: keyed by titel; re-loading resets each
signal's history and replays it instead of adding a second copy.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kennisbank.lookup import TermIndex
from kennisbank.models import Gebied, Gemeente, Organisatie
from knelpunten import services
from knelpunten.models import Knelpunt, Status
from lessons.models import LessonPage

S = Status


@dataclass(frozen=True)
class DemoKnelpunt:
    titel: str
    dagen_geleden: int  # days between the report and today
    wat_zit_vast: str
    wat_zou_helpen: str
    gemeente: str
    gebied: str = ""
    organisaties: tuple[str, ...] = ()
    regeling: str = ""
    # (new status, days after the report); replayed in order as audited changes
    verloop: tuple[tuple[str, int], ...] = ()
    toelichting: str = ""
    openbaar: bool = False
    lessen: tuple[str, ...] = field(default_factory=tuple)


DEMO_KNELPUNTEN = [
    DemoKnelpunt(
        titel="Subsidie voor isolatie vervalt terwijl de versterking nog loopt",
        dagen_geleden=352,
        gemeente="Het Hogeland",
        gebied="Oosternieland",
        organisaties=("NCG", "Gemeente Het Hogeland"),
        regeling="Subsidie verduurzaming bij versterking",
        wat_zit_vast=(
            "Bewoners krijgen een toekenning voor isolatie, maar de aanvraag moet binnen een "
            "jaar besteed zijn. Omdat de versterking van hun huis later start dan gepland, "
            "verloopt de termijn voordat de aannemer kan beginnen."
        ),
        wat_zou_helpen=(
            "De termijn laten meelopen met de planning van de versterking, zodat isoleren en "
            "versterken in één keer kunnen."
        ),
        verloop=((S.IN_BEHANDELING, 5), (S.LOKALE_STUURGROEP, 26), (S.OPGELOST, 97)),
        toelichting=(
            "De termijn loopt nu vanaf de start van de versterking in plaats van vanaf de "
            "toekenning. Bewoners met een verlopen toekenning kunnen opnieuw aanvragen."
        ),
        openbaar=True,
        lessen=("energieadvies-bij-versterking",),
    ),
    DemoKnelpunt(
        titel="Bewoners moeten hun verhaal bij drie loketten opnieuw vertellen",
        dagen_geleden=331,
        gemeente="Groningen",
        gebied="Ten Boer-West",
        organisaties=("IMG", "NCG", "Gemeente Groningen"),
        wat_zit_vast=(
            "Voor schade, versterking en de gemeentelijke regelingen zijn er aparte "
            "contactpersonen. Bewoners leggen dezelfde situatie steeds opnieuw uit en raken "
            "het overzicht kwijt wie wat doet."
        ),
        wat_zou_helpen="Eén vast aanspreekpunt dat namens alle partijen het gesprek voert.",
        verloop=((S.IN_BEHANDELING, 9), (S.OPGELOST, 120)),
        toelichting=(
            "In Ten Boer-West werkt sinds het voorjaar één bewonersbegeleider per straat, die "
            "de andere partijen aan de keukentafel haalt."
        ),
        openbaar=True,
        lessen=("keukentafelgesprek-met-alle-partijen", "een-vast-aanspreekpunt-oosternieland"),
    ),
    DemoKnelpunt(
        titel="Tijdelijke woning ver buiten het dorp tijdens de versterking",
        dagen_geleden=318,
        gemeente="Midden-Groningen",
        organisaties=("NCG", "Gemeente Midden-Groningen"),
        regeling="Tijdelijke huisvesting tijdens versterking",
        wat_zit_vast=(
            "Ouderen die tijdelijk moeten verhuizen, krijgen een woning in een andere kern "
            "aangeboden. Ze verliezen daarmee hun buren, de huisarts en de bus naar de "
            "dagbesteding, en sommigen weigeren daarom mee te werken."
        ),
        wat_zou_helpen="Wisselwoningen in of vlak bij het eigen dorp.",
        verloop=((S.IN_BEHANDELING, 12), (S.OPGELOST, 150)),
        toelichting=(
            "Er staan nu wisselwoningen op twee plekken in het dorp zelf. Bewoners kiezen "
            "eerst daaruit."
        ),
        openbaar=True,
        lessen=("tijdelijke-woning-dichtbij",),
    ),
    DemoKnelpunt(
        titel="Agrariërs krijgen voor woning en stallen elk een eigen traject",
        dagen_geleden=296,
        gemeente="Eemsdelta",
        organisaties=("IMG", "NCG", "Provincie Groningen"),
        regeling="Versterkingsaanpak agrarische bedrijven",
        wat_zit_vast=(
            "Op een boerenerf lopen voor de woning, de schuur en de stallen aparte "
            "beoordelingen met eigen planningen. De ondernemer kan zo niet plannen wanneer "
            "het bedrijf stil moet liggen."
        ),
        wat_zou_helpen="Eén plan voor het hele erf, met één consulent die het overzicht houdt.",
        verloop=((S.IN_BEHANDELING, 7), (S.BESTUURLIJK_OVERLEG, 45), (S.OPGELOST, 180)),
        toelichting=(
            "Het bestuurlijk overleg heeft afgesproken dat een erf voortaan als geheel wordt "
            "beoordeeld. Agro-consulenten begeleiden de ondernemer."
        ),
        openbaar=True,
        lessen=("agrarisch-erf-in-een-plan", "consulenten-voor-agrariers"),
    ),
    DemoKnelpunt(
        titel="Winkeliers weten niet bij wie ze terechtkunnen met bedrijfsschade",
        dagen_geleden=270,
        gemeente="Midden-Groningen",
        organisaties=("IMG", "Gemeente Midden-Groningen", "Maatschappelijke organisaties"),
        wat_zit_vast=(
            "Ondernemers met een winkel en een bovenwoning vallen tussen de regelingen voor "
            "woningen en die voor bedrijven. Ze worden van het ene naar het andere loket "
            "verwezen."
        ),
        wat_zou_helpen="Een mkb-consulent die de ondernemer van begin tot eind begeleidt.",
        verloop=((S.IN_BEHANDELING, 10), (S.OPGELOST, 88)),
        toelichting="Er is nu een mkb-consulent als vast aanspreekpunt voor ondernemers.",
        openbaar=True,
        lessen=("ondernemersloket-mkb",),
    ),
    DemoKnelpunt(
        titel="Buren in dezelfde straat krijgen zeer verschillende vergoedingen",
        dagen_geleden=244,
        gemeente="Groningen",
        organisaties=("NCG", "BZK"),
        regeling="Routekaart Verschillen",
        wat_zit_vast=(
            "Twee vergelijkbare huizen naast elkaar vallen onder verschillende peildata en "
            "normen. De ene bewoner krijgt een nieuw huis, de ander een kleine reparatie. Dat "
            "zorgt voor wantrouwen en ruzie in de straat."
        ),
        wat_zou_helpen=(
            "Een ruimere regeling om onaanvaardbare verschillen in één straat recht te trekken."
        ),
        verloop=((S.IN_BEHANDELING, 6), (S.BESTUURLIJK_OVERLEG, 40), (S.LANDELIJK, 95)),
        toelichting=(
            "Dit vraagt een besluit over geld en regels op landelijk niveau. Het ligt bij het "
            "ministerie; de redactie meldt hier wanneer er een besluit is."
        ),
        openbaar=True,
        lessen=("routekaart-verschillen-tussen-buren",),
    ),
    DemoKnelpunt(
        titel="Tuinschade valt buiten de afhandeling van de schade aan het huis",
        dagen_geleden=221,
        gemeente="Oldambt",
        gebied="Scheemda 't Waar",
        organisaties=("IMG",),
        regeling="Schadeafhandeling fysieke schade",
        wat_zit_vast=(
            "Na het herstel van een woning blijft de verzakte tuin en de kapotte oprit "
            "liggen, omdat die in een apart verzoek moeten. Bewoners hebben dan het gevoel "
            "dat het nooit klaar is."
        ),
        wat_zou_helpen="Tuin en erf meenemen in dezelfde opname en hetzelfde besluit.",
        verloop=((S.IN_BEHANDELING, 8), (S.LOKALE_STUURGROEP, 50)),
        toelichting=(
            "De lokale stuurgroep in Oldambt bespreekt een proef waarin tuinschade in "
            "dezelfde opname wordt meegenomen."
        ),
        openbaar=True,
        lessen=("vergoeding-tuinschade-in-een-keer",),
    ),
    DemoKnelpunt(
        titel="Wachttijd voor een nieuwe opname is voor bewoners niet te volgen",
        dagen_geleden=203,
        gemeente="Het Hogeland",
        gebied="Oosternieland",
        organisaties=("NCG", "Gemeente Het Hogeland"),
        wat_zit_vast=(
            "Bewoners horen maandenlang niets en bellen dan de gemeente, die het ook niet "
            "weet. Niemand kan zeggen waar hun dossier staat."
        ),
        wat_zou_helpen="Een overzicht per bewoner met de stappen en de verwachte datum.",
        verloop=((S.IN_BEHANDELING, 4), (S.OPGELOST, 70)),
        toelichting="Bewoners in Oosternieland krijgen nu een persoonlijke tijdlijn.",
        lessen=("wachttijd-zichtbaar-in-een-tijdlijn",),
    ),
    DemoKnelpunt(
        titel="Vastgelopen dossiers blijven maanden liggen zonder besluit",
        dagen_geleden=187,
        gemeente="Oldambt",
        gebied="Scheemda 't Waar",
        organisaties=("NCG", "IMG", "Gemeente Oldambt"),
        wat_zit_vast=(
            "Als partijen het oneens zijn over wie een deel van het herstel betaalt, ligt "
            "het dossier stil. Er is geen plek waar zo'n geschil snel wordt beslecht."
        ),
        wat_zou_helpen="Een vaste route om zulke dossiers binnen twee weken te agenderen.",
        verloop=((S.IN_BEHANDELING, 3), (S.LOKALE_STUURGROEP, 21), (S.OPGELOST, 64)),
        toelichting=("Vastgelopen dossiers gaan nu binnen twee weken naar de lokale stuurgroep."),
        lessen=("escalatie-lokale-stuurgroep",),
    ),
    DemoKnelpunt(
        titel="Zorgen over de gezondheid van bewoners komen te laat in beeld",
        dagen_geleden=166,
        gemeente="Het Hogeland",
        organisaties=("Gemeente Het Hogeland", "Maatschappelijke organisaties"),
        wat_zit_vast=(
            "Bewonersbegeleiders merken dat mensen vastlopen door de stress, maar weten niet "
            "bij wie ze dat kwijt kunnen zonder de privacy van de bewoner te schenden."
        ),
        wat_zou_helpen="Een afgesproken route naar het wijkteam, met toestemming van de bewoner.",
        verloop=((S.IN_BEHANDELING, 14),),
        toelichting="Wordt uitgewerkt samen met het wijkteam en de huisartsen.",
        lessen=("vroegsignalering-zorg",),
    ),
    DemoKnelpunt(
        titel="Energielabel na versterking telt niet mee voor de verduurzamingsregeling",
        dagen_geleden=149,
        gemeente="Eemsdelta",
        organisaties=("NCG", "Provincie Groningen"),
        regeling="Regeling verduurzaming",
        wat_zit_vast=(
            "Na de versterking heeft een woning al een beter label. Daardoor voldoet de "
            "bewoner niet meer aan de voorwaarde voor de verduurzamingsbijdrage, terwijl er "
            "nog veel te winnen is."
        ),
        wat_zou_helpen="Het label van vóór de versterking als uitgangspunt nemen.",
        verloop=((S.IN_BEHANDELING, 11), (S.BESTUURLIJK_OVERLEG, 60)),
        toelichting="Geagendeerd voor het bestuurlijk overleg van de provincie en het Rijk.",
    ),
    DemoKnelpunt(
        titel="Bewonersavonden in een grote zaal leveren weinig op",
        dagen_geleden=131,
        gemeente="Groningen",
        gebied="Ten Boer-West",
        organisaties=("Gemeente Groningen",),
        wat_zit_vast=(
            "Op de informatieavonden praten vooral de sprekers; bewoners met vragen over "
            "hun eigen huis komen niet aan bod en gaan boos naar huis."
        ),
        wat_zou_helpen="Kleine tafels per straat, met een deskundige aan elke tafel.",
        verloop=((S.IN_BEHANDELING, 5), (S.OPGELOST, 40)),
        toelichting="De gemeente organiseert de avonden nu in kleine groepen per straat.",
        openbaar=True,
        lessen=("bewonersavond-zonder-powerpoint",),
    ),
    DemoKnelpunt(
        titel="Inloopspreekuur alleen in de stad is voor ouderen te ver weg",
        dagen_geleden=112,
        gemeente="Eemsdelta",
        organisaties=("IMG", "Gemeente Eemsdelta"),
        wat_zit_vast=(
            "Het steunpunt zit in de stad. Bewoners zonder auto komen er niet, en bellen "
            "lukt niet iedereen."
        ),
        wat_zou_helpen="Spreekuren in de dorpshuizen, op vaste dagen.",
        verloop=((S.IN_BEHANDELING, 2), (S.OPGELOST, 35)),
        toelichting="Er is nu elke week een inloopspreekuur in drie dorpshuizen.",
        openbaar=True,
        lessen=("schadeloket-in-het-dorpshuis",),
    ),
    DemoKnelpunt(
        titel="Digitale omgeving voor bewonersdossiers wordt nauwelijks gebruikt",
        dagen_geleden=95,
        gemeente="Groningen",
        gebied="Ten Boer-West",
        organisaties=("Gemeente Groningen", "NCG"),
        wat_zit_vast=(
            "Veel bewoners loggen niet in op de digitale omgeving en missen daardoor "
            "berichten. Professionals moeten alles alsnog per brief sturen."
        ),
        wat_zou_helpen="Stoppen met het portaal en kiezen voor persoonlijk contact en post.",
        verloop=((S.IN_BEHANDELING, 6),),
        lessen=("digitaal-dossier-voor-bewoners-gestopt",),
    ),
    DemoKnelpunt(
        titel="Aannemers kunnen niet starten door wachttijd op de omgevingsvergunning",
        dagen_geleden=76,
        gemeente="Het Hogeland",
        organisaties=("Gemeente Het Hogeland", "NCG"),
        regeling="Omgevingsvergunning voor versterking",
        wat_zit_vast=(
            "Voor een kleine aanpassing aan de gevel is een volledige vergunning nodig. De "
            "aannemer staat klaar, maar mag niet beginnen."
        ),
        wat_zou_helpen="Een snellere route voor kleine ingrepen die bij de versterking horen.",
        verloop=((S.IN_BEHANDELING, 4), (S.LOKALE_STUURGROEP, 30)),
        toelichting="Ligt bij de lokale stuurgroep; de gemeente onderzoekt een snellere route.",
    ),
    DemoKnelpunt(
        titel="Erfgoedregels en versterkingsadvies spreken elkaar tegen",
        dagen_geleden=58,
        gemeente="Eemsdelta",
        organisaties=(
            "Provincie Groningen",
            "NCG",
            "BZK",
        ),
        regeling="Monumentenregels",
        wat_zit_vast=(
            "Bij een boerderij die monument is, vraagt het versterkingsadvies ingrepen die "
            "de erfgoedregels niet toestaan. Beide partijen wachten op de ander."
        ),
        wat_zou_helpen="Een gezamenlijk advies van erfgoed en versterking, vóór het ontwerp.",
        verloop=((S.IN_BEHANDELING, 9), (S.LANDELIJK, 40)),
        toelichting="Doorgezet naar het Rijk, omdat de erfgoedregels landelijk zijn.",
    ),
    DemoKnelpunt(
        titel="Onduidelijk wie de kosten van asbestsanering bij herstel betaalt",
        dagen_geleden=41,
        gemeente="Oldambt",
        organisaties=("IMG", "Gemeente Oldambt"),
        regeling="Schadeafhandeling en asbestsanering",
        wat_zit_vast=(
            "Bij het herstel van een schuur blijkt asbest in het dak te zitten. Het is niet "
            "duidelijk of de sanering onder de schadevergoeding valt, dus niemand begint."
        ),
        wat_zou_helpen="Een heldere afspraak, vooraf gecommuniceerd aan bewoners en aannemers.",
        verloop=((S.IN_BEHANDELING, 7),),
    ),
    DemoKnelpunt(
        titel="Bewoners met een taalachterstand begrijpen de besluitbrief niet",
        dagen_geleden=23,
        gemeente="Midden-Groningen",
        organisaties=("IMG", "NCG", "Maatschappelijke organisaties"),
        wat_zit_vast=(
            "De besluitbrieven zijn lang en juridisch. Bewoners tekenen of reageren niet, "
            "omdat ze niet weten wat er staat."
        ),
        wat_zou_helpen="Een korte samenvatting in eenvoudige taal bovenaan elke brief.",
    ),
    DemoKnelpunt(
        titel="Huurders weten niet of ze recht hebben op een vergoeding voor overlast",
        dagen_geleden=12,
        gemeente="Groningen",
        organisaties=("Gemeente Groningen", "Maatschappelijke organisaties"),
        regeling="Vergoeding voor verhuizing en overlast",
        wat_zit_vast=(
            "De corporatie en de uitvoeringsorganisaties verwijzen naar elkaar als een "
            "huurder vraagt wie de verhuiskosten betaalt."
        ),
        wat_zou_helpen="Eén overzicht voor huurders: wat krijgt u, van wie, en wanneer.",
    ),
    DemoKnelpunt(
        titel="Aanvraag voor een waardedalingsregeling vraagt documenten die al bekend zijn",
        dagen_geleden=4,
        gemeente="Het Hogeland",
        gebied="Oosternieland",
        organisaties=("IMG",),
        regeling="Waardedalingsregeling",
        wat_zit_vast=(
            "Bewoners moeten eigendomsbewijzen en eerdere rapporten opnieuw uploaden, terwijl "
            "die al bij de overheid liggen. Sommigen haken daarom af."
        ),
        wat_zou_helpen="Gegevens die al bekend zijn, hergebruiken met toestemming van de bewoner.",
    ),
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


@transaction.atomic
def load(stdout=None) -> None:
    melder = _user("professional")
    redacteur = _user("redacteur")
    gemeenten, gebieden = TermIndex(Gemeente), TermIndex(Gebied)
    organisaties = TermIndex(Organisatie)
    lessons_by_slug = {page.slug: page for page in LessonPage.objects.all()}
    now = timezone.now().replace(microsecond=0)
    created = 0

    for spec in DEMO_KNELPUNTEN:
        aangemeld_op = (now - datetime.timedelta(days=spec.dagen_geleden)).replace(
            hour=9 + spec.dagen_geleden % 8, minute=spec.dagen_geleden % 60, second=0
        )
        knelpunt = Knelpunt.objects.filter(titel=spec.titel).first()
        if knelpunt is None:
            knelpunt = Knelpunt(titel=spec.titel)
            created += 1
        else:
            # Replay the history from the start: drop the old audit rows, back to "nieuw".
            knelpunt.statuswijzigingen.all().delete()
            Knelpunt.objects.filter(pk=knelpunt.pk).update(status=Status.NIEUW)
            knelpunt.refresh_from_db()
        knelpunt.wat_zit_vast = spec.wat_zit_vast
        knelpunt.wat_zou_helpen = spec.wat_zou_helpen
        knelpunt.regeling = spec.regeling
        knelpunt.gemeente = gemeenten.get(spec.gemeente)
        knelpunt.gebied = gebieden.get(spec.gebied) if spec.gebied else None
        knelpunt.melder = melder
        knelpunt.aangemeld_op = aangemeld_op
        knelpunt.status_gewijzigd_op = aangemeld_op
        knelpunt.openbaar = spec.openbaar
        knelpunt.toelichting = ""
        knelpunt.save()
        knelpunt.organisaties.set(organisaties.get_many(spec.organisaties))
        services.link_lessons(
            knelpunt, [lessons_by_slug[s] for s in spec.lessen if s in lessons_by_slug]
        )

        for index, (status, dagen_na_melding) in enumerate(spec.verloop):
            last = index == len(spec.verloop) - 1
            services.change_status(
                knelpunt,
                status,
                redacteur,
                toelichting=spec.toelichting if last else None,
                op=min(aangemeld_op + datetime.timedelta(days=dagen_na_melding), now),
            )
        if not spec.verloop and spec.toelichting:
            knelpunt.toelichting = spec.toelichting
            knelpunt.save(update_fields=["toelichting"])

    if stdout:
        stdout.write(
            f"    {created} nieuwe en {len(DEMO_KNELPUNTEN) - created} bijgewerkte knelpunten"
        )
