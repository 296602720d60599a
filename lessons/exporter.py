"""Export lessons to the exchange format (the inverse of `lessons.parser`).

`lesson_data(page)` reads a lesson into the same `LessonData` the parser produces, so it is
also the canonical form an import compares against (a re-import of unchanged content
writes nothing). `render_lesson` writes the keys in the order of `lessons.format.KEYS`,
leaves empty optional keys out, and follows the front matter with the body unchanged, so
`export → import` reproduces every field.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from lessons import format as fmt
from lessons.models import LessonPage
from lessons.parser import LessonData

# What `lesson_data` reads, for a queryset of many lessons.
SELECT_RELATED = (*fmt.SELECT_RELATED, "kennisdag")
PREFETCH_RELATED = (*fmt.PREFETCH_RELATED, "tagged_items__tag", "adoptions__gebied", "bronnen")


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def lesson_data(page: LessonPage) -> LessonData:
    """The lesson as the exchange format holds it (the page's own fields and relations)."""
    terms = {}
    for relation in fmt.TAXONOMY:
        value = getattr(page, relation.field)
        terms[relation.key] = list(value.all()) if relation.many else value
    return LessonData(
        slug=page.slug,
        title=page.title,
        soort=page.soort,
        fase=page.fase,
        samenvatting=page.samenvatting,
        datum=page.datum,
        body=page.body,
        terms=terms,
        tags=[item.tag.name for item in page.tagged_items.all()],
        zichtbaarheid=page.zichtbaarheid,
        contact=page.contact,
        adoptions=[
            {"gebied": a.gebied, "datum": a.datum, "resultaat": a.resultaat}
            for a in page.adoptions.all()
        ],
        bronnen=[{"titel": b.titel, "url": b.url} for b in page.bronnen.all()],
        kennisdag=page.kennisdag,
    )


def front_matter(data: LessonData) -> dict:
    """The front matter of a lesson, in the order of the format, empty optional keys left out."""
    values = {
        "title": data.title,
        "slug": data.slug,
        "soort": data.soort,
        "fase": data.fase,
        "samenvatting": data.samenvatting,
        "datum": data.datum,
        "tags": sorted(data.tags, key=str.lower),
        "zichtbaarheid": None
        if data.zichtbaarheid == fmt.ZICHTBAARHEID_DEFAULT
        else data.zichtbaarheid,
        "contact": data.contact,
        "toegepast_in": [
            {"gebied": a["gebied"].name, "datum": a["datum"], "resultaat": a["resultaat"]}
            for a in data.adoptions
        ],
        "bronnen": [{"titel": b["titel"], "url": b["url"]} for b in data.bronnen],
        "kennisdag": data.kennisdag.slug if data.kennisdag else None,
    }
    for relation in fmt.TAXONOMY:
        value = data.term(relation.key)
        if relation.many:
            values[relation.key] = [relation.export_value(term) for term in value]
        else:
            values[relation.key] = relation.export_value(value) if value else None
    ordered = {key: values[key] for key in fmt.KEYS}
    return {key: value for key, value in ordered.items() if value not in (None, "", [])}


def render_lesson(page_or_data: LessonPage | LessonData) -> str:
    """The text of one lesson file."""
    data = page_or_data if isinstance(page_or_data, LessonData) else lesson_data(page_or_data)
    meta = yaml.dump(
        front_matter(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88
    )
    return f"---\n{meta}---\n{data.body}"


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
