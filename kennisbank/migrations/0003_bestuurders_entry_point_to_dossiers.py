"""Point the home page's entry for bestuurders at the dossiers, now that they exist.

Only the link as seeded is changed; an entry an editor has edited is left alone.
"""

from django.db import migrations

SEEDED = ("/zoeken/?fase=werkt", "Bekijk wat werkt")
DOSSIERS = ("/dossiers/", "Naar de dossiers")


def _relink(apps, old, new):
    HomePage = apps.get_model("kennisbank", "HomePage")
    for home in HomePage.objects.all():
        data = list(home.entry_points.raw_data)
        changed = False
        for block in data:
            value = block.get("value", {})
            if (value.get("link_url"), value.get("link_text")) == old:
                value["link_url"], value["link_text"] = new
                changed = True
        if changed:
            home.entry_points = data
            home.save(update_fields=["entry_points"])


def forwards(apps, schema_editor):
    _relink(apps, SEEDED, DOSSIERS)


def backwards(apps, schema_editor):
    _relink(apps, DOSSIERS, SEEDED)


class Migration(migrations.Migration):
    dependencies = [("kennisbank", "0002_seed_taxonomy_home_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
