"""Signed unsubscribe tokens for the links in digest mails (RFC 8058 one-click).

A token names a user and the follows it may remove ("*" for all of them). It is signed
with its own salt and has no expiry on purpose: an unsubscribe link in a mail from last
year must still work. It carries ids only, nothing personal.
"""

from __future__ import annotations

from django.core import signing

SALT = "follow.unsubscribe"
ALL = "*"


class BadToken(Exception):
    """The token was altered, truncated or signed with another key."""


def make_token(user_id: int, follow_ids=ALL) -> str:
    follows = ALL if follow_ids == ALL else sorted({int(pk) for pk in follow_ids})
    return signing.dumps({"u": user_id, "f": follows}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, list[int] | None]:
    """(user id, follow ids) — follow ids None means every follow of that user."""
    try:
        data = signing.loads(token, salt=SALT)
        user_id, follows = int(data["u"]), data["f"]
        if follows == ALL:
            return user_id, None
        return user_id, [int(pk) for pk in follows]
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise BadToken from exc
