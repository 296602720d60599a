"""`manage.py search_index rebuild|upgrade|check`: rebuild the search index; re-analyse it in
place when the code's index format changed and give PostgreSQL's match index the best
access method the server has (RUM, `search.engines.matchindex`) (the release step); or
report drift."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import indexer
from search.engines import get_engine, matchindex


class Command(BaseCommand):
    help = (
        "Bouwt de zoekindex opnieuw op (rebuild), werkt hem bij naar een nieuw indexformaat "
        "(upgrade) of meldt verschillen met live inhoud (check)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "upgrade", "check"])

    def handle(self, *args, action, **options):
        engine = get_engine()
        if action == "rebuild":
            started = time.perf_counter()
            count = indexer.rebuild(progress=lambda n: self.stderr.write(f"  {n} pagina's…"))
            seconds = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"Zoekindex ({engine.name}) opnieuw opgebouwd: {count} pagina's in "
                    f"{seconds:.1f} s."
                )
            )
            return
        if action == "upgrade":
            before = matchindex.current_method(connection)
            method = matchindex.ensure_match_index(connection)
            if method != before:
                self.stdout.write(self.style.SUCCESS(f"Matchindex van de zoekindex: {method}."))
            started = time.perf_counter()
            done = indexer.upgrade(progress=lambda n: self.stderr.write(f"  {n} pagina's…"))
            if not done:
                self.stdout.write(
                    f"Zoekindex heeft al het huidige formaat ({indexer.index_format()})."
                )
                return
            for name, count in done.items():
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Zoekindex ({name}) bijgewerkt naar formaat {indexer.index_format()}: "
                        f"{count} pagina's in {time.perf_counter() - started:.1f} s."
                    )
                )
            return
        drift = indexer.check(engine)
        if drift.ok:
            self.stdout.write(self.style.SUCCESS(f"Zoekindex ({engine.name}) is bij."))
            return
        for label, ids in [
            ("ontbreken in de index", drift.missing),
            ("zijn verouderd in de index", drift.stale),
            ("staan nog in de index maar zijn niet (meer) live of zichtbaar", drift.orphaned),
            ("staan in de index voor een ander publiek dan de pagina nu heeft", drift.misaudienced),
        ]:
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
                self.stdout.write(f"{len(ids)} pagina's {label}: {shown}")
        raise CommandError(
            "De zoekindex loopt achter. Herstel: python manage.py search_index rebuild"
        )
