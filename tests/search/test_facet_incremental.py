"""The facet bitsets of a process follow writes to the index by applying the `IndexChange`
rows they have not seen (`search.facetindex`), not by building everything again; and they
stay exactly what a full build would give, restricted content included.

`facetindex.stats` counts full builds and applied deltas in this process: the real code
path runs against the real database, nothing is replaced."""

import pytest
from django.db import transaction

from kennisbank.roles import PROFESSIONALS
from kennisbank.visibility import ANONYMOUS, PUBLIC_KEY, viewer_of
from search import facetindex, related
from search.models import IndexChange, SearchEntry
from tests.search.conftest import api, facet, titles

pytestmark = pytest.mark.django_db


def entry_id(page) -> int:
    return SearchEntry.objects.get(page_id=page.pk).pk


def builds() -> int:
    return facetindex.stats["build"]


def as_full_build(snapshot: facetindex.FacetIndex) -> None:
    """The snapshot holds exactly what a build from scratch of the same index holds."""
    fresh = facetindex._build(snapshot.key, facetindex._read_log())
    assert snapshot.audiences == fresh.audiences
    assert snapshot.values == fresh.values
    assert snapshot.dates == fresh.dates
    assert {k: snapshot.labels[k] for k in fresh.labels} == fresh.labels


def no_professional_bits_for_anonymous(snapshot, *pages) -> None:
    visible = snapshot.visible(ANONYMOUS)
    for page in pages:
        entry = SearchEntry.objects.filter(page_id=page.pk).first()
        if entry is not None:
            assert not visible >> entry.pk & 1, f"{page.title} visible to anonymous"


def republish(lesson, django_capture_on_commit_callbacks, **changes):
    for name, value in changes.items():
        setattr(lesson, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    lesson.refresh_from_db()


@pytest.fixture
def warm(database_engine, make_lesson):
    """An index with two lessons, its bitsets built once in this process."""
    make_lesson("Loket in Loppersum", "loket", tags=["loket"])
    make_lesson("Loket voor boeren", "loket", tags=["loket", "agrarisch"])
    facetindex.current()
    return builds()


def test_a_publish_is_followed_without_a_full_build(client, warm, make_lesson):
    make_lesson("Nieuw loket in Garrelsweer", "loket", tags=["loket", "nieuw"])
    data = api(client, q="loket")
    assert data["total"] == 3
    assert facet(data, "tag") == {"loket": 3, "agrarisch": 1, "nieuw": 1}
    assert builds() == warm
    as_full_build(facetindex.current())


def test_a_delta_costs_one_update_and_no_build(warm, make_lesson):
    before = facetindex.stats["update"]
    make_lesson("Loket in het dorpshuis", "loket")
    facetindex.current()
    assert facetindex.stats["update"] > before and builds() == warm


def test_removing_a_lesson_clears_its_bits(client, warm, make_lesson):
    lesson = make_lesson("Loket dat sluit", "loket", tags=["loket", "weg"])
    assert facet(api(client, q="loket"), "tag")["weg"] == 1
    gone = entry_id(lesson)
    with transaction.atomic():
        lesson.unpublish()
    data = api(client, q="loket")
    assert data["total"] == 2 and "weg" not in facet(data, "tag")
    snapshot = facetindex.current()
    assert gone not in snapshot.dates
    assert not any(bits >> gone & 1 for bits in snapshot.audiences.values())
    assert builds() == warm
    as_full_build(snapshot)


def test_a_lesson_made_professionals_only_leaves_the_anonymous_counts(
    client, warm, make_lesson, member_of, django_capture_on_commit_callbacks
):
    lesson = make_lesson("Loket met dossiers", "loket", tags=["loket", "dossier"])
    assert facet(api(client, q="loket"), "tag")["dossier"] == 1
    republish(lesson, django_capture_on_commit_callbacks, zichtbaarheid="professionals")
    data = api(client, q="loket")
    assert "Loket met dossiers" not in titles(data)
    assert facet(data, "tag") == {"loket": 2, "agrarisch": 1}
    no_professional_bits_for_anonymous(facetindex.current(), lesson)
    client.force_login(member_of("pro", PROFESSIONALS))
    data = api(client, q="loket")
    assert "Loket met dossiers" in titles(data) and facet(data, "tag")["dossier"] == 1
    assert builds() == warm
    as_full_build(facetindex.current())


def test_a_professionals_only_lesson_is_never_in_the_anonymous_set(
    warm, make_lesson, django_capture_on_commit_callbacks
):
    """After every write: publish restricted, edit, make public, restrict again, remove."""
    lesson = make_lesson("Werkwijze voor professionals", "loket", zichtbaarheid="professionals")
    no_professional_bits_for_anonymous(facetindex.current(), lesson)
    republish(lesson, django_capture_on_commit_callbacks, body="loket en meer")
    no_professional_bits_for_anonymous(facetindex.current(), lesson)
    republish(lesson, django_capture_on_commit_callbacks, zichtbaarheid="openbaar")
    assert facetindex.current().visible(ANONYMOUS) >> entry_id(lesson) & 1
    republish(lesson, django_capture_on_commit_callbacks, zichtbaarheid="professionals")
    no_professional_bits_for_anonymous(facetindex.current(), lesson)
    snapshot = facetindex.current()
    assert snapshot.visible(viewer_of(None)) == snapshot.audiences[PUBLIC_KEY]
    assert builds() == warm
    as_full_build(snapshot)


def test_a_change_that_commits_late_with_a_lower_id_is_still_applied(
    warm, make_lesson, database_engine
):
    """Two writers: B (higher id) commits first and is applied; A (lower id) commits after.
    Simulated by writing the log rows with those ids, as the log then looks to a reader."""
    early = make_lesson("Loket eerst", "loket")
    late = make_lesson("Loket later", "loket")
    first, second = entry_id(early), entry_id(late)
    facetindex.current()  # both lessons applied, as public
    top = IndexChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    database_engine.set_audiences({late.pk: "niemand", early.pk: "niemand"})
    IndexChange.objects.filter(pk__gt=top).delete()  # the two writes, logged by hand below
    IndexChange.objects.create(pk=top + 2, full=False, entries=str(second))
    assert not facetindex.current().visible(ANONYMOUS) >> second & 1
    assert facetindex.current().visible(ANONYMOUS) >> first & 1  # A not applied yet
    IndexChange.objects.create(pk=top + 1, full=False, entries=str(first))
    assert not facetindex.current().visible(ANONYMOUS) >> first & 1
    assert builds() == warm


def test_a_cleared_index_is_built_again(warm, database_engine):
    database_engine.clear()
    assert facetindex.current().dates == {}
    assert builds() == warm + 1


def test_a_rolled_back_change_is_built_again(warm, make_lesson):
    facetindex.current()
    IndexChange.objects.order_by("-pk").first().delete()  # as after a rollback
    facetindex.current()
    assert builds() == warm + 1


def test_a_log_pruned_past_the_snapshot_is_built_again(warm, make_lesson, monkeypatch):
    horizon = facetindex.current().horizon
    # The index task's "meer zoals dit" would read the index (and move this reader on).
    monkeypatch.setattr(related, "_ask_engine", lambda page_id: [])
    make_lesson("Loket na het snoeien", "loket")
    IndexChange.objects.filter(pk__lte=horizon + 1).delete()  # pruned before this reader
    snapshot = facetindex.current()
    assert builds() == warm + 1
    as_full_build(snapshot)
