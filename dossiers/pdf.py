"""The PDF of a dossier for a meeting: WeasyPrint renders the dossier's own HTML with its print
stylesheet, behind a title page and followed by the list of sources.

WeasyPrint never touches the network: its URL fetcher serves only this project's static files
from the static files storage (the stylesheets) and refuses everything else. Fonts come from
the system. The PDF is tagged (PDF/UA-1: structure tree, document language `nl` from the
template's `<html lang>`), so screen readers can read it.

Rendering takes seconds, so PDFs are cached. The cache key is what decides the content: the
dossier's live revision, the day (the "afgedrukt op" date), and the cited lessons this reader
may see with their live revisions (which also decide the "not public" mark). Two readers
who see the same sources share the entry; publishing the dossier or a cited lesson makes a
new revision and so a new key (the old entry simply expires).
"""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from dossiers.models import DossierPage
from dossiers.selectors import dossier_context, shows_restricted_lessons, visible_source_lessons


class StaticFilesOnlyFetcher(URLFetcher):
    """Serve `STATIC_URL` paths from the staticfiles finders; refuse every other URL."""

    def fetch(self, url, headers=None):
        static_prefix = urlparse(settings.STATIC_URL).path
        path = urlparse(url).path
        if not path.startswith(static_prefix):
            raise ValueError(f"PDF rendering fetches no remote resources: {url}")
        relative = posixpath.normpath(path.removeprefix(static_prefix))
        if relative.startswith(("..", "/")):
            raise ValueError(f"Static file not found: {path}")
        body = _read_static(relative)
        if body is None:
            raise ValueError(f"Static file not found: {path}")
        content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def _read_static(relative: str) -> bytes | None:
    """A static file's bytes: from the collected storage (hashed names in production), else
    from the app folders (development and tests, where nothing is collected)."""
    if staticfiles_storage.exists(relative):
        with staticfiles_storage.open(relative) as handle:
            return handle.read()
    found = finders.find(relative)
    if not found:
        return None
    with open(found, "rb") as handle:
        return handle.read()


def _base_url() -> str:
    # Relative links in the HTML resolve against the public base URL, so the PDF's links work.
    return settings.SITE_URL.rstrip("/") + "/"


def render_html(dossier: DossierPage, user) -> str:
    """The dossier as one print document: title page, content, sources, for this user."""
    context = {"page": dossier, "generated_on": timezone.localdate()}
    context.update(dossier_context(dossier, user))
    # The "not public, do not pass on" mark: when this version cites any non-public lesson.
    context["for_professionals"] = shows_restricted_lessons(context["source_lessons"])
    return render_to_string("dossiers/dossier_pdf.html", context)


def render_pdf(dossier: DossierPage, user) -> bytes:
    """The PDF bytes of `dossier` as `user` may see it (restricted lessons left out)."""
    html = HTML(
        string=render_html(dossier, user),
        base_url=_base_url(),
        url_fetcher=StaticFilesOnlyFetcher(),
    )
    return html.write_pdf(pdf_variant="pdf/ua-1")


CACHE_SECONDS = 24 * 60 * 60


def cache_key(dossier: DossierPage, user) -> str:
    """The key of this reader's PDF: same key, same bytes (see the module docstring)."""
    sources = sorted(
        (lesson.pk, lesson.live_revision_id or 0)
        for lesson in visible_source_lessons(dossier, user)
    )
    parts = [
        str(dossier.pk),
        str(dossier.live_revision_id or 0),
        timezone.localdate().isoformat(),
        ",".join(f"{pk}.{revision}" for pk, revision in sources),
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f"dossiers:pdf:{dossier.pk}:{digest}"


def cached_pdf(dossier: DossierPage, user) -> bytes:
    """The PDF from the cache, rendered and stored on a miss."""
    key = cache_key(dossier, user)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(dossier, user)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def pdf_filename(dossier: DossierPage) -> str:
    return f"dossier-{slugify(dossier.title)[:80] or dossier.pk}.pdf"


def pdf_response(dossier: DossierPage, user) -> HttpResponse:
    response = HttpResponse(cached_pdf(dossier, user), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(dossier)}"'
    # The content depends on who asks (restricted lessons): no shared (proxy) caching.
    response["Cache-Control"] = "private, no-store"
    return response
