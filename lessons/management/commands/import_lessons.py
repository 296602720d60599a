"""`manage.py import_lessons PATH...`: import lesson files (see `lessons.importer`).

Errors go to stderr as `FILE:LINE: message`; every file whose content the lesson already
holds is listed as `ongewijzigd` (with `-v 2`, every file with its outcome), then a summary.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from lessons.importer import UNCHANGED, Importer


class Command(BaseCommand):
    help = "Importeert lessen uit Markdown-bestanden met YAML front matter (bestanden of mappen)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--dry-run", action="store_true", help="controleer, schrijf niets")
        parser.add_argument("--draft", action="store_true", help="importeer als concept")
        parser.add_argument(
            "--allow-personal-data",
            action="store_true",
            help="importeer ook bij mogelijke persoonsgegevens",
        )

    def handle(self, *args, paths, dry_run, draft, allow_personal_data, **options):
        def progress(done, total):
            if total >= 50 and (done % 100 == 0 or done == total):
                sys.stderr.write(f"\r  {done}/{total} bestanden")
                if done == total:
                    sys.stderr.write("\n")

        report = Importer(
            draft=draft,
            dry_run=dry_run,
            allow_personal_data=allow_personal_data,
            progress=progress,
        ).run(paths)
        for result in report.failed:
            for error in result.errors:
                self.stderr.write(error)
        for result in report.results:
            if result.ok and (result.status == UNCHANGED or options["verbosity"] > 1):
                self.stdout.write(f"{result.path}: {result.status}")
        verb = "gecontroleerd" if dry_run else "geïmporteerd"
        self.stdout.write(
            f"{len(report.results) - len(report.failed)} bestanden {verb} "
            f"({report.created} nieuw, {report.updated} bijgewerkt, "
            f"{report.unchanged} ongewijzigd), {len(report.failed)} met fouten."
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} bestand(en) niet geïmporteerd; zie boven.")
