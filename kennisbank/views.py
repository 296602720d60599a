"""Front-end login and logout in the site's own look (Django's auth views, our templates), and
the plain-text files every public site offers: `/robots.txt` and `/.well-known/security.txt`."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kennisbank.sites import absolute_url


class LoginView(auth_views.LoginView):
    template_name = "kennisbank/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "kennisbank/logged_out.html"


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /inloggen/",
        "Disallow: /volgen/",
        "Disallow: /api/",
        "Disallow: /zoeken/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def security_txt(request):
    """RFC 9116: where to report a vulnerability; expires a year ahead of each request."""
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {absolute_url('/.well-known/security.txt')}",
        "Policy: https://www.ncsc.nl/contact/kwetsbaarheid-melden",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
