"""`kennisbank.visibility.among` / `visible_among`: the policy for a handful of page ids
(search hits, "meer zoals dit", cards) is compiled once per viewer and set of restricted
depths and kept, so these tests prove that nothing the policy reads at run time is kept
with it: a restriction, a group membership, a new restricted depth, a page unpublished
after the SQL was built all count at once, and the compiled SQL is shared only by viewers
who see the same."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import Page, PageViewRestriction

from kennisbank.visibility import (
    ANONYMOUS,
    Viewer,
    _among_sql,
    _restricted_depths,
    visible_among,
)
from lessons.models import LessonPage
from lessons.selectors import _listed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    _among_sql.cache_clear()


@pytest.fixture
def pages(make_lesson):
    return [make_lesson(f"Les {n}", "Tekst.") for n in range(3)]


def ids(pages):
    return [page.pk for page in pages]


def test_a_restriction_added_after_the_sql_was_built_hides_the_page_at_once(pages):
    assert visible_among(ids(pages), AnonymousUser()) == set(ids(pages))
    PageViewRestriction.objects.create(page=pages[0], restriction_type=PageViewRestriction.LOGIN)
    assert visible_among(ids(pages), AnonymousUser()) == set(ids(pages[1:]))
    assert _among_sql.cache_info().currsize >= 1


def test_a_restriction_at_a_new_depth_hides_the_pages_below_it(pages):
    visible_among(ids(pages), AnonymousUser())
    index = pages[0].get_parent()
    assert index.depth not in _restricted_depths()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert visible_among(ids(pages), AnonymousUser()) == set()


def test_a_page_unpublished_after_the_sql_was_built_is_not_shown(pages):
    visible_among(ids(pages), AnonymousUser())
    pages[1].unpublish()
    assert visible_among(ids(pages), AnonymousUser()) == {pages[0].pk, pages[2].pk}


def test_a_group_restriction_lets_in_a_member_added_later_and_no_one_else(pages):
    group = Group.objects.create(name="Werkgroep")
    restriction = PageViewRestriction.objects.create(
        page=pages[0], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    user = UserFactory()
    assert pages[0].pk not in visible_among(ids(pages), user)
    user.groups.add(group)
    member = type(user).objects.get(pk=user.pk)  # a new request: its groups read anew
    assert pages[0].pk in visible_among(ids(pages), member)
    assert pages[0].pk not in visible_among(ids(pages), UserFactory())


def test_professionals_only_content_stays_hidden_from_a_viewer_of_group_ids_alone(
    make_lesson, professional
):
    secret = make_lesson("Geheim", "Tekst.", zichtbaarheid="professionals")
    outsider = Viewer(authenticated=True, group_ids=frozenset({999_999}))
    assert visible_among([secret.pk], outsider) == set()
    assert visible_among([secret.pk], professional) == {secret.pk}
    assert visible_among([secret.pk], ANONYMOUS) == set()


def test_pages_of_any_type_are_judged_and_ids_that_are_no_page_are_ignored(pages):
    home = Page.objects.get(depth=2)
    assert visible_among([home.pk, pages[0].pk, 0, 987_654], AnonymousUser()) == {
        home.pk,
        pages[0].pk,
    }


def test_cards_read_with_the_policy_never_include_a_hidden_lesson(pages, make_lesson):
    secret = make_lesson("Geheim", "Tekst.", zichtbaarheid="professionals")
    shown = _listed(AnonymousUser(), [secret.pk, *ids(pages)])
    assert [lesson.pk for lesson in shown] == ids(pages)
    assert all(isinstance(lesson, LessonPage) for lesson in shown)
