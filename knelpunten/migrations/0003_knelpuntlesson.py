"""Link lessons to a knelpunt through an ordered model, for the admin's searchable chooser.

`Knelpunt.lessen` was a plain many-to-many relation (a checkbox per lesson in the admin). It
now runs through `KnelpuntLesson`, which keeps the very table of the old relation
(`knelpunten_knelpunt_lessen`, same columns and constraints), so no link is copied or lost:

1. state only: the model `KnelpuntLesson` on the existing table, and `lessen` through it;
2. the table gains `sort_order` and its id becomes a big integer, like every other id;
3. data: existing links get a `sort_order` per knelpunt, in the order the public knelpunt
   page showed them until now (newest lesson first, then by title).
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def number_existing_links(apps, schema_editor):
    """Give every existing link its place: per knelpunt, newest lesson first, then title."""
    KnelpuntLesson = apps.get_model("knelpunten", "KnelpuntLesson")
    links = KnelpuntLesson.objects.order_by(
        "knelpunt_id", "-les__datum", "les__title", "pk"
    ).only("pk", "knelpunt_id")
    current, position, changed = None, 0, []
    for link in links.iterator(chunk_size=2000):
        if link.knelpunt_id != current:
            current, position = link.knelpunt_id, 0
        link.sort_order = position
        position += 1
        changed.append(link)
    KnelpuntLesson.objects.bulk_update(changed, ["sort_order"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("knelpunten", "0002_redacteuren_permissions"),
        ("lessons", "0002_create_lesson_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="KnelpuntLesson",
                    fields=[
                        # The old auto-created table has a plain integer id (step 2 widens it).
                        (
                            "id",
                            models.AutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "knelpunt",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="lesson_links",
                                to="knelpunten.knelpunt",
                                verbose_name="knelpunt",
                            ),
                        ),
                        (
                            "les",
                            models.ForeignKey(
                                db_column="lessonpage_id",
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="knelpunt_links",
                                to="lessons.lessonpage",
                                verbose_name="les",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "gekoppelde les",
                        "verbose_name_plural": "gekoppelde lessen",
                        "db_table": "knelpunten_knelpunt_lessen",
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "unique_together": {("knelpunt", "les")},
                    },
                ),
                migrations.AlterField(
                    model_name="knelpunt",
                    name="lessen",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="De lessen die uit dit knelpunt zijn voortgekomen of het beantwoorden.",
                        related_name="knelpunten",
                        through="knelpunten.KnelpuntLesson",
                        to="lessons.lessonpage",
                        verbose_name="lessen",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="knelpuntlesson",
            name="sort_order",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="knelpuntlesson",
            name="id",
            field=models.BigAutoField(
                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
            ),
        ),
        migrations.RunPython(number_existing_links, migrations.RunPython.noop),
    ]
