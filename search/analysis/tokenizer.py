"""Tokenisation of Dutch text with character offsets into the original string.

A token is a run of letters and digits (combining accents included, so text in NFD form
works too), optionally with an inner apostrophe (``auto's``, ``z'n``); the Dutch elided
articles and pronouns ``'t``, ``'s``, ``'n``, ``'k``, ``'m`` and ``'r`` are tokens of their
own (``Scheemda 't Waar``). Everything else separates tokens; underscores too, as in
SQLite's ``unicode61`` tokenizer.

Hyphens are remembered on the token because Dutch uses them in two ways:

* joined words: ``Ten Boer-West``, ``Midden-Groningen``, ``e-mail`` → the parts are
  tokens and ``joined`` is True on every part but the last (the analyzer also indexes the
  closed form ``boerwest``);
* the suspended hyphen (*weglatingsstreepje*): ``midden- en kleinbedrijf`` →
  ``midden`` has ``suspended`` True; the analyzer completes it to ``middenbedrijf``.

Offsets are Python string indices: ``text[token.start:token.end] == token.text``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Token", "tokenize", "TOKEN_RE", "HYPHENS"]

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_WORD = rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*)*"
TOKEN_RE = re.compile(
    rf"{_WORD}(?:[{_APOSTROPHES}][^\W_]+(?:[{_MARKS}]+[^\W_]*)*(?![{_APOSTROPHES}][^\W_]))?"
    rf"|(?<![^\W_])[{_APOSTROPHES}][tsnkmrTSNKMR](?![^\W_])"  # 't, 's, 'n ...
)
HYPHENS = frozenset("-\u2010\u2011")


class Token(NamedTuple):
    """One token: its text as written, its offsets, and its position among the tokens."""

    text: str
    start: int
    end: int
    position: int
    joined: bool = False  # a hyphen joins it to the next token (Boer-West)
    suspended: bool = False  # ends in a suspended hyphen (midden- en kleinbedrijf)


def _hyphen_kind(text: str, end: int) -> tuple[bool, bool]:
    """(joined, suspended) for a token ending at `end`."""
    if end >= len(text) or text[end] not in HYPHENS:
        return False, False
    following = text[end + 1 : end + 2]
    if following and (following.isalnum()):
        return True, False
    if not following or following.isspace() or following == ",":
        return False, True
    return False, False


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens with offsets (see the module docstring)."""
    tokens: list[Token] = []
    if not text:
        return tokens
    for position, match in enumerate(TOKEN_RE.finditer(text)):
        start, end = match.span()
        joined, suspended = _hyphen_kind(text, end)
        tokens.append(Token(match.group(), start, end, position, joined, suspended))
    return tokens
