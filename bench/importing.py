"""Import benchmark: generate N lesson files, import them into the current (scratch) database,
and report lessons/s and memory at checkpoints (flat memory means streaming works).

Background tasks are queued as in production (django-tasks-db), so the import figure is what
an editor waits for: lessons committed and the site search in sync. The queued follow-up
(Wagtail's reference index) is then drained by a worker and reported on its own.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from bench.searching import machine_load
from lessons.importer import Importer

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

GEBIEDEN = ["Oosternieland", "Ten Boer-West", "Scheemda 't Waar"]
GEMEENTEN = ["Eemsdelta", "Het Hogeland", "Groningen", "Midden-Groningen", "Oldambt"]
WORDS = [
    "bewoners",
    "versterking",
    "schade",
    "aanspreekpunt",
    "keukentafel",
    "planning",
    "regeling",
    "isolatie",
    "consulent",
    "stuurgroep",
    "afspraak",
    "wachttijd",
    "woning",
    "boerderij",
    "ondernemer",
    "gemeente",
    "overleg",
]


def lesson_text(i: int, rng: random.Random) -> str:
    body = "\n\n".join(
        f"## {section}\n" + " ".join(rng.choices(WORDS, k=rng.randint(40, 90))) + "."
        for section in ["Situatie", "Aanpak", "Resultaat", "Advies"]
    )
    return (
        "---\n"
        f"title: Les {i} over {rng.choice(WORDS)} en {rng.choice(WORDS)}\n"
        f"slug: bench-les-{i}\n"
        f"soort: {rng.choice(['les', 'goed-voorbeeld', 'werkwijze'])}\n"
        f"fase: {rng.choice(['idee', 'in-uitvoering', 'werkt', 'opgeschaald', 'gestopt'])}\n"
        f"samenvatting: Een synthetische les nummer {i} voor de importbenchmark.\n"
        f"datum: 202{rng.randint(0, 6)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
        f"gebied: {rng.choice(GEBIEDEN)}\n"
        f"gemeente: {rng.choice(GEMEENTEN)}\n"
        "organisaties: [IMG, NCG]\n"
        "themas: [veilig, leefbaar]\n"
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
        "---\n" + body + "\n"
    )


def _rss_mib() -> float:
    """Current resident memory of this process (Linux), in MiB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def run(files: int, out=print, seed: int = 3) -> dict:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        for i in range(files):
            Path(folder, f"les-{i:05d}.md").write_text(lesson_text(i, rng), encoding="utf-8")
        paths = sorted(Path(folder).glob("*.md"))
        checkpoints = {max(1, files // 4 * k) for k in range(1, 5)}
        out(f"importing {files} files; {machine_load()}")
        started = time.perf_counter()
        cpu_started = time.process_time()

        def progress(done, total):
            if done in checkpoints:
                rate = done / (time.perf_counter() - started)
                cpu_rate = done / max(time.process_time() - cpu_started, 1e-9)
                out(
                    f"  {done:>6} files  {rate:6.1f} lessons/s  ({cpu_rate:6.1f} per CPU second)"
                    f"  RSS {_rss_mib():6.1f} MiB  {machine_load()}"
                )

        with override_settings(TASKS=QUEUED):
            report = Importer(progress=progress).run(paths)
            seconds = time.perf_counter() - started
            cpu_seconds = time.process_time() - cpu_started
            queued = DBTaskResult.objects.ready().count()
            drain_started = time.perf_counter()
            call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
            drain = time.perf_counter() - drain_started
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out(
        f"imported {files - len(report.failed)} of {files} files in {seconds:.1f} s: "
        f"{files / seconds:.1f} lessons/s ({files / cpu_seconds:.1f} per CPU second of this "
        f"process; the rest is waiting for the disk or for a busy machine); peak RSS "
        f"{maxrss:.0f} MiB; {machine_load()}"
    )
    out(
        f"background worker: {queued} queued tasks (Wagtail reference index) done in "
        f"{drain:.1f} s: {queued / drain if drain else 0:.1f} tasks/s; {machine_load()}"
    )
    return {"seconds": seconds, "failed": len(report.failed), "queued": queued}
