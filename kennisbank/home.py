"""What the home page shows besides its own fields, contributed by the apps that own it.

The ground floor knows no feature app: an app registers a section from its
`AppConfig.ready()` with `register_section(name, provider, order)`, where `provider(request)`
returns the value the home template gets under `name` (e.g. the latest lessons the user may
see, from the lessons app's own selector, so the same visibility rules apply here as
everywhere else). A section whose app is not installed is simply absent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    name: str
    provider: Callable[[Any], Any]
    order: int


_SECTIONS: dict[str, Section] = {}


def register_section(name: str, provider: Callable[[Any], Any], order: int = 100) -> None:
    """Show `provider(request)` on the home page as the template variable `name`.

    Registering the same name again replaces the earlier section (ready() may run twice)."""
    _SECTIONS[name] = Section(name, provider, order)


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.name))


def home_sections(request) -> dict:
    """The template context of every registered section, in order."""
    return {section.name: section.provider(request) for section in sections()}
