"""Freshness of lessons: which are past their review date, and reminding their owners."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from lessons.selectors import lessons_due_for_review


def send_review_reminders(today=None) -> int:
    """Mail each owner the list of their lessons past review. Returns the number of mails."""
    today = today or timezone.localdate()
    by_owner = defaultdict(list)
    for lesson in lessons_due_for_review(today):
        if lesson.review_owner and lesson.review_owner.email:
            by_owner[lesson.review_owner].append(lesson)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for owner, lessons in by_owner.items():
        lines = [
            f"- {lesson.title} (herzien vóór {lesson.review_by:%d-%m-%Y}): "
            f"{base}/admin/pages/{lesson.pk}/edit/"
            for lesson in lessons
        ]
        send_mail(
            subject=f"Kennisbank: {len(lessons)} les(sen) toe aan herziening",
            message=(
                f"Beste {owner.get_short_name() or owner.get_username()},\n\n"
                "Deze lessen waarvan u eigenaar bent, zijn over hun herzieningsdatum heen. "
                "Kijk of ze nog kloppen, werk ze bij en zet een nieuwe datum:\n\n"
                + "\n".join(lines)
                + "\n\nKennisbank Herstel Groningen"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[owner.email],
        )
    return len(by_owner)
