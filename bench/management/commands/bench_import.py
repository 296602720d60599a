"""`manage.py bench_import --files N`: the import benchmark (see `bench.importing`)."""

from django.core.management.base import BaseCommand

from bench import importing


class Command(BaseCommand):
    help = "Meet de importsnelheid op N gegenereerde lesbestanden (gebruik een lege database)."

    def add_arguments(self, parser):
        parser.add_argument("--files", type=int, default=5000)

    def handle(self, *args, files, **options):
        importing.run(files, out=self.stdout.write)
