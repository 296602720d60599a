"""Search index: stored 'meer zoals dit' (`search.models.RelatedSet`, `search.related`): the
top related page ids per document, computed on first view and shared by every worker."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0007_field_weights")]

    operations = [
        migrations.CreateModel(
            name="RelatedSet",
            fields=[
                ("page_id", models.IntegerField(primary_key=True, serialize=False)),
                ("entry_id", models.IntegerField()),
                (
                    "related_ids",
                    models.TextField(blank=True, help_text="Comma-separated page ids, best first."),
                ),
                ("computed_at", models.DateTimeField()),
            ],
            options={"verbose_name": "meer-zoals-dit", "verbose_name_plural": "meer-zoals-dit"},
        ),
    ]
