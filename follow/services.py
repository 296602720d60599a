"""Following and unfollowing: the writes behind the views, the template tag and the demo.

Each `follow_*` returns `(follow, created)` and is idempotent. A target the user may not
see raises `NotFollowable`, which views turn into a 404 (never revealing that it exists).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from wagtail.models import Page

from follow.models import Follow, Kind
from follow.targets import normalise_search_params, params_key, search_label, visible_dossier
from kennisbank.models import Gebied, Thema


class NotFollowable(Exception):
    """This user cannot follow this target (it does not exist for them)."""


def _get_or_create(user, kind, label, **target) -> tuple[Follow, bool]:
    lookup = {"user": user, "kind": kind}
    if kind == Kind.ZOEKOPDRACHT:
        lookup["params_key"] = params_key(target["params"])
    else:
        lookup.update(target)
    existing = Follow.objects.filter(**lookup).first()
    if existing:
        return existing, False
    follow = Follow(user=user, kind=kind, label=label, **target)
    follow.params_key = lookup.get("params_key", "")
    follow.full_clean(exclude=["user"])
    try:
        with transaction.atomic():
            follow.save()
    except IntegrityError:
        # A double click raced us to it: the unique constraint kept one row.
        return Follow.objects.get(**lookup), False
    return follow, True


def follow_search(user, params) -> tuple[Follow, bool]:
    """Save a search (request parameters or a dict). Raises SearchInputError on bad input."""
    normalised = normalise_search_params(params, user)
    return _get_or_create(user, Kind.ZOEKOPDRACHT, search_label(normalised), params=normalised)


def follow_page(user, page) -> tuple[Follow, bool]:
    """Follow a dossier. Any other page, or one this user may not see, is refused."""
    dossier = visible_dossier(user, page)
    if dossier is None:
        raise NotFollowable
    return _get_or_create(user, Kind.DOSSIER, dossier.title[:255], page=dossier.page_ptr)


def follow_term(user, term) -> tuple[Follow, bool]:
    """Follow a Thema or a Gebied."""
    if isinstance(term, Thema):
        return _get_or_create(user, Kind.THEMA, term.name[:255], thema=term)
    if isinstance(term, Gebied):
        return _get_or_create(user, Kind.GEBIED, term.name[:255], gebied=term)
    raise NotFollowable


def _target_filter(target) -> dict:
    """The Follow lookup that finds `target` (a Follow, page, term or search params)."""
    if isinstance(target, Follow):
        return {"pk": target.pk}
    if isinstance(target, Thema):
        return {"kind": Kind.THEMA, "thema": target}
    if isinstance(target, Gebied):
        return {"kind": Kind.GEBIED, "gebied": target}
    if isinstance(target, Page):
        return {"kind": Kind.DOSSIER, "page_id": target.pk}
    return {"kind": Kind.ZOEKOPDRACHT, "params_key": params_key(target)}


def find_follow(user, target) -> Follow | None:
    """The user's follow of `target`, if any; `target` as in `unfollow`. Search params
    must already be normalised (see `normalise_search_params`)."""
    if not user.is_authenticated:
        return None
    return Follow.objects.filter(user=user, **_target_filter(target)).first()


def unfollow(user, target) -> int:
    """Stop following `target` (a Follow, page, term or normalised search params).
    Only ever deletes this user's own follows; returns how many were removed."""
    deleted, _ = Follow.objects.filter(user=user, **_target_filter(target)).delete()
    return deleted
