"""`manage.py bench_site --docs N`: the site under load (see `bench.site`).

Builds (or reuses) a scratch database named by DATABASE_URL (`make bench-site` and
`make bench-site-postgres` choose one), starts the production server on it and drives it.
"""

from django.core.management.base import BaseCommand, CommandError

from bench import site


class Command(BaseCommand):
    help = (
        "Meet de hele site onder belasting: productieserver (gunicorn) op een scratch-database "
        "met N synthetische lessen en de demo-inhoud."
    )

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, default=10_000, help="synthetic lessons")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--samples", type=int, default=500, help="requests per endpoint and pass"
        )
        parser.add_argument("--concurrency", type=int, default=4, help="requests at a time")
        parser.add_argument(
            "--publish-rounds", type=int, default=3, help="publishes timed for first search"
        )
        parser.add_argument(
            "--pass-seconds",
            type=float,
            default=120,
            help="time budget of one endpoint's pass; fewer samples when reached (0: none)",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="build the corpus anew even when it fits"
        )
        parser.add_argument(
            "--only",
            default="",
            help="ask only these endpoints, comma-separated: " + ",".join(site.ENDPOINT_KEYS),
        )

    def handle(
        self,
        *args,
        docs,
        seed,
        samples,
        concurrency,
        publish_rounds,
        pass_seconds,
        rebuild,
        only,
        **o,
    ):
        try:
            site.run(
                docs,
                seed=seed,
                samples=samples,
                concurrency=concurrency,
                publish_rounds=publish_rounds,
                pass_seconds=pass_seconds,
                rebuild=rebuild,
                only=site.parse_only(only),
                out=self.stdout.write,
                progress=self.stderr.write,
            )
        except site.BenchSiteError as error:
            raise CommandError(str(error)) from error
