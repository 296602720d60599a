"""The depths that carry view restrictions, kept by triggers (kennisbank.restricted_depths)."""

from django.db import migrations, models


def install(apps, schema_editor):
    from kennisbank import restricted_depths

    restricted_depths.install(schema_editor.connection.alias)


def uninstall(apps, schema_editor):
    from kennisbank import restricted_depths

    restricted_depths.uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0006_content_change"),
    ]

    operations = [
        migrations.CreateModel(
            name="RestrictedDepth",
            fields=[
                (
                    "depth",
                    models.PositiveIntegerField(
                        primary_key=True, serialize=False, verbose_name="diepte"
                    ),
                ),
            ],
            options={
                "verbose_name": "diepte met afscherming",
                "verbose_name_plural": "dieptes met afscherming",
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
