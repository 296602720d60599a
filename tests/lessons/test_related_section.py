"""The "Meer zoals dit" section of a lesson page is rendered once per audience, content
generation and stored set (`lessons.views.related_section`, `kennisbank.content_cache`): a
second view costs no card queries, yet a card whose lesson was restricted or unpublished
since is gone at once, readers who may see different things never share the section, and a
recomputed set shows without any content change.

Content is written inside `django_capture_on_commit_callbacks(execute=True)` (`commit`):
until a change commits, the caches stay out of the way of the transaction that made it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.models import LessonPage
from search import related as store
from search.models import RelatedSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(make_lesson, commit):
    """A lesson whose stored set names a professionals-only lesson and two public ones."""
    with commit():
        source = make_lesson("Bron van de set", "Dijkwerkers en kwelsloten.")
        secret = make_lesson("Geheime aanpak", "Tekst.", zichtbaarheid="professionals")
        first = make_lesson("Eerste buur", "Tekst.")
        second = make_lesson("Tweede buur", "Tekst.")
    store.refresh(source.pk)
    RelatedSet.objects.filter(page_id=source.pk).update(
        related_ids=f"{secret.pk},{first.pk},{second.pk}"
    )
    return source, secret, first, second


def section(client, lesson) -> str:
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.find('id="related-heading"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


def policy_reads(queries) -> list[str]:
    """The statements that read pages through the policy for few ids (cards, related)."""
    return [q["sql"] for q in queries if 'v."page_id"' in q["sql"]]


def test_a_second_view_of_the_section_reads_no_cards(client, lessons):
    source, *_ = lessons
    with CaptureQueriesContext(connection) as first:
        client.get(source.url)
    with CaptureQueriesContext(connection) as second:
        client.get(source.url)
    assert len(policy_reads(first)) == 2  # which stored ids may be seen, then their cards
    assert policy_reads(second) == []
    assert len(second) < len(first)


def test_the_section_shows_the_stored_cards_the_reader_may_see(client, lessons):
    source, secret, first, second = lessons
    html = section(client, source)
    assert first.title in html and second.title in html
    assert secret.title not in html


def test_a_professional_and_an_anonymous_reader_never_share_the_section(
    client, lessons, professional
):
    source, secret, *_ = lessons
    assert secret.title not in section(client, source)
    client.force_login(professional)
    assert secret.title in section(client, source)
    client.logout()
    assert secret.title not in section(client, source)


def test_a_card_restricted_after_the_section_was_cached_is_gone_at_once(client, lessons, commit):
    source, _secret, first, _second = lessons
    assert first.title in section(client, source)
    page = LessonPage.objects.get(pk=first.pk)
    page.zichtbaarheid = "professionals"
    with commit():
        page.save_revision().publish()
    assert first.title not in section(client, source)


def test_a_card_unpublished_after_the_section_was_cached_is_gone_at_once(client, lessons, commit):
    source, _secret, _first, second = lessons
    assert second.title in section(client, source)
    with commit():
        LessonPage.objects.get(pk=second.pk).unpublish()
    assert second.title not in section(client, source)


def test_a_recomputed_set_shows_without_a_content_change(client, lessons, make_lesson, commit):
    source, _secret, first, _second = lessons
    with commit():
        newcomer = make_lesson("Nieuwe buur", "Tekst.")
    assert newcomer.title not in section(client, source)
    RelatedSet.objects.filter(page_id=source.pk).update(related_ids=f"{newcomer.pk},{first.pk}")
    assert newcomer.title in section(client, source)
