"""A gunicorn worker freezes what the loaded application allocated and collects young
objects less often (deploy/gunicorn.conf.py, `post_worker_init`), so full collections never
walk Django and Wagtail again."""

import gc
import runpy
from pathlib import Path

from django.conf import settings


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
