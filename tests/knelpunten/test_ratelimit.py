"""Abuse limit on the report form: ten accepted reports per user per minute, atomic."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knelpunten import ratelimit, services
from knelpunten.models import Knelpunt
from knelpunten.ratelimit import LIMIT

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


def test_invalid_and_honeypot_posts_do_not_count_towards_the_limit(
    client, professional, valid_data
):
    client.force_login(professional)
    for _ in range(15):
        client.post(URL, {**valid_data, "titel": ""})
    for _ in range(15):
        client.post(URL, {**valid_data, "website": "spam"})
    assert not Knelpunt.objects.exists()
    assert client.post(URL, valid_data).status_code == 302
    assert Knelpunt.objects.count() == 1


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


def test_the_window_slides_so_reports_older_than_a_minute_no_longer_count(professional, valid_data):
    now = timezone.now()
    for second in range(10):
        services.report_knelpunt(
            melder=professional,
            titel=f"Knelpunt {second}",
            wat_zit_vast="Vast.",
            aangemeld_op=now - datetime.timedelta(seconds=60 - second),
        )
    with transaction.atomic():
        # The report at now-60 s has just left the window; nine remain.
        assert ratelimit.reserve(professional, now=now)
        assert not ratelimit.reserve(professional, now=now - datetime.timedelta(seconds=1))


def test_reserve_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError):
        ratelimit.reserve(get_user_model()(pk=1))


@pytest.mark.skipif(
    settings.DATABASE_VENDOR != "postgresql",
    reason="concurrent connections need PostgreSQL (SQLite's test database is one locked file)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_posting_at_once_never_pass_the_limit_together(professional, valid_data):
    """Ten accepted reports, then twelve posts from separate connections at the same moment:
    none of them gets in (the count and the save are one locked transaction)."""
    for n in range(LIMIT - 1):
        services.report_knelpunt(melder=professional, titel=f"K {n}", wat_zit_vast="Vast.")

    def post(_):
        client = Client()
        client.force_login(professional)
        try:
            return client.post(URL, valid_data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(post, range(8)))
    assert Knelpunt.objects.filter(melder=professional).count() == LIMIT
    assert sorted(statuses) == [302] + [429] * 7
