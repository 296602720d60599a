"""Publish demo content only when it changed, so that a second `load_demo` (every `make run`)
leaves unchanged pages alone: no new revision, no log entry, no new `last_published_at`
(which would make every demo page "new" again in the follow digests)."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder

# Bookkeeping that changes with every save, not with the content.
_VOLATILE = {
    "pk",
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "url_path",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "live_revision",
    "latest_revision",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "content_type",
    "translation_key",
    "locale",
    "alias_of",
}  # also "id": StreamField block ids and child rows, new on every load


def _content(data) -> str:
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _VOLATILE}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str) and value.startswith("[{"):
            # A StreamField's JSON: its block ids are new on every load.
            try:
                return strip(json.loads(value))
            except ValueError:
                return value
        return value

    return json.dumps(strip(data), sort_keys=True, cls=DjangoJSONEncoder)


def publish_if_changed(page) -> bool:
    """Publish a new revision of `page` when its content differs from the live one."""
    live = page.live_revision
    unchanged = live is not None and page.live
    if unchanged and _content(page.serializable_data()) == _content(live.content):
        return False
    page.save_revision().publish()
    return True
