"""Give Redacteuren the rights to triage knelpunten in the Wagtail admin.

Editors add, change and view signals; deleting is left to administrators, so a reported
signal and its audit trail cannot disappear in triage.
"""

from django.db import migrations

from kennisbank.roles import REDACTEUREN, ensure_permissions, grant_model_permissions

PERMS = [
    "knelpunten.add_knelpunt",
    "knelpunten.change_knelpunt",
    "knelpunten.view_knelpunt",
    "knelpunten.view_statuswijziging",
]


def grant(apps, schema_editor):
    ensure_permissions(apps, "knelpunten")
    grant_model_permissions(apps, REDACTEUREN, PERMS)


class Migration(migrations.Migration):
    dependencies = [
        ("knelpunten", "0001_initial"),
        ("kennisbank", "0002_seed_taxonomy_home_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
