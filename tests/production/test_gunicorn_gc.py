"""When a gunicorn worker starts (deploy/gunicorn.conf.py, `post_worker_init`) it builds the
search's per-process structures before its first request, then freezes what the loaded
application allocated and collects young objects less often, so full collections never walk
Django and Wagtail again."""

import gc
import runpy
from pathlib import Path

import pytest
from django.conf import settings

from search import facetindex
from search.engines import get_database_engine


@pytest.mark.django_db
def test_a_worker_builds_the_facet_index_before_its_first_request():
    get_database_engine().clear()  # a change the facet index has not followed yet
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"))
    thresholds = gc.get_threshold()
    builds = facetindex.stats["build"] + facetindex.stats["update"]
    try:
        conf["post_worker_init"](worker=None)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    assert facetindex.stats["build"] + facetindex.stats["update"] > builds


@pytest.mark.django_db
def test_a_worker_freezes_the_loaded_application_and_collects_less_often():
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"))
    thresholds = gc.get_threshold()
    try:
        conf["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10_000
        assert gc.get_threshold() == conf["GC_THRESHOLDS"]
        assert conf["GC_THRESHOLDS"][0] > thresholds[0]
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
