"""App config for the ground floor: taxonomy, home page, roles, upload limits, and the
routing resolvers of routable pages (built before any request), and the content generation
that fragment caches follow."""

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

        from kennisbank.routing import build_routable_resolvers

        build_routable_resolvers()

        # Every write to content moves the generation that fragment caches are keyed by.
        from kennisbank import content_cache

        content_cache.connect()
