"""Fixtures for kennisdagen tests: the index from the data migration and a kennisdag factory."""

import datetime

import pytest

from kennisdagen.models import KennisdagIndexPage, KennisdagPage


@pytest.fixture
def kennisdag_index(db):
    return KennisdagIndexPage.objects.get(slug="kennisdagen")


@pytest.fixture
def make_kennisdag(kennisdag_index):
    counter = {"n": 0}

    def make(
        title="Kennisdag Oosternieland",
        *,
        datum=datetime.date(2026, 3, 12),
        start=datetime.time(9, 30),
        end=datetime.time(16, 0),
        publish=True,
        owner=None,
        **fields,
    ):
        counter["n"] += 1
        page = KennisdagPage(
            title=title,
            slug=f"kennisdag-{counter['n']}",
            datum=datum,
            start_tijd=start,
            eind_tijd=end,
            locatie_naam=fields.pop("locatie_naam", "Dorpshuis Oosternieland"),
            locatie_adres=fields.pop("locatie_adres", "Hoofdweg 1, Oosternieland"),
            owner=owner,
            live=False,
            **fields,
        )
        kennisdag_index.add_child(instance=page)
        revision = page.save_revision(user=owner)
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return make
