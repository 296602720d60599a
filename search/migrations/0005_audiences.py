"""Audiences in the index instead of a professionals flag; an append-only change log.

- `SearchEntry.visibility` becomes `audience`, the page's `Audience.key` from the one
  visibility policy. The column is renamed in place (on SQLite a table rebuild would drop
  the FTS5 triggers of migration 0002); entries marked *professionals* get the key of the
  groups Professionals and Redacteuren.
- `SearchWord` counts documents per audience key instead of public/all; the counts are
  recomputed from the entries.
- `IndexState`, one hot row every writer updated, gives way to `IndexChange`, a log that
  writers only append to.

A `search_index rebuild` afterwards recomputes every audience from the live pages.
"""

from collections import Counter

from django.db import migrations, models

import search.models

PROFESSIONAL_GROUPS = ("Professionals", "Redacteuren")


def widen_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_searchentry ALTER COLUMN audience TYPE varchar(255)"
        )


def narrow_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_searchentry ALTER COLUMN audience TYPE varchar(20)"
        )


def audience_keys(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    SearchEntry = apps.get_model("search", "SearchEntry")
    ids = sorted(Group.objects.filter(name__in=PROFESSIONAL_GROUPS).values_list("pk", flat=True))
    key = "groepen:" + ",".join(map(str, ids)) if ids else "niemand"
    SearchEntry.objects.filter(audience="professionals").update(audience=key)


def professionals_flag(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchEntry.objects.exclude(audience="openbaar").update(audience="professionals")


def recount_words(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchWord = apps.get_model("search", "SearchWord")
    counts = Counter()
    for vocabulary, audience in SearchEntry.objects.values_list("vocabulary", "audience"):
        counts.update((word[:100], audience) for word in vocabulary.split())
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, audience=a, docs=n) for (w, a), n in sorted(counts.items())],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_index_state"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RenameField("searchentry", "visibility", "audience"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchentry",
                    name="audience",
                    field=models.CharField(db_index=True, max_length=255),
                )
            ],
            database_operations=[migrations.RunPython(widen_column, narrow_column)],
        ),
        migrations.RunPython(audience_keys, professionals_flag),
        migrations.DeleteModel("SearchWord"),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(db_index=True, max_length=100)),
                ("audience", models.CharField(max_length=255)),
                ("docs", models.IntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("word", "audience"), name="search_word_audience_unique"
                    )
                ]
            },
        ),
        migrations.RunPython(recount_words, migrations.RunPython.noop),
        migrations.DeleteModel("IndexState"),
        migrations.CreateModel(
            name="IndexChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("stamp", models.CharField(default=search.models._new_stamp, max_length=32)),
            ],
            options={"verbose_name": "zoekindexwijziging"},
        ),
    ]
