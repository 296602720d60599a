"""Demo lessons: Markdown files in `demo/demo_lessons/`, loaded through the importer.

Published and marked as example content (`is_voorbeeld`), so every page says it is an
example. Idempotent: re-loading updates the same lessons by slug.

The exchange format has no review date, so the demo sets one afterwards: the editor
"redacteur" owns every demo lesson, and a few are past their review date so that the
review report, the reminder mail and the dashboard have something to show.
"""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from lessons.importer import Importer
from lessons.models import LessonPage

DEMO_DIR = Path(__file__).with_name("demo_lessons")

# slug -> days past the review date (relative to today, so they stay overdue)
OVERDUE = {
    "schadeloket-in-het-dorpshuis": 20,
    "tijdelijke-woning-dichtbij": 75,
    "digitaal-dossier-voor-bewoners-gestopt": 150,
}


def load(stdout=None) -> None:
    report = Importer(is_voorbeeld=True).run([DEMO_DIR])
    if report.failed:
        errors = "\n".join(e for r in report.failed for e in r.errors)
        raise RuntimeError(f"demo lessons did not import:\n{errors}")
    _set_reviews()
    if stdout:
        stdout.write(f"    {report.created} nieuwe en {report.updated} bijgewerkte lessen")


def _set_reviews() -> None:
    owner = get_user_model().objects.filter(username="redacteur").first()
    today = timezone.localdate()
    lessons = LessonPage.objects.filter(is_voorbeeld=True).order_by("slug")
    for number, lesson in enumerate(lessons):
        if lesson.slug in OVERDUE:
            due = today - datetime.timedelta(days=OVERDUE[lesson.slug])
        else:
            due = today + datetime.timedelta(days=60 + 20 * number)
        if lesson.review_by == due and lesson.review_owner_id == getattr(owner, "pk", None):
            continue
        lesson.review_by, lesson.review_owner = due, owner
        # Through a revision, so the admin (which edits the latest revision) shows it too.
        lesson.save_revision().publish()
