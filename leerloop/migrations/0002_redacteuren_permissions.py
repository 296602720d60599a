"""Give Redacteuren the rights to record findings on the progress questions (Wagtail snippet)."""

from django.db import migrations

from kennisbank.roles import REDACTEUREN, ensure_permissions, grant_model_permissions

PERMS = [
    "leerloop.add_bevinding",
    "leerloop.change_bevinding",
    "leerloop.delete_bevinding",
    "leerloop.view_bevinding",
]


def grant(apps, schema_editor):
    ensure_permissions(apps, "leerloop")
    grant_model_permissions(apps, REDACTEUREN, PERMS)


class Migration(migrations.Migration):
    dependencies = [
        ("leerloop", "0001_initial"),
        ("kennisbank", "0002_seed_taxonomy_home_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
