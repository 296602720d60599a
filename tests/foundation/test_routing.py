"""Routable pages' resolvers are built when the process starts, not by the first requests.

A fresh threaded worker whose first two requests asked a dossier at once raced on the
lazy population of Wagtail's per-class resolver (one 500 under `make bench-site`).
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from dossiers.models import DossierPage
from kennisdagen.models import KennisdagIndexPage, KennisdagPage
from lessons.models import LessonIndexPage


def test_every_routable_page_class_has_a_populated_resolver_at_start():
    routable = [m for m in get_page_models() if issubclass(m, RoutablePageMixin)]
    assert {DossierPage, KennisdagPage, KennisdagIndexPage, LessonIndexPage} <= set(routable)
    for model in routable:
        resolver = model.__dict__.get("_routablepage_urlresolver")
        assert resolver is not None, model
        assert resolver._populated, model
