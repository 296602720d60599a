"""Fixtures for the knelpunten tests: a reporter, signals in hand and a clean rate limit."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from kennisbank.models import Gebied, Gemeente
from kennisbank.roles import PROFESSIONALS
from knelpunten.models import Knelpunt
from tests import factories


@pytest.fixture(autouse=True)
def clean_cache():
    # The rate limit counts in the cache, which outlives a test in the same process.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reporter(db):
    """A professional with a recognisable name, to prove it stays hidden."""
    user = factories.UserFactory(username="mmelder", first_name="Mirjam", last_name="Meldersma")
    user.groups.add(Group.objects.get_or_create(name=PROFESSIONALS)[0])
    return user


@pytest.fixture
def groningen(db):
    return Gemeente.objects.get(slug="groningen")


@pytest.fixture
def ten_boer_west(db):
    return Gebied.objects.get(slug="ten-boer-west")


@pytest.fixture
def make_knelpunt(reporter, groningen):
    def make(titel="Loket verwijst door naar ander loket", **fields):
        fields.setdefault("wat_zit_vast", "Bewoners worden van loket naar loket gestuurd.")
        fields.setdefault("gemeente", groningen)
        fields.setdefault("melder", reporter)
        return Knelpunt.objects.create(titel=titel, **fields)

    return make


@pytest.fixture
def valid_data(ten_boer_west, groningen):
    """A complete, clean report as the form posts it."""
    return {
        "titel": "Subsidie en schadeherstel niet in één keer aan te vragen",
        "wat_zit_vast": "Bewoners moeten twee keer dezelfde gegevens aanleveren.",
        "gebied": str(ten_boer_west.pk),
        "gemeente": str(groningen.pk),
        "regeling": "Subsidie verduurzaming",
        "wat_zou_helpen": "Eén aanvraag voor beide.",
        "website": "",
    }
