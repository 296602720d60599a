"""Export lessons to the exchange format (the inverse of `lessons.importer`).

Keys are written in the order of the format, empty optional keys are left out, and the
body follows the front matter unchanged, so `export → import` reproduces every field.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kennisbank.visibility import Zichtbaarheid
from lessons.models import LessonPage


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def front_matter(page: LessonPage) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "soort": page.soort,
        "fase": page.fase,
        "samenvatting": page.samenvatting,
        "datum": page.datum,
        "gebied": page.gebied.name if page.gebied else None,
        "gemeente": page.gemeente.name if page.gemeente else None,
        "organisaties": [o.afkorting or o.name for o in page.organisaties.all()],
        "actielijnen": [t.slug for t in page.actielijnen.all()],
        "doelen": [t.slug for t in page.doelen.all()],
        "themas": [t.slug for t in page.themas.all()],
        "doelgroepen": [t.slug for t in page.doelgroepen.all()],
        "tags": sorted(page.tags.names(), key=str.lower),
        "zichtbaarheid": page.zichtbaarheid
        if page.zichtbaarheid != Zichtbaarheid.OPENBAAR
        else None,
        "contact": page.contact or None,
        "toegepast_in": [
            {"gebied": a.gebied.name, "datum": a.datum, "resultaat": a.resultaat}
            for a in page.adoptions.all()
        ],
        "bronnen": [{"titel": b.titel, "url": b.url} for b in page.bronnen.all()],
        "kennisdag": page.kennisdag.slug if page.kennisdag else None,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def render_lesson(page: LessonPage) -> str:
    meta = yaml.dump(
        front_matter(page), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88
    )
    return f"---\n{meta}---\n{page.body}"


def export_lessons(directory: str | Path, queryset=None) -> list[Path]:
    """Write one `<slug>.md` per lesson (the latest saved content of each) into `directory`."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    pages = queryset if queryset is not None else LessonPage.objects.all()
    written = []
    for page in pages.order_by("path").iterator():
        latest = page.get_latest_revision_as_object()
        path = target / f"{page.slug}.md"
        path.write_text(render_lesson(latest), encoding="utf-8")
        written.append(path)
    return written
