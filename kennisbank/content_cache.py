"""Page fragments cached per audience and content generation.

Home, the lessons listing, tag pages and the leerloop count or aggregate over every lesson a
reader may see. `cached(name, user, params, compute)` keeps what `compute()` returns under a
key of three parts, so that an entry is only ever read by someone who would compute exactly
the same:

- the reader's **audience signature** (`kennisbank.visibility.audience_signature`, from the
  one policy): anonymous visitors, professionals, group members and editors never share an
  entry unless they see exactly the same pages;
- the **parameters** that matter (page number, filters), validated by the caller;
- the **content generation** (`ContentChange.current_token`), read once per request. Every
  write that can change what a fragment shows adds a `ContentChange` row in its own
  transaction (`content_changed`, called by the signal handlers below for every model that
  is not listed in `CONTENT_CACHE_IGNORE`, and by write paths that bypass signals, such as
  the bulk import). The token therefore changes in the same commit as the content: a
  request that sees the old token may fill the old key (with old or new content), but after
  the commit every request reads the new token and never meets that entry. Restricted
  content never reaches a reader through a stale entry, not even while caches catch up.

Entries are immutable per key, so each process keeps the latest ones in memory (a small LRU,
no invalidation needed) in front of the shared cache (`CACHES["default"]`, the database in
production), where the workers share what one of them computed: the cache `fragments` when
`CACHES` has it (production: a table of its own), else `default`. Values are stored pickled,
so no two requests ever share a model instance. Cache data, never whole responses: no CSRF
token, message or user name belongs in a value.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from kennisbank.models import ContentChange
from kennisbank.visibility import audience_signature

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60 * 60  # seconds an entry stays in the shared cache
LOCAL_ENTRIES = 256  # entries each process keeps in memory
_REQUEST_ATTRIBUTE = "_kennisbank_content_generation"


# --- the generation -------------------------------------------------------------------------


class _Pending:
    """The on-commit marker of a transaction that changed content: until it commits, the
    transaction's own reads neither fill nor read fragment caches (what it sees is not yet
    what anyone else sees, and may still roll back). Django drops it with a rolled-back
    savepoint, together with the change and its `ContentChange` row."""

    def __init__(self):
        self.committed = False

    def __call__(self):
        self.committed = True


def _pending(connection) -> bool:
    """Has the transaction in progress changed content that is not committed yet?"""
    if not connection.in_atomic_block:
        return False
    return any(
        isinstance(callback, _Pending) and not callback.committed
        for _sids, callback, _robust in connection.run_on_commit
    )


def content_changed() -> None:
    """Log a change to content, in the current transaction. One row per change, not per
    transaction: a fragment read later in the same transaction (under the token that
    includes the earlier rows) can then never be the one others read after the commit."""
    ContentChange.record()
    connection = transaction.get_connection()
    if not _pending(connection):
        transaction.on_commit(_Pending())


def generation(request=None) -> str:
    """The content generation now; with a request, read once per request."""
    if request is None:
        return ContentChange.current_token()
    token = getattr(request, _REQUEST_ATTRIBUTE, None)
    if token is None:
        token = ContentChange.current_token()
        setattr(request, _REQUEST_ATTRIBUTE, token)
    return token


# --- the cache ------------------------------------------------------------------------------


class _Local:
    """A small thread-safe LRU of pickled values, per process."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_local = _Local(LOCAL_ENTRIES)


def _shared():
    return caches["fragments" if "fragments" in settings.CACHES else "default"]


def cache_key(name: str, user, params, request=None) -> str:
    """The key of `name` for this reader, these parameters and the current generation."""
    parts = repr((audience_signature(user), params, generation(request)))
    return f"kb:{name}:{hashlib.sha256(parts.encode()).hexdigest()[:40]}"


def cached(
    name: str,
    user,
    params,
    compute: Callable[[], Any],
    *,
    request=None,
    timeout: int | None = None,
) -> Any:
    """`compute()`, or what it returned before for the same audience, `params` (plain,
    validated values with a stable repr) and content generation."""
    if _pending(transaction.get_connection()):
        return compute()  # this transaction's own changes are nobody else's yet
    key = cache_key(name, user, params, request)
    data = _local.get(key)
    if data is None:
        data = _shared().get(key)
        if data is not None:
            _local.set(key, data)
    if data is not None:
        return pickle.loads(data)  # noqa: S301 - written by this module only
    value = compute()
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    _local.set(key, data)
    seconds = timeout or getattr(settings, "CONTENT_CACHE_SECONDS", DEFAULT_TIMEOUT)
    try:
        _shared().set(key, data, seconds)
    except Exception:  # a full or locked cache never fails a page
        logger.warning("Could not store fragment %s in the shared cache", name, exc_info=True)
    return value


def clear_local() -> None:
    """Forget this process's entries (tests)."""
    _local.clear()


def clear() -> None:
    """Forget every entry, this process's and the shared ones."""
    _local.clear()
    _shared().clear()


# --- what changes content ---------------------------------------------------------------------


def _ignored() -> frozenset[str]:
    return frozenset(label.lower() for label in getattr(settings, "CONTENT_CACHE_IGNORE", ()))


def content_models() -> list[type]:
    """The models whose writes change content: every installed model (many-to-many rows
    included) except those `CONTENT_CACHE_IGNORE` names by app label or `app.model`."""
    ignored = _ignored()
    return [
        model
        for model in global_apps.get_models(include_auto_created=True)
        if model._meta.app_label not in ignored
        and model._meta.label_lower not in ignored
        and model is not ContentChange
    ]


def _on_write(sender, **kwargs):
    content_changed()


def _on_m2m(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed()


def connect() -> None:
    """Log a change for every write to a content model (connected per model, so that the
    ignored ones keep Django's fast bulk delete), and for every publish, unpublish and move
    of a page (a move is partly queryset updates, without saves)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for model in content_models():
        uid = f"kennisbank.content_cache:{model._meta.label_lower}"
        post_save.connect(_on_write, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"{uid}:delete")
        m2m_changed.connect(_on_m2m, sender=model, dispatch_uid=f"{uid}:m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_write, dispatch_uid=f"kennisbank.content_cache:{id(signal)}")
