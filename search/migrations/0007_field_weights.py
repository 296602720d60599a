"""Search index: index columns and full-text structures (field weights, ranking). Reserved in the migration chain so that parallel work on the
index does not fork it; operations are added by the change that needs them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vocabulary")]

    operations = []
