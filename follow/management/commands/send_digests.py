"""`manage.py send_digests`: mail each follower what is new or changed in what they follow.

Run it from cron per frequency, e.g. daily `--frequency dagelijks` and weekly
`--frequency wekelijks`; `--enqueue` hands the work to the task queue instead.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from follow.digest import pending_digests, send_digests
from follow.models import Frequency
from follow.tasks import send_digests_task


class Command(BaseCommand):
    help = "Stuurt volgers een overzicht van wat nieuw of gewijzigd is in wat zij volgen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=Frequency.values,
            help="Alleen volglijst-items met deze frequentie (standaard: alle).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon wat verstuurd zou worden; verstuur niets en onthoud niets.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Zet het versturen in de takenwachtrij in plaats van het nu te doen.",
        )

    def handle(self, *args, frequency=None, dry_run=False, enqueue=False, **options):
        if dry_run:
            self._dry_run(frequency)
        elif enqueue:
            result = send_digests_task.enqueue(frequency=frequency)
            self.stdout.write(f"Taak in de wachtrij gezet ({result.id}).")
        else:
            sent = send_digests(frequency=frequency)
            self.stdout.write(f"{sent} overzicht(en) verstuurd.")

    def _dry_run(self, frequency):
        would_send = 0
        for digest in pending_digests(timezone.now(), frequency):
            if digest.is_empty:
                continue
            would_send += 1
            self.stdout.write(
                f"Aan {digest.user.email} ({digest.user.get_username()}): "
                f"{digest.item_count} item(s)"
            )
            for section in digest.sections:
                self.stdout.write(f"  {section.title}")
                for item in section.items:
                    self.stdout.write(f"    - [{item.status}] {item.title} <{item.url}>")
                if section.more:
                    self.stdout.write(f"    … en {section.more} meer")
        self.stdout.write(f"Proefdraai: {would_send} overzicht(en) zouden worden verstuurd.")
