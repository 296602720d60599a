"""Search index: the suggestion vocabulary (autocomplete and spelling) as an index range.

`SearchWord` rows get a `kind` (word, word pair, title, facet label) and the `display` form
as written; the unique key becomes (audience, kind, word) and a covering index (audience,
kind, word, docs) lets a prefix query for one audience read an index range instead of
grouping the whole table. Existing rows are words; `search_index rebuild` fills in display
forms, pairs, titles and labels.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0005_audiences")]

    operations = [
        migrations.RemoveConstraint(model_name="searchword", name="search_word_audience_unique"),
        migrations.AlterField(
            model_name="searchword", name="word", field=models.CharField(max_length=100)
        ),
        migrations.AddField(
            model_name="searchword",
            name="kind",
            field=models.CharField(default="w", max_length=30),
        ),
        migrations.AddField(
            model_name="searchword",
            name="display",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.AddConstraint(
            model_name="searchword",
            constraint=models.UniqueConstraint(
                fields=("audience", "kind", "word"), name="search_word_audience_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="searchword",
            index=models.Index(
                fields=["audience", "kind", "word", "docs"], name="search_word_prefix"
            ),
        ),
    ]
