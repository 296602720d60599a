"""`manage.py load_demo`: load (or refresh) the Dutch demo content and the demo accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from demo.loader import load_all
from kennisbank.sites import apply_site_url


class Command(BaseCommand):
    help = "Laadt voorbeeldinhoud en demo-accounts (idempotent: opnieuw draaien werkt bij)."

    def handle(self, *args, **options):
        self.stdout.write("Voorbeeldinhoud laden:")
        with transaction.atomic():
            load_all(stdout=self.stdout)
            apply_site_url()
        self.stdout.write(self.style.SUCCESS(f"Klaar. Inloggen op {settings.SITE_URL}/admin/ met:"))
        for account in DEMO_ACCOUNTS:
            role = "beheerder" if account.superuser else account.group
            self.stdout.write(f"  {account.username:<13} / {DEMO_PASSWORD}   ({role})")
