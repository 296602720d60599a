"""`manage.py export_lessons DIR`: write every lesson as a Markdown file (the exchange format)."""

from django.core.management.base import BaseCommand

from lessons.exporter import export_lessons


class Command(BaseCommand):
    help = "Exporteert alle lessen als Markdown met YAML front matter naar een map."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        written = export_lessons(directory)
        self.stdout.write(f"{len(written)} lessen geëxporteerd naar {directory}.")
