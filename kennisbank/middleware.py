"""Request guards at the edge, before a request reaches a view or the database.

- `QueryStringGuardMiddleware`: a query string with control characters (NUL and the like)
  gets a 400 with a Dutch message, wherever it was headed (PostgreSQL refuses NUL in text
  and the search parsers choke on it); a search in the API with more than
  `settings.API_SEARCH_MAX_TERMS` words gets the same (Wagtail's query parser recurses per
  word).
- `AdminContentSecurityPolicyMiddleware`: the Wagtail admin initialises its widgets (choosers,
  inline panels, date pickers) with inline scripts that carry no nonce, so under `/admin/` the
  policy is `settings.SECURE_CSP_ADMIN` (inline scripts and styles allowed, everything else as
  strict as the site's). Every other page keeps `settings.SECURE_CSP`.
- `DatabaseUnavailableMiddleware` and `database_unavailable_or_server_error` (the 500
  handler): when the database cannot be reached, the visitor gets the maintenance page with
  status 503 and `Retry-After`, never a traceback.
"""

from __future__ import annotations

import re
import sys
from urllib.parse import parse_qsl

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.views.defaults import server_error

# C0 controls and DEL, except tab, line feed and carriage return (a pasted line break).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_MESSAGE = (
    "Uw zoekvraag of adres bevat ongeldige tekens. Verwijder ze en probeer het opnieuw."
)
TOO_MANY_TERMS_MESSAGE = "Uw zoekvraag is te lang: gebruik ten hoogste {limit} woorden."
API_PREFIX = "/api/"
ADMIN_PREFIX = "/admin/"
API_SEARCH_PARAMETERS = ("search", "q")
RETRY_AFTER_SECONDS = 120


def _stylesheet() -> str | None:
    """The site's stylesheet URL, or None when the static manifest is missing (these pages
    must render whatever state the deployment is in)."""
    try:
        return static("kennisbank/css/kennisbank.css")
    except ValueError:
        return None


def _bad_request(request, message: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"message": message}, status=400)
    body = loader.render_to_string("400.html", {"message": message, "stylesheet": _stylesheet()})
    return HttpResponse(body, status=400)


def query_string_problem(request) -> str | None:
    """The Dutch message for a query string this site refuses, or None when it is fine."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return None
    pairs = parse_qsl(raw, keep_blank_values=True, errors="replace")
    if CONTROL_CHARACTERS.search(raw) or any(
        CONTROL_CHARACTERS.search(key) or CONTROL_CHARACTERS.search(value) for key, value in pairs
    ):
        return CONTROL_MESSAGE
    if request.path.startswith(API_PREFIX):
        limit = settings.API_SEARCH_MAX_TERMS
        for key, value in pairs:
            if key in API_SEARCH_PARAMETERS and len(value.split()) > limit:
                return TOO_MANY_TERMS_MESSAGE.format(limit=limit)
    return None


class QueryStringGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = query_string_problem(request)
        if message:
            return _bad_request(request, message)
        return self.get_response(request)


class AdminContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return response


def maintenance_response() -> HttpResponse:
    """The 503 page: rendered without the database, the request or any context processor."""
    body = loader.render_to_string("503.html", {"stylesheet": _stylesheet()})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 at once when no database connection can be made (before any view runs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            connection.ensure_connection()
        except (OperationalError, InterfaceError):
            return maintenance_response()
        return self.get_response(request)


def database_unavailable_or_server_error(request, *args, **kwargs):
    """The 500 handler: the maintenance page when the database went away mid-request."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError) or (
        isinstance(error, DatabaseError) and not connection.is_usable()
    ):
        return maintenance_response()
    return server_error(request, *args, **kwargs)
