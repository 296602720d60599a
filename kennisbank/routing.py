"""Routable pages' URL resolvers, built once when a process starts.

Wagtail's `RoutablePageMixin.get_resolver` builds a page class's resolver on first use and
Django populates a resolver lazily too. Two threads of a fresh threaded worker asking the
same kind of page at once raced on that population ("dictionary changed size during
iteration": a 500 under `make bench-site`). Building and populating every routable page
class's resolver in `AppConfig.ready()`, before any request, leaves nothing to race on.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models


def build_routable_resolvers() -> list[type]:
    """Build and populate the resolver of every routable page class; the classes."""
    built = []
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            resolver = model.get_resolver()
            resolver.reverse_dict  # noqa: B018 - populates the resolver (Django's lazy step)
            built.append(model)
    return built
