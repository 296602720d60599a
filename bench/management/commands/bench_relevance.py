"""`manage.py bench_relevance`: the judged relevance benchmark (see `bench.relevance`).

Loads the demo site and the test lessons into the current database: point DATABASE_URL at a
scratch one (`make bench-relevance` does).
"""

import json as _json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench import relevance


class Command(BaseCommand):
    help = "Meet zoekrelevantie met een beoordeelde set Nederlandse zoekvragen (scratch-database)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--failures", action="store_true", help="list every query missed")
        parser.add_argument("--no-load", action="store_true", help="use the content already loaded")
        parser.add_argument("--queries", help="another query file (YAML)")
        parser.add_argument("--yes", action="store_true", help="do not ask about the database")

    def handle(self, *args, json: bool, failures: bool, no_load: bool, queries, yes, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if not yes and not no_load and "bench" not in name and "test" not in name:
            raise CommandError(
                f"De benchmark laadt demo-inhoud en testlessen in database {name!r}. Gebruik een "
                "scratch-database (make bench-relevance), of geef --yes."
            )
        try:
            judged = relevance.load_queries(relevance.Path(queries)) if queries else None
            report = relevance.run(judged, load=not no_load, out=self.stderr.write)
        except relevance.JudgementError as error:
            raise CommandError(str(error)) from error
        if json:
            self.stdout.write(_json.dumps(report, indent=2, ensure_ascii=False))
            return
        self.stdout.write(relevance.format_table(report))
        if failures:
            self.stdout.write("")
            self.stdout.write(relevance.format_failures(report))
