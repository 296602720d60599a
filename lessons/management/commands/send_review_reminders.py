"""`manage.py send_review_reminders`: mail owners of lessons past their review date.

Run it daily (cron or a scheduled task).
"""

from django.core.management.base import BaseCommand

from lessons.reviews import send_review_reminders


class Command(BaseCommand):
    help = "Stuurt eigenaren een herinnering voor lessen waarvan de herzieningsdatum voorbij is."

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
