"""Follow rows: exactly one target per kind, one row per user and target, idempotent services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from follow import services
from follow.models import Follow, Kind
from kennisbank.models import Gebied, Thema
from search.service import SearchInputError


def test_clean_requires_the_target_of_the_kind(professional):
    thema = Thema.objects.get(slug="veilig")
    with pytest.raises(ValidationError) as error:
        Follow(user=professional, kind=Kind.THEMA, label="x").full_clean()
    assert "thema" in error.value.message_dict
    gebied = Gebied.objects.first()
    with pytest.raises(ValidationError) as error:
        Follow(user=professional, kind=Kind.THEMA, thema=thema, gebied=gebied, label="x").clean()
    assert "gebied" in error.value.message_dict
    with pytest.raises(ValidationError):
        Follow(user=professional, kind=Kind.ZOEKOPDRACHT, params={}, label="x").clean()
    with pytest.raises(ValidationError):
        Follow(user=professional, kind=Kind.THEMA, thema=thema, params={"q": "x"}).clean()
    Follow(user=professional, kind=Kind.THEMA, thema=thema, label="Veilig").full_clean()


def test_clean_refuses_a_page_that_is_not_a_dossier(professional, lesson_index):
    follow = Follow(user=professional, kind=Kind.DOSSIER, page=lesson_index, label="x")
    with pytest.raises(ValidationError) as error:
        follow.clean()
    assert "page" in error.value.message_dict


def test_database_refuses_a_mismatched_target(professional):
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=professional, kind=Kind.GEBIED, label="x")


def test_follow_term_is_idempotent_and_unique(professional):
    thema = Thema.objects.get(slug="veilig")
    first, created = services.follow_term(professional, thema)
    again, created_again = services.follow_term(professional, thema)
    assert created and not created_again and first.pk == again.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=professional, kind=Kind.THEMA, thema=thema, label="dubbel")


def test_follow_search_normalises_params(professional):
    from django.http import QueryDict

    params = QueryDict("q=++isolatie++boer&thema=veilig&thema=leefbaar&thema=veilig&page=3&x=1")
    follow, created = services.follow_search(professional, params)
    assert created
    assert follow.params == {"q": "isolatie boer", "thema": ["leefbaar", "veilig"]}
    same = QueryDict("thema=leefbaar&thema=veilig&q=isolatie%20boer&sort=datum")
    assert services.follow_search(professional, same) == (follow, False)
    assert "isolatie boer" in follow.label


@pytest.mark.parametrize("query", ["", "page=2&sort=datum", "thema=Niet%20Geldig"])
def test_follow_search_refuses_empty_or_invalid(professional, query):
    from django.http import QueryDict

    with pytest.raises(SearchInputError):
        services.follow_search(professional, QueryDict(query))
    assert not Follow.objects.exists()


def test_follow_page_only_visible_dossiers(professional, reader, lesson_index, make_dossier):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from kennisbank.roles import REDACTEUREN

    with pytest.raises(services.NotFollowable):
        services.follow_page(professional, lesson_index)
    dossier = make_dossier()
    follow, created = services.follow_page(professional, dossier)
    assert created and follow.kind == Kind.DOSSIER and follow.page_id == dossier.pk
    # Restricted to Redacteuren (a login restriction would let every signed-in reader in).
    restriction = PageViewRestriction.objects.create(page=dossier, restriction_type="groups")
    restriction.groups.set(Group.objects.filter(name=REDACTEUREN))
    with pytest.raises(services.NotFollowable):
        services.follow_page(reader, dossier)
    draft = make_dossier("Concept", publish=False)
    with pytest.raises(services.NotFollowable):
        services.follow_page(professional, draft)


def test_unfollow_only_removes_own_follows(professional, reader):
    thema = Thema.objects.get(slug="veilig")
    mine, _ = services.follow_term(professional, thema)
    theirs, _ = services.follow_term(reader, thema)
    assert services.unfollow(reader, mine) == 0
    assert services.unfollow(professional, thema) == 1
    assert list(Follow.objects.all()) == [theirs]
