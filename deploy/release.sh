#!/usr/bin/env bash
# One release step, before starting (or after updating) the processes: schema, cache table,
# static files, the search index's format. Idempotent. Needs the same environment as the processes (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.production}
# The cache table first: migrations already use the cache (Wagtail's site root paths).
$PY manage.py createcachetable
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
# Re-analyses the pages in place only when this release changed the index format (searches
# keep answering meanwhile); otherwise a no-op.
$PY manage.py search_index upgrade
