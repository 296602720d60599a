"""Search index: incremental index change log. Reserved in the migration chain so that parallel work on the
index does not fork it; operations are added by the change that needs them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0008_related")]

    operations = []
