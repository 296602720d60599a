"""Demo kennisdagen: two past days with programme, slides (real PDFs) and report, one upcoming.

`load()` is idempotent: it finds its pages by slug and its documents by title and updates
them. Every page is marked `is_voorbeeld`, so nobody mistakes it for a real kennisdag.
The slides contain words that appear nowhere else ("kwelderdorpen", "schuurtjesregeling"),
so a search for them shows that text inside uploaded PDFs is found.
"""

import datetime
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from demo.pdf import make_pdf
from demo.publishing import publish_if_changed
from kennisbank.lookup import TermIndex
from kennisbank.models import Doelgroep, Organisatie, Thema
from kennisdagen.models import KennisdagDocument, KennisdagIndexPage, KennisdagPage


def _session(start, end, title, speakers, description, materials=()):
    return {
        "type": "sessie",
        "id": str(uuid.uuid4()),
        "value": {
            "start": start,
            "end": end,
            "title": title,
            "speakers": [
                {"name": name, "role": role, "organisation": organisation}
                for name, role, organisation in speakers
            ],
            "description": description,
            "materials": [document.pk for document in materials],
        },
    }


def _document(title: str, filename: str, slides: list[list[str]]):
    Document = get_document_model()
    collection = (
        Collection.objects.filter(name="Kennisdagen").first() or Collection.get_first_root_node()
    )
    document = Document.objects.filter(title=title).first()
    content = ContentFile(make_pdf(slides, title=title), name=filename)
    if document is None:
        document = Document(title=title, collection=collection, file=content)
    else:
        document.file.delete(save=False)
        document.file = content
    document._set_document_file_metadata()
    document.save()
    return document


DAYS = [
    {
        "slug": "kennisdag-oosternieland-voorjaar-2026",
        "title": "Kennisdag Oosternieland: één loket, één plan",
        "datum": datetime.date(2026, 3, 26),
        "start": datetime.time(9, 30),
        "end": datetime.time(16, 0),
        "locatie_naam": "Dorpshuis Oosternieland",
        "locatie_adres": "Dorpsstraat 1, Oosternieland",
        "organisaties": ["Gemeente Het Hogeland", "NCG"],
        "doelgroepen": ["professionals", "bestuurders"],
        "themas": ["veilig", "schadevrij"],
        "tags": ["startgebied", "vast aanspreekpunt"],
        "samenvatting": (
            "Casemanagers, adviseurs en bestuurders uit het startgebied Oosternieland deelden "
            "hoe bewoners met één vast aanspreekpunt sneller een plan voor hun huis krijgen."
        ),
        "slides": (
            "Presentatie: één plan per huis in de kwelderdorpen",
            "een-plan-per-huis.pdf",
            [
                ["Eén plan per huis", "Ervaringen uit de kwelderdorpen rond Oosternieland"],
                [
                    "Wat werkte",
                    "Eén vast aanspreekpunt per huishouden",
                    "Keukentafelgesprek met alle partijen tegelijk",
                ],
                ["Wat niet werkte", "Drie aparte inspecties voor één huis"],
            ],
        ),
        "sessions": [
            (
                "09:30",
                "10:15",
                "Welkom en doel van de dag",
                [("Ineke Mulder", "dagvoorzitter", "Gemeente Het Hogeland")],
                "Waarom we de ervaringen uit het startgebied nu vastleggen.",
            ),
            (
                "10:15",
                "11:30",
                "Eén plan per huis",
                [
                    ("Ruben de Vries", "casemanager", "NCG"),
                    ("Sanne Bakker", "bouwkundig adviseur", "IMG"),
                ],
                "Hoe één keukentafelgesprek met alle partijen drie losse trajecten verving.",
                True,
            ),
            (
                "13:00",
                "15:00",
                "Werkatelier: wat nemen we mee?",
                [],
                "In groepen de lessen van de ochtend opschrijven als les voor de Kennisbank.",
            ),
        ],
        "verslag": (
            "De dag begon met de vraag wat bewoners het meest hindert: te veel loketten.\n\n"
            "In de ochtend liet het team uit Oosternieland zien hoe één vast aanspreekpunt en "
            "één gezamenlijk plan per huis het aantal afspraken voor een huishouden halveerde.\n\n"
            "In het werkatelier schreven de deelnemers drie lessen op. Die staan na de "
            "redactieronde in de Kennisbank."
        ),
    },
    {
        "slug": "kennisdag-ondernemers-en-agrariers-najaar-2026",
        "title": "Kennisdag Mkb en agro: de consulent aan tafel",
        "datum": datetime.date(2026, 10, 8),
        "start": datetime.time(13, 0),
        "end": datetime.time(17, 0),
        "locatie_naam": "Boerderij De Hoeve",
        "locatie_adres": "Hoofdweg 12, Scheemda",
        "organisaties": ["Provincie Groningen", "IMG"],
        "doelgroepen": ["ondernemers", "agrariers", "professionals"],
        "themas": ["verduurzaamd", "veerkrachtig"],
        "tags": ["mkb", "agro", "consulent"],
        "samenvatting": (
            "Wat leren we van de Mkb- en Agro-consulenten? Ondernemers, boeren en adviseurs "
            "spraken over schade, versterking en verduurzaming van bedrijfsgebouwen."
        ),
        "slides": (
            "Presentatie: de schuurtjesregeling in de praktijk",
            "schuurtjesregeling.pdf",
            [
                ["De schuurtjesregeling in de praktijk", "Bijgebouwen van boerenbedrijven"],
                ["Les", "Laat de consulent meteen ook naar verduurzaming kijken"],
            ],
        ),
        "sessions": [
            (
                "13:00",
                "14:00",
                "De consulent als gids",
                [("Gert Smit", "agro-consulent", "Maatschappelijke organisaties")],
                "Hoe een consulent ondernemers door regels en loketten loodst.",
                True,
            ),
            (
                "14:15",
                "16:30",
                "Gesprekstafels per sector",
                [],
                "Melkveehouderij, akkerbouw en winkels in de dorpskernen.",
            ),
        ],
        "verslag": (
            "Ondernemers vertelden dat zij vooral behoefte hebben aan één persoon die het hele "
            "bedrijf overziet: woonhuis, stallen en schuren samen.\n\n"
            "Afgesproken is de werkwijze van de consulenten breder toe te passen."
        ),
    },
    {
        "slug": "kennisdag-ten-boer-west",
        "title": "Kennisdag Ten Boer-West: verschillen tussen buren",
        "datum": None,  # upcoming: six weeks from the day the demo is loaded
        "start": datetime.time(10, 0),
        "end": datetime.time(15, 30),
        "locatie_naam": "Kerk Ten Boer",
        "locatie_adres": "Kerkstraat 2, Ten Boer",
        "organisaties": ["Gemeente Groningen", "NCG", "BZK"],
        "doelgroepen": ["professionals", "bestuurders"],
        "themas": ["leefbaar"],
        "tags": ["Routekaart Verschillen"],
        "samenvatting": (
            "Hoe verkleinen we onaanvaardbare verschillen tussen buren? Een dag over de "
            "Routekaart Verschillen en de ervaringen in Ten Boer-West."
        ),
        "slides": None,
        "sessions": [
            (
                "10:00",
                "11:00",
                "De Routekaart Verschillen uitgelegd",
                [("Fatima el Amrani", "beleidsadviseur", "BZK")],
                "Wat de routekaart is en hoe een lokale stuurgroep hem gebruikt.",
            ),
            (
                "11:15",
                "12:30",
                "Ervaringen uit Ten Boer-West",
                [("Jan Hoekstra", "lid lokale stuurgroep", "Gemeente Groningen")],
                "Welke verschillen bewoners zien en wat er al is opgelost.",
            ),
        ],
        "verslag": "",
    },
]


