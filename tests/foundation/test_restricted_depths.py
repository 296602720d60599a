"""The depths that carry view restrictions are kept by database triggers, so that the one
visibility policy finds every restriction in one statement: a restriction at a depth never
used before, a restricted page moved deeper with its parent (treebeard rewrites the
descendants with raw SQL), a restriction written without Django."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from kennisbank import checks, restricted_depths
from kennisbank.models import RestrictedDepth
from kennisbank.visibility import ANONYMOUS, visible, visible_among
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def chain(parent, *slugs):
    pages = []
    for slug in slugs:
        parent = parent.add_child(instance=Page(title=slug.capitalize(), slug=slug))
        pages.append(parent)
    return pages


def visible_ids(pages, user):
    qs = Page.objects.filter(pk__in=[p.pk for p in pages])
    return set(visible(qs, user).values_list("pk", flat=True))


def depths():
    return set(RestrictedDepth.objects.values_list("depth", flat=True))


@pytest.fixture
def root():
    return Page.get_first_root_node()


def test_a_restriction_at_a_depth_never_used_before_hides_the_page_and_its_subtree(root):
    a, b, c, d, e, f = chain(root, "a", "b", "c", "d", "e", "f")
    assert f.depth not in depths()
    PageViewRestriction.objects.create(page=f, restriction_type=PageViewRestriction.LOGIN)
    g = f.add_child(instance=Page(title="G", slug="g"))

    assert f.depth in depths()
    assert visible_ids([e, f, g], AnonymousUser()) == {e.pk}
    assert visible_ids([e, f, g], UserFactory()) == {e.pk, f.pk, g.pk}


def test_a_restricted_page_moved_deeper_with_its_parent_stays_hidden(root):
    a, b = chain(root, "a", "b")
    PageViewRestriction.objects.create(page=b, restriction_type=PageViewRestriction.LOGIN)
    child = b.add_child(instance=Page(title="Kind", slug="kind"))
    *_, deep = chain(root, "x1", "x2", "x3", "x4", "x5", "x6")

    a.move(deep, pos="last-child")
    b.refresh_from_db()

    assert b.depth == deep.depth + 2
    assert b.depth in depths()
    assert visible_ids([b, child], AnonymousUser()) == set()


def test_a_restriction_written_without_django_records_its_depth(root):
    *_, page = chain(root, "r1", "r2", "r3", "r4", "r5", "r6", "r7")
    assert page.depth not in depths()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PageViewRestriction._meta.db_table} "  # noqa: S608
            "(page_id, restriction_type, password) VALUES (%s, %s, '')",
            [page.pk, PageViewRestriction.LOGIN],
        )

    assert page.depth in depths()
    assert visible_ids([page], AnonymousUser()) == set()


def test_a_restriction_moved_to_a_page_at_a_new_depth_records_that_depth(root):
    first = chain(root, "w1")[0]
    *_, deep = chain(root, "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9")
    restriction = PageViewRestriction.objects.create(
        page=first, restriction_type=PageViewRestriction.LOGIN
    )
    assert deep.depth not in depths()

    PageViewRestriction.objects.filter(pk=restriction.pk).update(page=deep)

    assert deep.depth in depths()
    assert visible_ids([first, deep], AnonymousUser()) == {first.pk}


def test_a_depth_left_without_restrictions_changes_no_answer(root):
    *_, page = chain(root, "s1", "s2", "s3", "s4", "s5")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    restriction.delete()

    assert page.depth in depths()
    assert visible_ids([page], AnonymousUser()) == {page.pk}


def test_a_restriction_at_a_new_depth_committed_after_the_depths_were_read_hides_the_page(root):
    *_, public, page = chain(root, "t1", "t2", "t3")
    qs = visible(Page.objects.filter(pk__in=[public.pk, page.pk]), ANONYMOUS)  # depths read
    assert page.depth not in depths()

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    # The query fails closed: a depth it was not given means it shows nothing.
    assert list(qs) == []


def test_an_unrestricted_tree_still_shows_every_live_page(root):
    pages = chain(root, "u1", "u2")
    RestrictedDepth.objects.all().delete()

    assert visible_ids(pages, ANONYMOUS) == {p.pk for p in pages}


def test_missing_triggers_are_an_error_and_every_migrate_puts_them_back():
    restricted_depths.uninstall()
    errors = checks.restricted_depth_triggers(databases=["default"])
    assert [e.id for e in errors] == ["kennisbank.E001"]
    assert set(restricted_depths.missing_triggers()) == set(restricted_depths.TRIGGERS)

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert restricted_depths.missing_triggers() == []
    assert checks.restricted_depth_triggers(databases=["default"]) == []


@pytest.mark.parametrize("who", ["anonymous", "professional", "member"])
def test_visible_among_a_handful_of_ids_agrees_with_visible(root, make_lesson, professional, who):
    open_lesson = make_lesson("Open les")
    for_professionals = make_lesson("Les voor professionals", zichtbaarheid="professionals")
    # The field alone decides (its derived restriction out of step).
    PageViewRestriction.objects.filter(page=for_professionals).delete()
    draft = make_lesson("Concept", publish=False)
    *_, login_only = chain(root, "v1", "v2")
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    pages = [open_lesson, for_professionals, draft, login_only]
    user = {"anonymous": AnonymousUser(), "professional": professional, "member": UserFactory()}[
        who
    ]

    assert visible_among([p.pk for p in pages], user) == visible_ids(pages, user)
    assert open_lesson.pk in visible_among([open_lesson.pk], user)
    assert (for_professionals.pk in visible_among([for_professionals.pk], user)) == (
        who == "professional"
    )
