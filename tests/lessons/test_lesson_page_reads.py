"""What a lesson page reads, and in how many queries: its taxonomy and tags in one read
(`lessons.selectors.lesson_terms`), the lesson itself routed in one query with its gebied
and gemeente (`kennisbank.models.BasePage.route`), a preview that shows the draft, and its
"meer zoals dit" cards: only what the policy lets the reader see, in a bounded number of
queries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from kennisbank.models import Actielijn, Doel, Doelgroep, Thema
from kennisbank.roles import memberships
from lessons.selectors import Term, lesson_terms, related_lessons
from search import related as store
from search.models import RelatedSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(make_lesson):
    lesson = make_lesson(
        "Les met termen",
        gebied="oosternieland",
        gemeente="eemsdelta",
        organisaties=["NCG", "IMG"],
        themas=["veilig", "leefbaar"],
        tags=["zeta", "alfa", "midden"],
    )
    lesson.actielijnen.set(Actielijn.objects.order_by("-nummer")[:2])
    lesson.doelen.set(Doel.objects.all()[:2])
    lesson.doelgroepen.set(Doelgroep.objects.all()[:1])
    lesson.save()
    return lesson


def _relations(lesson) -> dict[str, list[Term]]:
    """What the page asked each relation for before: the reference."""
    fields = ["organisaties", "actielijnen", "doelen", "themas", "doelgroepen", "tags"]
    return {
        field: [Term(t.name, t.slug, getattr(t, "nummer", 0)) for t in getattr(lesson, field).all()]
        for field in fields
    }


def test_lesson_terms_reads_every_relation_in_one_query(lesson):
    with CaptureQueriesContext(connection) as queries:
        terms = lesson_terms(lesson)
    assert len(queries) == 1
    assert terms == _relations(lesson)


def test_lesson_terms_keep_each_relations_order(lesson):
    terms = lesson_terms(lesson)
    numbers = [t.nummer for t in terms["actielijnen"]]
    assert numbers == sorted(numbers) and len(numbers) == 2
    assert [t.name for t in terms["themas"]] == sorted(t.name for t in terms["themas"])
    assert [t.name for t in terms["tags"]] == ["zeta", "alfa", "midden"]  # as added


def test_a_lesson_without_terms_has_empty_lists(make_lesson):
    terms = lesson_terms(make_lesson("Les zonder termen"))
    assert set(terms) == {"organisaties", "actielijnen", "doelen", "themas", "doelgroepen", "tags"}
    assert not any(terms.values())


def test_the_lesson_page_shows_its_terms(client, lesson):
    html = client.get(lesson.url).content.decode()
    for terms in _relations(lesson).values():
        for term in terms:
            assert term.name in html
    assert f"tag/{lesson.tags.get(name='alfa').slug}/" in html


def test_a_preview_shows_the_drafts_terms_not_the_published_ones(lesson):
    extra = Thema.objects.exclude(slug__in=["veilig", "leefbaar"]).first()
    draft = Page.objects.get(pk=lesson.pk).specific
    draft.themas.set([extra])
    draft.save_revision()
    preview = draft.get_latest_revision_as_object()
    html = preview.make_preview_request().content.decode()
    assert extra.name in html
    published = lesson_terms(lesson)["themas"]
    assert extra.name not in [t.name for t in published]


def test_a_lesson_is_routed_in_one_query_with_its_gebied_and_gemeente(lesson, lesson_index):
    request = RequestFactory().get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        routed = lesson_index.route(request, [lesson.slug]).page
        assert routed.gebied.name and routed.gemeente.name
    assert len(queries) == 1
    assert type(routed).__name__ == "LessonPage" and routed.pk == lesson.pk


def test_a_draft_or_unknown_child_is_not_found(make_lesson, lesson_index):
    draft = make_lesson("Concept", publish=False)
    draft.live = False
    draft.save()
    request = RequestFactory().get("/")
    for slug in (draft.slug, "bestaat-niet"):
        with pytest.raises(Http404):
            lesson_index.route(request, [slug])


def test_a_child_of_another_type_under_an_index_is_still_routed(lesson_index):
    stray = lesson_index.add_child(instance=Page(title="Oude pagina", slug="oude-pagina"))
    routed = lesson_index.route(RequestFactory().get("/"), ["oude-pagina"]).page
    assert routed.pk == stray.pk


# --- "meer zoals dit" -----------------------------------------------------------------------


@pytest.fixture
def stored(make_lesson):
    """A lesson whose current stored set names a professionals-only lesson, a lesson behind
    a login restriction and a public one, in that order."""
    source = make_lesson("Bron van de set", "Dijkwerkers en kwelsloten.")
    secret = make_lesson("Alleen professionals", "Geheim.", zichtbaarheid="professionals")
    behind_login = make_lesson("Achter inlog", "Besloten.")
    PageViewRestriction.objects.create(
        page=behind_login, restriction_type=PageViewRestriction.LOGIN
    )
    public = make_lesson("Openbaar", "Kwelsloten.")
    store.refresh(source.pk)
    RelatedSet.objects.filter(page_id=source.pk).update(
        related_ids=f"{secret.pk},{behind_login.pk},{public.pk}"
    )
    return source, secret, behind_login, public


def test_related_cards_show_only_what_the_policy_lets_an_anonymous_visitor_see(stored):
    source, _secret, _behind_login, public = stored
    assert [page.pk for page in related_lessons(source, AnonymousUser())] == [public.pk]


def test_related_cards_keep_the_stored_order_for_a_professional(stored, professional):
    source, secret, behind_login, public = stored
    shown = [page.pk for page in related_lessons(source, professional)]
    assert shown == [secret.pk, behind_login.pk, public.pk]


def test_related_cards_cost_five_queries_with_gebied_and_gemeente(stored, professional):
    source, *_ = stored
    memberships(professional)  # read once per request by the policy's viewer
    with CaptureQueriesContext(connection) as queries:
        cards = related_lessons(source, professional)
        _ = [(card.gebied, card.gemeente) for card in cards]
    # the stored set with its currency; which stored ids are lessons this user may see; the
    # cards of the first four through the policy once more (each policy read first reads
    # the restricted depths); no query per card
    assert len(queries) == 5
    assert len(cards) == 3


def test_a_stored_set_of_only_hidden_lessons_falls_back_to_shared_taxonomy(make_lesson):
    source = make_lesson("Bron", "Tekst.", themas=["veilig"])
    secret = make_lesson("Verborgen", "Tekst.", zichtbaarheid="professionals")
    neighbour = make_lesson("Buur", "Tekst.", themas=["veilig"])
    store.refresh(source.pk)
    RelatedSet.objects.filter(page_id=source.pk).update(related_ids=str(secret.pk))
    assert [page.pk for page in related_lessons(source, AnonymousUser())] == [neighbour.pk]