def load(stdout=None) -> list[KennisdagPage]:
    index = KennisdagIndexPage.objects.first()
    if index is None:
        if stdout:
            stdout.write("    geen kennisdagenoverzicht gevonden; kennisdagen overgeslagen")
        return []
    themas, organisaties, doelgroepen = (
        TermIndex(Thema),
        TermIndex(Organisatie),
        TermIndex(Doelgroep),
    )
    pages = []
    for spec in DAYS:
        slides = _document(*spec["slides"]) if spec["slides"] else None
        datum = spec["datum"] or timezone.localdate() + datetime.timedelta(weeks=6)
        programma = [
            _session(s[0], s[1], s[2], s[3], s[4], [slides] if slides and len(s) > 5 else ())
            for s in spec["sessions"]
        ]
        fields = {
            "title": spec["title"],
            "datum": datum,
            "start_tijd": spec["start"],
            "eind_tijd": spec["end"],
            "locatie_naam": spec["locatie_naam"],
            "locatie_adres": spec["locatie_adres"],
            "samenvatting": spec["samenvatting"],
            "verslag": spec["verslag"],
            "programma": programma,
            "is_voorbeeld": True,
        }
        page = KennisdagPage.objects.filter(slug=spec["slug"]).first()
        if page is None:
            page = KennisdagPage(slug=spec["slug"], **fields)
            index.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        page.themas.set(themas.get_many(spec["themas"]))
        page.organisaties.set(organisaties.get_many(spec["organisaties"]))
        page.doelgroepen.set(doelgroepen.get_many(spec["doelgroepen"]))
        page.tags.set(spec["tags"])
        page.documenten.clear()
        if slides:
            page.documenten.add(KennisdagDocument(document=slides, omschrijving="Dia's van de dag"))
        publish_if_changed(page)
        pages.append(page)
        if stdout:
            stdout.write(f"    {page.title}")
    return pages
