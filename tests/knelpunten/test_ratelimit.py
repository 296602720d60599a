"""Abuse limit on the report form: ten submissions per user per minute."""

from django.urls import reverse

from knelpunten import ratelimit
from knelpunten.models import Knelpunt

URL = reverse("knelpunten:report")


def test_eleventh_submission_within_a_minute_is_refused_politely_in_dutch(
    client, professional, valid_data
):
    client.force_login(professional)
    for n in range(10):
        response = client.post(URL, {**valid_data, "titel": f"Knelpunt {n}"})
        assert response.status_code == 302
    response = client.post(URL, {**valid_data, "titel": "Het elfde knelpunt"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Even geduld, alstublieft" in html
    assert "meer dan 10 binnen een minuut" in html
    assert int(response["Retry-After"]) > 0
    assert Knelpunt.objects.count() == 10
    assert not Knelpunt.objects.filter(titel="Het elfde knelpunt").exists()


def test_invalid_and_honeypot_posts_count_towards_the_limit(client, professional, valid_data):
    client.force_login(professional)
    for _ in range(5):
        client.post(URL, {**valid_data, "titel": ""})
    for _ in range(5):
        client.post(URL, {**valid_data, "website": "spam"})
    assert client.post(URL, valid_data).status_code == 429
    assert not Knelpunt.objects.exists()


def test_the_limit_is_per_user(client, professional, reporter, valid_data):
    client.force_login(professional)
    for _ in range(10):
        client.post(URL, valid_data)
    assert client.post(URL, valid_data).status_code == 429
    client.force_login(reporter)
    assert client.post(URL, valid_data).status_code == 302


def test_viewing_the_form_does_not_count(client, professional, valid_data):
    client.force_login(professional)
    for _ in range(15):
        client.get(URL)
    assert client.post(URL, valid_data).status_code == 302


def test_the_window_slides_so_attempts_older_than_a_minute_no_longer_count(db):
    for second in range(10):
        assert ratelimit.allow("test", 1, now=1000.0 + second)
    assert not ratelimit.allow("test", 1, now=1059.0)
    assert ratelimit.allow("test", 1, now=1060.5)  # the attempt at 1000 has left the window
    assert not ratelimit.allow("test", 1, now=1060.9)


def test_refused_attempts_are_not_counted(db):
    for _ in range(10):
        ratelimit.allow("test", 2, now=1000.0)
    for _ in range(5):
        assert not ratelimit.allow("test", 2, now=1030.0)
    assert ratelimit.allow("test", 2, now=1061.0)
