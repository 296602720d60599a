"""Lessons: an index on (datum, page) so the newest visible lessons are found by walking it
(home page, listings, feeds) instead of sorting every lesson per request; and one on
`zichtbaarheid` for the visibility policy's subquery of professionals-only lessons."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lessons", "0002_create_lesson_index")]

    operations = [
        migrations.AddIndex(
            model_name="lessonpage",
            index=models.Index(fields=["datum", "page_ptr"], name="lessons_datum_newest"),
        ),
        migrations.AddIndex(
            model_name="lessonpage",
            index=models.Index(fields=["zichtbaarheid"], name="lessons_zichtbaarheid"),
        ),
    ]
