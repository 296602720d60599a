"""Search index: `IndexFormat`, the format each engine's index was built in, so a deploy can
re-analyse the pages in place when the code's format changed (`search_index upgrade`)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0009_index_changes'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexFormat',
            fields=[
                ('engine', models.CharField(max_length=30, primary_key=True, serialize=False)),
                ('version', models.CharField(max_length=100)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'zoekindexformaat',
            },
        ),
    ]
