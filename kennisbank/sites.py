"""The Wagtail Site follows `settings.SITE_URL`, the one public base URL.

Wagtail builds every absolute page URL (sitemap, feeds, calendar files, the API's
`html_url`) from the Site's hostname and port, so the default Site is set from SITE_URL after
every `migrate` (a post_migrate handler, connected in `KennisbankConfig.ready`) and by
`load_demo`. Mails and the PDF use SITE_URL directly (`absolute_url`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def hostname_and_port(site_url: str) -> tuple[str, int]:
    parts = urlsplit(site_url)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def absolute_url(path: str) -> str:
    """`path` (site-relative, or already absolute) as an absolute URL on SITE_URL."""
    if "://" in path:
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def apply_site_url(site_url: str | None = None, *, using: str = "default") -> None:
    """Give the default Wagtail Site the hostname and port of `site_url` (SITE_URL)."""
    hostname, port = hostname_and_port(site_url or settings.SITE_URL)
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(using=using)


def apply_site_url_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: runs once per migrate (sent for each app; only ours acts)."""
    if sender.name == "kennisbank":
        apply_site_url(using=using)
