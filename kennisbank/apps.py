"""App config for the ground floor: taxonomy, home page, roles, upload limits, and the
routing resolvers of routable pages (built before any request), the content generation
that fragment caches follow, and the triggers behind the visibility policy's depths."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    name = "kennisbank"
    verbose_name = _("Kennisbank")

    def ready(self):
        from kennisbank.uploads import enforce_pillow_pixel_limit

        enforce_pillow_pixel_limit()

        from django.db.models.signals import post_migrate

        from kennisbank.sites import apply_site_url_after_migrate

        post_migrate.connect(apply_site_url_after_migrate, sender=self)

        # The triggers that keep the restricted depths of the visibility policy, after every
        # migrate and flush (a table rebuilt by a migration on SQLite loses its triggers).
        from kennisbank.restricted_depths import install_after_migrate

        post_migrate.connect(install_after_migrate, sender=self)
        from kennisbank import checks  # noqa: F401  (registers the system checks)
        from kennisbank.routing import build_routable_resolvers

        build_routable_resolvers()

        # Every write to content moves the generation that fragment caches are keyed by.
        from kennisbank import content_cache

        content_cache.connect()
