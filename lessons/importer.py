"""Import lesson files: batches, transactions and savepoints around the lesson services.

The format is a public contract (README, "Lesson exchange format"; as data in
`lessons.format`); `lessons.parser` reads and validates each file, `lessons.services`
writes. Here: every problem is reported as `FILE:LINE: message`; each file is written in a
savepoint of its batch's transaction, so a file with an error changes nothing while the
good files of the same run still go in; files are written in batches of `BATCH_SIZE`, new
lessons of a batch together through the bulk path. A file whose content the lesson already
holds is reported *ongewijzigd* and writes nothing. A dry run reads and reports and writes
nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from lessons import exporter, services
from lessons.models import LessonPage
from lessons.parser import LessonData, LessonFileError, Lookups, read_lesson

# Files per transaction: large enough for the bulk path to pay off, small enough that memory
# stays flat however many files an import has.
BATCH_SIZE = 200

NEW, UPDATED, UNCHANGED = "nieuw", "bijgewerkt", "ongewijzigd"


@dataclass
class FileResult:
    path: Path
    slug: str | None = None
    status: str | None = None  # NEW, UPDATED or UNCHANGED once the file went (or would go) in
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> bool:
        return self.status == NEW

    def fail(self, problems: list[tuple[int, str]]) -> None:
        self.status = None
        self.errors = [f"{self.path}:{line}: {message}" for line, message in problems]


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if not r.ok]

    def _count(self, status: str) -> int:
        return sum(1 for r in self.results if r.ok and r.status == status)

    @property
    def created(self) -> int:
        return self._count(NEW)

    @property
    def updated(self) -> int:
        return self._count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)


def lesson_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.md") if p.is_file())
        else:
            yield path


class Importer:
    def __init__(
        self,
        *,
        draft: bool = False,
        dry_run: bool = False,
        allow_personal_data: bool = False,
        is_voorbeeld: bool = False,
        user=None,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.draft = draft
        self.dry_run = dry_run
        self.allow_personal_data = allow_personal_data
        self.is_voorbeeld = is_voorbeeld
        self.user = user
        self.progress = progress

    def run(self, paths: Iterable[str | Path]) -> ImportReport:
        files = list(lesson_files(paths))
        report = ImportReport()
        lookups = Lookups()
        done = 0
        for start in range(0, len(files), BATCH_SIZE):
            batch = [FileResult(path) for path in files[start : start + BATCH_SIZE]]
            report.results += batch
            parsed = [(result, self._parse(result, lookups)) for result in batch]
            parsed = [(result, data) for result, data in parsed if data is not None]
            if self.dry_run:
                self._check_batch(parsed)
            elif parsed:
                self._write_batch(parsed)
            for _ in batch:
                done += 1
                if self.progress:
                    self.progress(done, len(files))
        return report

    def _parse(self, result: FileResult, lookups: Lookups) -> LessonData | None:
        try:
            data = read_lesson(result.path, lookups, allow_personal_data=self.allow_personal_data)
        except LessonFileError as error:
            result.fail(error.problems)
            return None
        result.slug = data.slug
        return data

    def _existing(self, parsed) -> dict[str, LessonPage]:
        """The lessons the batch names, with what the unchanged check reads, in bulk."""
        slugs = [data.slug for _, data in parsed]
        pages = (
            LessonPage.objects.filter(slug__in=slugs)
            .select_related(*exporter.SELECT_RELATED)
            .prefetch_related(*exporter.PREFETCH_RELATED)
        )
        return {page.slug: page for page in pages}

    def _check_batch(self, parsed: list[tuple[FileResult, LessonData]]) -> None:
        """A dry run: what each file would do, from reads only."""
        existing = self._existing(parsed)
        seen = set()
        for result, data in parsed:
            page = existing.get(data.slug)
            if page is None:
                result.status = UPDATED if data.slug in seen else NEW
            elif data.slug not in seen and services.is_unchanged(
                page, data, publish=not self.draft, is_voorbeeld=self.is_voorbeeld
            ):
                result.status = UNCHANGED
            else:
                result.status = UPDATED
            seen.add(data.slug)

    def _write_batch(self, parsed: list[tuple[FileResult, LessonData]]) -> None:
        """One transaction for the batch, a savepoint per file.

        New lessons go through the bulk path together; a lesson that exists, or a second file
        with the same slug, is written after them through the update service.
        """
        try:
            with transaction.atomic():
                # Read inside the transaction, as close to the writes as it gets.
                existing = self._existing(parsed)
                new, one_by_one, seen = [], [], set()
                for result, data in parsed:
                    fresh = data.slug not in existing and data.slug not in seen
                    (new if fresh else one_by_one).append((result, data))
                    seen.add(data.slug)
                index = services.lesson_index()
                if new:
                    try:
                        with transaction.atomic():
                            self._create([data for _, data in new], index)
                        for result, _ in new:
                            result.status = NEW
                    except (DatabaseError, ValidationError, ValueError):
                        # Isolate the file that the database refused: write them one by one.
                        one_by_one = new + one_by_one
                written = set()
                for result, data in one_by_one:
                    # The batch's snapshot of a lesson holds until this batch writes it.
                    page = existing.get(data.slug) if data.slug not in written else None
                    written.add(data.slug)
                    try:
                        with transaction.atomic():
                            result.status = self._write_one(data, index, page)
                    except (ValidationError, ValueError, DatabaseError) as error:
                        result.fail([(1, _validation_message(error))])
        except services.LessonWriteError as error:
            for result, _ in parsed:
                result.fail([(1, str(error))])

    def _create(self, items: list[LessonData], index) -> None:
        services.bulk_create_lessons(
            items, index, live=not self.draft, user=self.user, is_voorbeeld=self.is_voorbeeld
        )

    def _write_one(self, data: LessonData, index, page: LessonPage | None) -> str:
        page = page or LessonPage.objects.filter(slug=data.slug).first()
        if page is None:
            self._create([data], index)
            return NEW
        written = services.update_lesson(
            page, data, publish=not self.draft, user=self.user, is_voorbeeld=self.is_voorbeeld
        )
        return UPDATED if written else UNCHANGED


def _validation_message(error: Exception) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return str(error)
