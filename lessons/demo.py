"""Demo lessons: Markdown files in `lessons/demo_lessons/`, loaded through the importer.

Published and marked as example content (`is_voorbeeld`), so every page says it is an
example. Idempotent: re-loading updates the same lessons by slug.
"""

from pathlib import Path

from lessons.importer import Importer

DEMO_DIR = Path(__file__).with_name("demo_lessons")


def load(stdout=None) -> None:
    report = Importer(is_voorbeeld=True).run([DEMO_DIR])
    if report.failed:
        errors = "\n".join(e for r in report.failed for e in r.errors)
        raise RuntimeError(f"demo lessons did not import:\n{errors}")
    if stdout:
        stdout.write(f"    {report.created} nieuwe en {report.updated} bijgewerkte lessen")
