"""Search index, PostgreSQL only: the match index of `search_matchvector` becomes RUM where
the server has the `rum` extension (Debian's `postgresql-NN-rum`), so phrase matches are
decided in the index instead of in every row's vector; GIN stays where it cannot be
created. Why and what it costs: `search.engines.matchindex`. Reversible: going back
builds the GIN index of migration 0013 again (the extension stays installed). Once the
package is installed later, `manage.py search_index upgrade` (the release step) switches.
"""

from django.db import migrations

from search.engines.matchindex import ensure_match_index


def forward(apps, schema_editor):
    ensure_match_index(schema_editor.connection)


def backward(apps, schema_editor):
    ensure_match_index(schema_editor.connection, "gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0013_match_vectors")]

    operations = [migrations.RunPython(forward, backward)]
