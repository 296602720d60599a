"""Defences: login throttling on both logins, CSP on HTML pages, robots.txt and security.txt,
no Django admin, no Gravatar, control characters and over-long API searches refused."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "juist-wachtwoord-42"
LOGINS = {
    "site": ("/inloggen/", "username", "password"),
    "admin": ("/admin/login/", "username", "password"),
}


@pytest.fixture
def member(db):
    user = factories.UserFactory(username="marieke", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def _post(client, which, username, password):
    url, user_field, password_field = LOGINS[which]
    return client.post(url, {user_field: username, password_field: password})


def _logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("which", sorted(LOGINS))
def test_login_is_refused_after_too_many_wrong_passwords_even_with_the_right_one(
    client, member, which
):
    statuses = [
        _post(client, which, "marieke", "fout").status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)  # the form, with its error
    response = _post(client, which, "marieke", PASSWORD)
    assert response.status_code == 429
    assert "Te veel inlogpogingen" in response.content.decode()
    assert not _logged_in(client)


@pytest.mark.parametrize("which", sorted(LOGINS))
def test_unknown_user_names_are_throttled_too(client, which):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _post(client, which, f"bestaat-niet-{n}", "fout")
    assert _post(client, which, "nog-een-onbekende", "fout").status_code == 429


def test_correct_login_after_the_cool_off_works(client, member):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "site", "marieke", "fout")
    assert _post(client, "site", "marieke", PASSWORD).status_code == 429
    # The cool-off passes: the failures are older than AXES_COOLOFF_TIME.
    past = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)
    response = _post(client, "site", "marieke", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_html_pages_carry_a_strict_content_security_policy(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


@pytest.mark.parametrize("url", ["/", "/zoeken/", "/inloggen/", "/admin/login/", "/lessen/"])
def test_every_html_page_has_the_policy(client, home_page, lesson_index, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Content-Security-Policy" in response


def test_robots_txt_names_the_sitemap_on_the_public_base_url(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_security_txt_has_contact_and_a_future_expiry(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    fields = dict(
        line.split(": ", 1) for line in response.content.decode().splitlines() if ": " in line
    )
    assert fields["Contact"].startswith("mailto:")
    expires = datetime.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    assert expires > timezone.now() + datetime.timedelta(days=30)


def test_django_admin_is_not_exposed(client):
    assert client.get("/django-admin/").status_code == 404
    assert "django.contrib.admin" not in settings.INSTALLED_APPS


def test_admin_avatars_never_call_gravatar(client, member):
    client.force_login(member)
    body = client.get("/admin/").content.decode()
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "gravatar" not in body.lower()


@pytest.mark.parametrize(
    "url",
    [
        "/zoeken/?q=%00",
        "/zoeken/?q=stut%00ten",
        "/zoeken/?q=a%01b",
        "/zoeken/?q=%1b%5b31m",
        "/api/zoeken/?q=stut%00ten",
        "/api/zoeken/suggest/?q=%00",
        "/api/v2/pages/?search=%00",
        "/api/v2/pages/?search=beving%7f",
        "/lessen/?tag=%00",
    ],
)
def test_control_characters_in_the_query_string_get_a_dutch_400(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ongeldige tekens" in response.content.decode()


def test_api_error_is_json(client):
    response = client.get("/api/v2/pages/?search=%00")
    assert response.status_code == 400
    assert "ongeldige tekens" in response.json()["message"]


def test_line_breaks_and_tabs_are_not_control_characters_we_refuse(client, home_page):
    assert client.get("/zoeken/?q=stutten%09beving").status_code == 200


def test_api_search_with_hundreds_of_words_gets_a_dutch_400(client, make_lesson):
    make_lesson("Consulent aan de keukentafel")
    words = " ".join(["beving"] * 500)
    response = client.get("/api/v2/pages/", {"search": words})
    assert response.status_code == 400
    assert "te lang" in response.json()["message"]


def test_api_search_within_the_cap_still_works(client, make_lesson):
    make_lesson("Consulent aan de keukentafel")
    words = " ".join(["consulent"] * settings.API_SEARCH_MAX_TERMS)
    assert client.get("/api/v2/pages/", {"search": words}).status_code == 200


def test_only_the_wagtail_admin_allows_inline_scripts(client, home_page):
    assert "'unsafe-inline'" in client.get("/admin/login/")["Content-Security-Policy"]
    for url in ("/", "/zoeken/", "/inloggen/"):
        assert "'unsafe-inline'" not in client.get(url)["Content-Security-Policy"]
