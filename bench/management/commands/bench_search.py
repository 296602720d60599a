"""`manage.py bench_search --docs N`: the search benchmark (see `bench.searching`).

Writes synthetic pages into the current database: point DATABASE_URL at a scratch one
(`make bench-search` does).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench import searching
from bench.queries import search_queries


class Command(BaseCommand):
    help = "Meet zoeksnelheid op synthetische lessen (gebruik een lege database)."

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, default=10_000)
        parser.add_argument("--stock-sample", type=int, default=20)
        parser.add_argument("--yes", action="store_true", help="do not ask about the database")
        parser.add_argument(
            "--reuse", action="store_true", help="keep an index of N documents from a last run"
        )
        parser.add_argument(
            "--samples", type=int, default=500, help="queries per kind, viewer and pass"
        )

    def handle(self, *args, docs, stock_sample, yes, reuse, samples, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if not yes and "bench" not in name:
            raise CommandError(
                f"De benchmark schrijft {docs} pagina's in database {name!r}. Gebruik een "
                "scratch-database (make bench-search), of geef --yes."
            )
        searching.run(
            docs,
            stock_sample=stock_sample,
            out=self.stdout.write,
            reuse=reuse,
            queries=search_queries(),
            samples=samples,
        )
