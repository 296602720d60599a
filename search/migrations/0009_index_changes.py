"""Search index: incremental index change log. Each `IndexChange` row names the entries its
write touched (`entries`), or says that anything may have changed (`full`, true for the rows
written before this migration), so the facet bitsets of every worker follow a write by
reloading only those entries. `QueryLog.created_at` is set when the search ran, not when
the batch that holds it is written."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0008_related")]

    operations = [
        migrations.AddField(
            model_name="indexchange",
            name="entries",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="indexchange",
            name="full",
            field=models.BooleanField(default=True),
        ),
        migrations.AlterField(
            model_name="querylog",
            name="created_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
    ]
