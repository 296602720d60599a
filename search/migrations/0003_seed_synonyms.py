"""Seed the synonym list with the domain's abbreviations and synonyms; editors extend it."""

from django.db import migrations

SYNONYMS = [
    "IMG = Instituut Mijnbouwschade Groningen",
    "NCG = Nationaal Coördinator Groningen",
    "BZK = Binnenlandse Zaken en Koninkrijksrelaties",
    "mkb = midden- en kleinbedrijf",
    "agro = agrarisch = boer = landbouw",
    "versterking = versterkingsopgave",
    "schadeherstel = schadeafhandeling",
    "verduurzaming = isolatie = energiebesparing",
    "loket = steunpunt = inloopspreekuur",
    "bewonersbegeleider = casemanager = vast aanspreekpunt",
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for line in SYNONYMS:
        SynonymGroup.objects.get_or_create(terms=line)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_structures")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
