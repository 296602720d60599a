"""Site benchmark: the production server on a realistic corpus, driven over HTTP.

Run through `python manage.py bench_site --docs N` (`make bench-site`, `make bench-site-postgres`):

1. **Corpus** in a scratch database (its name starts with `kb_site_` or `bench-site`): the
   demo site (`load_demo`: kennisdagen, dossiers, knelpunten, leerloop findings) plus N
   synthetic lessons of the search benchmark (`bench.searching.create_lesson_pages` with
   `realistic=True`: taxonomy, tags, gebied/gemeente, adoptions, every tenth lesson for
   professionals only, a few harvested at a kennisdag), written by the import's bulk path
   and indexed by the site search from the pages themselves. A database built earlier for
   the same N, seed and corpus version is reused (the marker table `bench_site_corpus`).
2. **Server** as `deploy/Procfile` runs it, without nginx (`make bench-load` measures that):
   the release step, gunicorn with `deploy/gunicorn.conf.py` (its worker and thread count)
   and production settings on a free loopback port, and the task worker (`db_worker`).
3. **Load**: per endpoint, `samples` requests at bounded concurrency from threads with
   `http.client` (keep-alive), every latency recorded; a first pass over its URLs (cold:
   the first time this server is asked them, so a lesson page has no "meer zoals dit" yet
   and queues its computation) and, once the task worker has done what the first pass
   queued (`drain_tasks`), a second pass over the same URLs (warm: the steady state, with
   every derived set stored); anonymous, then signed in as a professional (through the
   login form).
4. **Report**: req/s, p50/p95/p99/max and non-2xx per endpoint and pass, at the client and
   (`srv`) as the server measured the same requests (gunicorn's access log); the RSS of every
   gunicorn worker and of the task worker; the first search after a publish (a lesson
   published through `lessons.services` in a separate process, then `/zoeken/` asked until
   every worker finds it); the load average and core count beside every table.
"""

from __future__ import annotations

import datetime
import http.client
import io
import json
import math
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bench import searching
from bench.queries import search_queries
from bench.searching import machine_load
from dossiers.models import DossierPage
from kennisbank.models import Gemeente
from kennisbank.roles import PROFESSIONALS
from kennisbank.visibility import visible
from kennisdagen.models import KennisdagPage
from lessons.models import LessonPage
from search import indexer

ROOT = Path(settings.BASE_DIR)
VAR = ROOT / "var" / "bench-site"
CORPUS_VERSION = 1  # bump when the corpus a build writes changes
MARKER_TABLE = "bench_site_corpus"
SCRATCH_PREFIXES = ("kb_site_", "bench-site")
BENCH_USER = "bench-site"
BENCH_PASSWORD = "bench-site-wachtwoord"  # noqa: S105 - a scratch database's test login
USER_AGENT = "kennisbank-bench-site"


class BenchSiteError(Exception):
    """The benchmark cannot run as asked; the message says why."""


# --- the corpus ------------------------------------------------------------------------------


def database_name() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def is_scratch(name: str) -> bool:
    """Only a database whose name says it is this benchmark's is ever dropped or filled."""
    return Path(name).name.startswith(SCRATCH_PREFIXES)


def database_url() -> str:
    """The URL the server processes get: the same database this process uses."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{database_name()}"
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise BenchSiteError("DATABASE_URL is not set")
    return url


def media_root() -> Path:
    return VAR / "media" / Path(database_name()).name.removesuffix(".sqlite3")


def read_marker() -> dict | None:
    """What an earlier build wrote into this database, or None (no database, no marker)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {MARKER_TABLE} WHERE name = 'corpus'")  # noqa: S608
            row = cursor.fetchone()
    except Exception:  # noqa: BLE001 - a missing database or table means: not built
        connection.close()
        return None
    return json.loads(row[0]) if row else None


def write_marker(value: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (name varchar(40) PRIMARY KEY, value text)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE} WHERE name = 'corpus'")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} (name, value) VALUES ('corpus', %s)",  # noqa: S608
            [json.dumps(value)],
        )


def wanted_marker(docs: int, seed: int) -> dict:
    return {"version": CORPUS_VERSION, "docs": docs, "seed": seed}


def reset_database() -> None:
    """Drop and create the scratch database (PostgreSQL) or remove its file (SQLite)."""
    name = database_name()
    if not is_scratch(name):
        raise BenchSiteError(f"refusing to reset database {name!r}: not a bench-site scratch name")
    connection.close()
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def bench_lesson_count() -> int:
    return LessonPage.objects.filter(slug__startswith="bench-").count()


def ensure_corpus(docs: int, seed: int, env: dict, out=print, rebuild: bool = False) -> dict:
    """Reuse the corpus this database holds when it was built for `docs` and `seed`, else
    build it anew. Returns the marker (with `reused`)."""
    name = database_name()
    if not is_scratch(name):
        raise BenchSiteError(
            f"database {name!r} is not a bench-site scratch database: its name must start with "
            f"{' or '.join(SCRATCH_PREFIXES)} (make bench-site chooses one)"
        )
    wanted = wanted_marker(docs, seed)
    marker = None if rebuild else read_marker()
    if marker and {k: marker.get(k) for k in wanted} == wanted and bench_lesson_count() == docs:
        out(f"corpus: reusing {name} (built {marker['built']} in {marker['build_seconds']:.0f} s)")
        release(env)
        return {**marker, "reused": True}
    out(f"corpus: building {docs} lessons (seed {seed}) into {name} ...")
    started = time.perf_counter()
    reset_database()
    release(env)
    call_command("migrate", verbosity=0)  # the development apps (demo, bench) too
    with override_settings(MEDIA_ROOT=str(media_root())):
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    ensure_user()
    step = time.perf_counter()
    searching.create_lesson_pages(docs, seed, wagtail_index=False, realistic=True)
    pages_seconds = time.perf_counter() - step
    step = time.perf_counter()
    indexed = indexer.rebuild()
    index_seconds = time.perf_counter() - step
    value = {
        **wanted,
        "built": datetime.datetime.now().isoformat(timespec="seconds"),
        "build_seconds": time.perf_counter() - started,
    }
    write_marker(value)
    out(
        f"corpus: {docs} lessons in {pages_seconds:.0f} s (bulk path), {indexed} pages indexed "
        f"in {index_seconds:.0f} s, {value['build_seconds']:.0f} s in all"
    )
    return {**value, "reused": False}


def analyze(out=print) -> None:
    """Fresh planner statistics on PostgreSQL, as autovacuum keeps them on a server where it
    runs: right after a bulk load the planner would still think the page tables nearly empty
    (and choose, for the visibility policy's anti-join, a nested loop that takes seconds)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
        started = time.perf_counter()
        cursor.execute("ANALYZE")
    out(f"PostgreSQL: ANALYZE in {time.perf_counter() - started:.1f} s (autovacuum {autovacuum})")


def drop_leftover_tasks() -> str:
    """Tasks an earlier run queued and its worker did not finish (stopped with the server):
    not done now, or they would load the machine during the passes and keep `drain_tasks`
    waiting on work this run did not cause. That includes a task left RUNNING by a worker
    that was stopped mid-task: no worker runs before this run starts its own, so it would
    never finish and `drain_tasks` would wait its whole time limit. Derived data they would
    have computed ("meer zoals dit") is computed again when a page view asks for it."""
    left = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).delete()[0]
    return f"tasks: {left} left queued by an earlier run, dropped"


def ensure_user():
    """The professional the signed-in passes log in as."""
    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    user.set_password(BENCH_PASSWORD)
    user.save()
    user.groups.set([Group.objects.get(name=PROFESSIONALS)])
    return user


# --- the production server -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(port: int) -> dict:
    """The environment of a production deployment on loopback (README, Production)."""
    env = {k: v for k, v in os.environ.items() if k not in {"PORT", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url(),
        SECRET_KEY="bench-site-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(media_root()),
        APP_PORT=str(port),
        PYTHONUNBUFFERED="1",
        # As deploy/systemd/kennisbank-web.service starts gunicorn.
        MALLOC_ARENA_MAX="2",
    )
    return env


def release(env: dict) -> None:
    """deploy/release.sh: cache table, migrations, static files (as every deployment)."""
    connection.close()
    subprocess.run(  # noqa: S603 - the project's own release script
        ["bash", "deploy/release.sh"],  # noqa: S607 - bash from PATH, as the Makefile uses it
        cwd=ROOT,
        env={**env, "PYTHON": sys.executable},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def manage_shell(env: dict, code: str, timeout: float = 120) -> str:
    """`manage.py shell -c CODE` with the server's (production) settings; its stdout."""
    done = subprocess.run(  # noqa: S603 - this module's own code, no outside input
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return done.stdout


# Worker pid, status, server time in microseconds (gunicorn's %(D)s: from the request read
# to the response written), request line.
ACCESS_FORMAT = '%(p)s %(s)s %(D)s "%(r)s"'
ACCESS_LINE = re.compile(r'^<?(\d+)>? (\d{3}) (\d+) "GET (\S+) ')


def rss_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The name in parentheses may hold spaces: the ppid follows its closing one.
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            found.append(int(entry))
    return sorted(found)


def worker_args() -> list[str]:
    """The task worker's command after `manage.py`, as the `worker:` line of deploy/Procfile
    has it (its poll interval included), so the benchmark runs what production runs."""
    for line in (ROOT / "deploy" / "Procfile").read_text().splitlines():
        if line.startswith("worker:"):
            words = line.split(":", 1)[1].split()
            return words[words.index("manage.py") + 1 :]
    raise BenchSiteError("deploy/Procfile has no worker line")


class Server:
    """gunicorn (production settings, deploy/gunicorn.conf.py) and the task worker, on a
    free loopback port; logs in `run_dir`. Stops both on `stop()`."""

    def __init__(self, env: dict, run_dir: Path):
        self.env = env
        self.port = int(env["APP_PORT"])
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.run_dir = run_dir
        self.access_log = run_dir / "access.log"
        self.processes: list[subprocess.Popen] = []
        self.web: subprocess.Popen | None = None
        self.tasks: subprocess.Popen | None = None

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen:
        with open(self.run_dir / log, "ab") as out:
            process = subprocess.Popen(  # noqa: S603 - fixed commands of this module
                args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        self.processes.append(process)
        return process

    def start(self, timeout: float = 90) -> None:
        self.web = self._spawn(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "deploy/gunicorn.conf.py",
                "--access-logfile",
                str(self.access_log),
                "--access-logformat",
                ACCESS_FORMAT,
                "config.wsgi",
            ],
            "gunicorn.log",
        )
        self.tasks = self._spawn([sys.executable, "manage.py", *worker_args()], "worker.log")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                raise BenchSiteError(f"gunicorn exited; see {self.run_dir / 'gunicorn.log'}")
            try:
                status, _, _ = request(self.base_url, "/robots.txt")
            except OSError:
                status = 0
            if status == 200 and len(self.workers()) >= self.expected_workers:
                return
            time.sleep(0.2)
        raise BenchSiteError(f"gunicorn did not answer in {timeout:.0f} s")

    @property
    def expected_workers(self) -> int:
        return int(self.env.get("WEB_CONCURRENCY", "2"))

    def workers(self) -> list[int]:
        return children_of(self.web.pid) if self.web else []

    def memory(self) -> dict[str, float]:
        """RSS in MiB of each gunicorn worker, the master and the task worker."""
        result = {f"worker {pid}": rss_mib(pid) or 0.0 for pid in self.workers()}
        if self.web:
            result["master"] = rss_mib(self.web.pid) or 0.0
        if self.tasks:
            result["db_worker"] = rss_mib(self.tasks.pid) or 0.0
        return result

    def log_position(self) -> int:
        return self.access_log.stat().st_size if self.access_log.exists() else 0

    def logged(self, start: int = 0) -> list[re.Match]:
        """The request lines of the access log from byte `start` on (pid, status, server
        time in microseconds, path)."""
        if not self.access_log.exists():
            return []
        with open(self.access_log, "rb") as log:
            log.seek(start)
            text = log.read().decode("utf-8", "replace")
        return [m for m in map(ACCESS_LINE.match, text.splitlines()) if m]

    def server_times(self, start: int, expected: int, wait: float = 2.0) -> list[float]:
        """Server time in s of each request logged from byte `start` on, as gunicorn measured
        it (no client, no loopback). Waits up to `wait` s for `expected` lines: a worker
        writes its line after the response."""
        deadline = time.monotonic() + wait
        while True:
            times = [int(m.group(3)) / 1_000_000 for m in self.logged(start)]
            if len(times) >= expected or time.monotonic() > deadline:
                return times
            time.sleep(0.05)

    def served_by(self, marker: str, start: int = 0) -> dict[str, int]:
        """Path -> worker pid, from the access log (from byte `start` on), for requests
        whose path holds `marker`."""
        return {m.group(4): int(m.group(1)) for m in self.logged(start) if marker in m.group(4)}

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- HTTP ------------------------------------------------------------------------------------


def _split(base_url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def request(
    base_url: str, path: str, *, cookie: str = "", method: str = "GET", body: str | None = None
) -> tuple[int, dict[str, list[str]], str]:
    """One request on a connection of its own: status, headers (lists), body text."""
    host, port = _split(base_url)
    conn = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"User-Agent": USER_AGENT}
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        collected: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            collected.setdefault(name.lower(), []).append(value)
        return response.status, collected, text
    finally:
        conn.close()


def _cookies(headers: dict[str, list[str]]) -> dict[str, str]:
    found = {}
    for value in headers.get("set-cookie", []):
        name, _, rest = value.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def login(base_url: str, username: str, password: str) -> str:
    """Sign in through the login form (`/inloggen/`); returns the Cookie header to send."""
    status, headers, text = request(base_url, "/inloggen/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    cookies = _cookies(headers)
    if status != 200 or not token or "csrftoken" not in cookies:
        raise BenchSiteError(f"login form: status {status}, no CSRF token")
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
    )
    status, headers, _ = request(
        base_url, "/inloggen/", method="POST", body=form, cookie=f"csrftoken={cookies['csrftoken']}"
    )
    session = _cookies(headers).get("sessionid")
    if status != 302 or not session:
        raise BenchSiteError(f"login as {username!r} failed: status {status}")
    return f"sessionid={session}"


@dataclass
class Pass:
    """One pass of one endpoint: every request's latency (s) and status (0: no response)."""

    endpoint: str
    distinct: int
    latencies: list[float]
    statuses: list[int]
    seconds: float  # wall time of the pass
    reconnects: int = 0
    asked: int = 0  # requests the pass was to make (more than made: it ran out of time)
    # Server time (s) of each request, from the server's access log; empty when not known.
    server: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, q: float, *, server: bool = False) -> float:
        """Nearest rank, in ms: of the latencies at the client, or of the server times."""
        ordered = sorted(self.server if server else self.latencies)
        if not ordered:
            return math.nan
        rank = min(len(ordered), max(1, math.ceil(q * len(ordered))))
        return ordered[rank - 1] * 1000

    @property
    def non_2xx(self) -> Counter:
        return Counter(s for s in self.statuses if not 200 <= s < 300)


def drive(
    base_url: str,
    paths: list[str],
    *,
    concurrency: int,
    cookie: str = "",
    timeout: float = 60,
    budget: float = 0,
) -> tuple[list[float], list[int], float, int]:
    """GET every path once, at most `concurrency` at a time, each thread on a keep-alive
    connection of its own; no new request after `budget` seconds (0: no limit). Returns
    latencies (s) and statuses of the requests made, in path order, the wall time, and how
    often a connection the server had closed was opened again (the request is then sent
    once more and timed from that send)."""
    host, port = _split(base_url)
    headers = {"User-Agent": USER_AGENT}
    if cookie:
        headers["Cookie"] = cookie
    latencies = [0.0] * len(paths)
    statuses = [0] * len(paths)
    reconnects = [0]
    work = iter(enumerate(paths))
    taken = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + budget if budget else None

    def worker():
        conn, used = None, False
        while True:
            with lock:
                late = deadline is not None and time.perf_counter() > deadline
                item = None if late else next(work, None)
                taken[0] += item is not None
            if item is None:
                break
            k, path = item
            for attempt in (0, 1):
                if conn is None:
                    conn, used = http.client.HTTPConnection(host, port, timeout=timeout), False
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    latencies[k] = time.perf_counter() - started
                    statuses[k] = response.status
                    used = True
                    if response.will_close:
                        conn.close()
                        conn = None
                    break
                except (http.client.HTTPException, OSError):
                    latencies[k] = time.perf_counter() - started
                    statuses[k] = 0
                    stale = used and attempt == 0
                    conn.close()
                    conn = None
                    if not stale:
                        break
                    with lock:
                        reconnects[0] += 1
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(max(1, min(concurrency, len(paths))))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return latencies[: taken[0]], statuses[: taken[0]], seconds, reconnects[0]


# --- what is asked ---------------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    urls: list[str]  # distinct URLs, in the order asked
    key: str = ""  # its short name for `--only`

    def paths(self, samples: int) -> list[str]:
        """`samples` paths: the distinct URLs in order, from the start again when fewer."""
        return [self.urls[k % len(self.urls)] for k in range(samples)] if self.urls else []


# The short names `--only` takes, in the order the endpoints are asked.
ENDPOINT_KEYS = (
    "zoeken",
    "filters",
    "api",
    "suggest",
    "lesson",
    "home",
    "listing",
    "tag",
    "dossier",
    "kennisdag",
    "leerloop",
)


def parse_only(value: str | None) -> list[str] | None:
    """`--only zoeken,api,suggest`: the endpoints to ask (None: all of them)."""
    if not value:
        return None
    keys = [k.strip() for k in value.split(",") if k.strip()]
    unknown = [k for k in keys if k not in ENDPOINT_KEYS]
    if unknown:
        raise BenchSiteError(
            f"unknown endpoint {', '.join(unknown)} for --only; "
            f"choose from {', '.join(ENDPOINT_KEYS)}"
        )
    return keys


def _url(path: str, **params) -> str:
    query = urllib.parse.urlencode([(k, v) for k, v in params.items() if v not in (None, "")])
    return f"{path}?{query}" if query else path


def drain_tasks(timeout: float = 900.0, poll: float = 1.0) -> str:
    """Wait until the task worker has done every queued task (what a first pass queued:
    "meer zoals dit" of the lessons asked, index syncs); a line for the report."""
    pending = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    started = time.perf_counter()
    first = left = pending.count()
    while left and time.perf_counter() - started < timeout:
        time.sleep(poll)
        left = pending.count()
    seconds = time.perf_counter() - started
    done = "done" if not left else f"not done ({left} left at the time limit)"
    return f"tasks: {first} queued by the first pass, {done} in {seconds:.0f} s; {machine_load()}"


def endpoints(
    *, signed_in: bool, seed: int = 7, samples: int = 500, offset: int = 0
) -> list[Endpoint]:
    """The endpoints of a pass, with their URLs, from what this database holds. `offset`
    moves the lessons asked on, so that a reused corpus meets lesson pages whose stored
    derived data (such as "meer zoals dit") an earlier run did not compute."""
    rng = random.Random(seed + (1 if signed_in else 0))
    user = get_user_model().objects.get(username=BENCH_USER) if signed_in else AnonymousUser()
    try:
        queries = search_queries(seed)
    except ValueError as error:
        raise BenchSiteError(str(error)) from error
    fases = list(searching.FACET_VALUES["fase"])
    gemeenten = list(Gemeente.objects.order_by("slug").values_list("slug", flat=True))
    # Tags on lessons this viewer may see (a tag only on restricted lessons is a 404).
    tags = sorted(
        set(
            visible(LessonPage.objects.live(), user)
            .filter(tags__slug__startswith="tag-")
            .values_list("tags__slug", flat=True)
        )
    )
    themas = list(searching.FACET_VALUES["thema"])
    years = [str(y) for y in range(2019, 2027)]

    filtered: dict[str, None] = {}
    k = 0
    while len(filtered) < max(samples, 500) and k < 20 * max(samples, 500):
        text = "" if k % 10 == 9 else queries[(k * 7) % len(queries)]
        params = [
            {"fase": rng.choice(fases)},
            {"gemeente": rng.choice(gemeenten) if gemeenten else None},
            {"thema": rng.choice(themas), "fase": rng.choice(fases)},
            {"tag": rng.choice(tags) if tags else None, "sort": "datum"},
            {"jaar": rng.choice(years), "soort": rng.choice(searching.FACET_VALUES["soort"])},
        ][k % 5]
        filtered[_url("/zoeken/", q=text, **params)] = None
        k += 1

    prefixes = []
    for q in queries:
        word = re.sub(r"[^\w ]", "", q).split()
        for w in word[:2]:
            prefixes += [w[:n] for n in range(2, len(w) + 1)]
    prefixes = list(dict.fromkeys(prefixes))

    total = bench_lesson_count()
    lesson_urls = []
    k = offset
    while total and len(lesson_urls) < min(samples, total) and k < offset + 2 * total:
        i = k % total
        k += 1
        if signed_in or not searching.for_professionals(i):
            lesson_urls.append(f"/lessen/bench-{i}/")

    listing = ["/lessen/"] + [_url("/lessen/", page=p) for p in range(2, 41)]
    for _ in range(120):
        listing.append(
            _url(
                "/lessen/",
                **rng.choice(
                    [
                        {"fase": rng.choice(fases)},
                        {"gemeente": rng.choice(gemeenten) if gemeenten else None},
                        {"thema": rng.choice(themas), "page": rng.randint(1, 3)},
                        {"tag": rng.choice(tags) if tags else None},
                        {"soort": rng.choice(searching.FACET_VALUES["soort"]), "page": 2},
                    ]
                ),
            )
        )
    listing = list(dict.fromkeys(listing))
    tag_urls = [f"/lessen/tag/{t}/" for t in tags] + [f"/lessen/tag/{t}/?page=2" for t in tags]
    dossiers = [p.url for p in visible(DossierPage.objects.live(), user).order_by("pk")]
    kennisdagen = [p.url for p in visible(KennisdagPage.objects.live(), user).order_by("pk")]
    leerloop = ["/leerloop/"] + [_url("/leerloop/", gemeente=g) for g in gemeenten]
    leerloop += [_url("/leerloop/", jaar=y) for y in years]
    leerloop += [_url("/leerloop/", gemeente=g, jaar=y) for g in gemeenten for y in years[-3:]]

    api_queries = queries[len(queries) // 2 :] + queries[: len(queries) // 2]
    found = [
        Endpoint("/zoeken/ (text)", [_url("/zoeken/", q=q) for q in queries]),
        Endpoint("/zoeken/ (filters)", list(filtered)),
        Endpoint("/api/zoeken/", [_url("/api/zoeken/", q=q) for q in api_queries]),
        Endpoint("/api/zoeken/suggest/", [_url("/api/zoeken/suggest/", q=p) for p in prefixes]),
        Endpoint("lesson page", lesson_urls),
        Endpoint("home", ["/"]),
        Endpoint("lessons listing", listing),
        Endpoint("tag page", tag_urls),
        Endpoint("dossier page", dossiers),
        Endpoint("kennisdag page", kennisdagen),
        Endpoint("leerloop", list(dict.fromkeys(leerloop))),
    ]
    for endpoint, key in zip(found, ENDPOINT_KEYS, strict=True):
        endpoint.key = key
    return found


# --- measuring and reporting -----------------------------------------------------------------


def measure(
    base_url: str,
    chosen: list[Endpoint],
    *,
    samples: int,
    concurrency: int,
    cookie: str = "",
    budget: float = 0,
    progress: Callable[[str], None] | None = None,
    server: Server | None = None,
) -> list[Pass]:
    """One pass over every endpoint: `samples` requests each, fewer when an endpoint's pass
    reaches `budget` seconds (0: no limit; the table then marks its n). With `server`, each
    request's server time comes from its access log."""
    passes = []
    for endpoint in chosen:
        paths = endpoint.paths(samples)
        if not paths:
            continue
        start = server.log_position() if server else 0
        latencies, statuses, seconds, reconnects = drive(
            base_url, paths, concurrency=concurrency, cookie=cookie, budget=budget
        )
        measured = Pass(endpoint.name, len(endpoint.urls), latencies, statuses, seconds, reconnects)
        measured.asked = len(paths)
        if server:
            measured.server = server.server_times(start, len(latencies))
        passes.append(measured)
        if progress:
            progress(f"  {endpoint.name}: {measured.rate:.1f} req/s")
    return passes


def _statuses(counter: Counter) -> str:
    if not counter:
        return "0"
    detail = ", ".join(f"{s or 'error'}x{n}" for s, n in sorted(counter.items()))
    return f"{sum(counter.values())} ({detail})"


def format_table(title: str, passes: list[Pass], *, concurrency: int) -> str:
    """One table: a row per endpoint; the load average and core count in its heading. The
    p50/p95/p99 and max are at the client; `srv` columns (when the access log gave them)
    are the server's own time for the same requests."""
    served = any(p.server for p in passes)
    lines = [
        f"== {title}; concurrency {concurrency}; {machine_load()}",
        f"{'endpoint':<22} {'urls':>5} {'n':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8}"
        + (f" {'srv p50':>8} {'srv p95':>8} {'srv p99':>8}" if served else "")
        + "  non-2xx",
    ]
    for p in passes:
        short = "*" if p.asked > len(p.latencies) else " "
        server = (
            "".join(f" {p.percentile(q, server=True):>8.1f}" for q in (0.50, 0.95, 0.99))
            if served
            else ""
        )
        lines.append(
            f"{p.endpoint:<22} {p.distinct:>5} {len(p.latencies):>5}{short}{p.rate:>7.1f} "
            f"{p.percentile(0.50):>8.1f} {p.percentile(0.95):>8.1f} {p.percentile(0.99):>8.1f} "
            f"{max(p.latencies) * 1000:>8.1f}{server}  {_statuses(p.non_2xx)}"
            + (f"  (reconnects {p.reconnects})" if p.reconnects else "")
        )
    short = [p for p in passes if p.asked > len(p.latencies)]
    if short:
        lines.append(
            f"* stopped at the time budget of a pass before {short[0].asked} requests "
            "(--pass-seconds)"
        )
    return "\n".join(lines)


def format_memory(rows: list[tuple[str, dict[str, float]]]) -> str:
    lines = [f"== memory: RSS in MiB (from /proc); {machine_load()}"]
    for phase, memory in rows:
        parts = "  ".join(f"{name} {mib:.0f}" for name, mib in memory.items())
        lines.append(f"{phase:<28} {parts}")
    return "\n".join(lines)


@dataclass
class Probe:
    """One search right after a publish."""

    n: int
    after: float  # s from the publish's commit to the response
    latency: float  # s
    status: int
    found: bool
    worker: int | None = None


@dataclass
class PublishRound:
    slug: str
    word: str
    publish_seconds: float
    probes: list[Probe] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)  # s, the same search once found

    def first_found(self) -> Probe | None:
        return next((p for p in self.probes if p.found), None)

    def per_worker(self) -> dict[int, tuple[Probe, Probe | None]]:
        """Worker pid -> (its first request after the publish, its first that found it)."""
        result: dict[int, tuple[Probe, Probe | None]] = {}
        for probe in self.probes:
            if probe.worker is None:
                continue
            first, found = result.get(probe.worker, (probe, None))
            if found is None and probe.found:
                found = probe
            result[probe.worker] = (first, found)
        return result


def probe_after_publish(
    base_url: str,
    publish: Callable[[], dict],
    *,
    slug: str,
    page_id: int,
    word: str,
    workers: int = 1,
    served_by: Callable[[str], dict[str, int]] | None = None,
    timeout: float = 30,
    settle: int = 10,
) -> PublishRound:
    """Publish (`publish` returns the commit's wall-clock time, `committed`, and the seconds
    the write took, `seconds`), then ask `/zoeken/?q=word` one request after the other until
    each of `workers` workers (known from `served_by`, the access log) has found the lesson
    at least once, or `timeout` passes; then `settle` more of the same search, for what it
    costs once the change is applied."""
    tag = secrets.token_hex(3)
    published = publish()
    committed = published["committed"]
    found_page = re.compile(rf'/zoeken/klik/\d+/{page_id}/"|href="/lessen/{re.escape(slug)}/"')
    round_ = PublishRound(slug, word, published["seconds"])
    deadline = time.time() + timeout
    n = 0
    while time.time() < deadline:
        n += 1
        path = _url("/zoeken/", q=word, probe=f"{tag}-{n}")
        started = time.perf_counter()
        try:
            status, _, text = request(base_url, path)
        except OSError:
            status, text = 0, ""
        latency = time.perf_counter() - started
        probe = Probe(n, time.time() - committed, latency, status, bool(found_page.search(text)))
        round_.probes.append(probe)
        if served_by and probe.found:
            served = served_by(tag)
            for p in round_.probes:
                p.worker = served.get(_url("/zoeken/", q=word, probe=f"{tag}-{p.n}"))
            done = {pid for pid, (_, f) in round_.per_worker().items() if f}
            if len(done) >= workers:
                break
        elif probe.found and not served_by:
            break
    if round_.first_found():
        for _ in range(settle):
            started = time.perf_counter()
            request(base_url, _url("/zoeken/", q=word))
            round_.settled.append(time.perf_counter() - started)
    if served_by:
        time.sleep(0.2)  # the access log line follows the response
        served = served_by(tag)
        for p in round_.probes:
            p.worker = served.get(_url("/zoeken/", q=word, probe=f"{tag}-{p.n}"))
    return round_


def format_publish(rounds: list[PublishRound]) -> str:
    lines = [
        "== first search after publish (a lesson published in a separate process through "
        f"lessons.services; /zoeken/ asked one request at a time); {machine_load()}"
    ]
    for r in rounds:
        first = r.first_found()
        lines.append(
            f"-- {r.slug}, word {r.word!r}: publish took {r.publish_seconds * 1000:.0f} ms; "
            + (
                f"first found {first.after * 1000:.0f} ms after the commit "
                f"(request {first.n}, {first.latency * 1000:.1f} ms)"
                if first
                else f"NOT FOUND in {len(r.probes)} requests"
            )
        )
        before = [p for p in r.probes if not first or p.n < first.n]
        if before:
            lines.append(
                f"   {len(before)} requests before that, p50 "
                f"{sorted(p.latency for p in before)[len(before) // 2] * 1000:.1f} ms"
            )
        if r.settled:
            settled = sorted(r.settled)
            lines.append(
                f"   then the same search {len(settled)} times: p50 "
                f"{settled[len(settled) // 2] * 1000:.1f} ms, max {settled[-1] * 1000:.1f} ms"
            )
        for pid, (head, found) in sorted(r.per_worker().items()):
            lines.append(
                f"   worker {pid}: first request {head.after * 1000:.0f} ms after the commit "
                f"({head.latency * 1000:.1f} ms, {'found' if head.found else 'not yet'}); "
                + (
                    f"first found {found.after * 1000:.0f} ms after ({found.latency * 1000:.1f} ms)"
                    if found
                    else "never found"
                )
            )
    return "\n".join(lines)


PUBLISH_CODE = """
import json, re, time
from django.db import transaction
from lessons.exporter import lesson_data
from lessons.models import LessonPage
from lessons.services import update_lesson
lesson = LessonPage.objects.get(slug={slug!r})
data = lesson_data(lesson)
body = re.sub(r"\\n*Meetwoord: \\w+\\s*$", "", data.body)
data.body = body + "\\n\\nMeetwoord: {word}\\n"
started = time.time()
with transaction.atomic():
    changed = update_lesson(lesson, data)
committed = time.time()
result = {{"committed": committed, "seconds": committed - started, "changed": changed}}
print(json.dumps(result), flush=True)
"""


class Publisher:
    """Publishes a new revision of a lesson with a given word in its body, each time in a
    new process with the server's settings (production: the index sync is queued for the
    task worker, as after an editor's publish). `publish` returns as soon as the process
    reports the commit, so that the first searches overlap its exit as they would overlap
    the rest of an editor's request; `wait` collects the process."""

    def __init__(self, env: dict):
        self.env = env
        self.process: subprocess.Popen | None = None

    def publish(self, slug: str, word: str) -> dict:
        self.process = subprocess.Popen(  # noqa: S603 - this module's own code, no outside input
            [
                sys.executable,
                "manage.py",
                "shell",
                "-v0",
                "-c",
                PUBLISH_CODE.format(slug=slug, word=word),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in self.process.stdout:
            if line.startswith("{"):
                result = json.loads(line)
                if not result["changed"]:
                    raise BenchSiteError(f"publishing {slug} changed nothing")
                return result
        self.wait()
        raise BenchSiteError(f"publishing {slug} failed (exit {self.process.returncode})")

    def wait(self) -> None:
        if self.process is not None:
            self.process.communicate(timeout=120)
            if self.process.returncode:
                raise BenchSiteError(f"the publishing process exited {self.process.returncode}")
            self.process = None


def marker_word(rng: random.Random) -> str:
    """A word no lesson holds and no lexicon splits."""
    return "xq" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))


# --- the run ---------------------------------------------------------------------------------


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run(
    docs: int,
    *,
    seed: int = 7,
    samples: int = 500,
    concurrency: int = 4,
    publish_rounds: int = 3,
    pass_seconds: float = 120,
    rebuild: bool = False,
    only: list[str] | None = None,
    out=print,
    progress=None,
) -> dict:
    """Build or reuse the corpus, start the server, measure, report (see the module).
    `only`: the short names (`ENDPOINT_KEYS`) of the endpoints to ask; None for all."""
    started = time.perf_counter()
    progress = progress or out
    port = free_port()
    env = production_env(port)
    out(f"database: {connection.vendor} {database_name()}; {docs} lessons; {machine_load()}")
    marker = ensure_corpus(docs, seed, env, out=out, rebuild=rebuild)
    analyze(out)
    manage_shell(env, "from django.core.cache import caches; [caches[a].clear() for a in caches]")
    ensure_user()
    out(drop_leftover_tasks())
    runs = int(marker.get("runs", 0)) + 1
    write_marker({k: v for k, v in marker.items() if k != "reused"} | {"runs": runs})
    offset = ((runs - 1) * samples) % max(1, bench_lesson_count())
    chosen = {
        signed_in: [
            e
            for e in endpoints(signed_in=signed_in, seed=seed, samples=samples, offset=offset)
            if only is None or e.key in only
        ]
        for signed_in in (False, True)
    }
    lessons = list(
        LessonPage.objects.filter(slug__startswith="bench-", zichtbaarheid="openbaar")
        .order_by("pk")
        .values_list("pk", "slug")[:publish_rounds]
    )
    connection.close()

    run_dir = VAR / "runs" / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    run_dir.mkdir(parents=True, exist_ok=True)
    server = Server(env, run_dir)
    # Stopped from outside (SIGTERM), stop the server too: as after Ctrl+C, `finally` runs.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    report: dict = {"docs": docs, "seed": seed, "vendor": connection.vendor, "tables": {}}
    memory: list[tuple[str, dict[str, float]]] = []
    try:
        server.start()
        workers = server.workers()
        out(
            f"server: gunicorn {len(workers)} workers (deploy/gunicorn.conf.py), production "
            f"settings, {server.base_url}; db_worker; logs in {run_dir}"
        )
        memory.append(("started", server.memory()))
        for signed_in in (False, True):
            who = "signed in (professional)" if signed_in else "anonymous"
            cookie = login(server.base_url, BENCH_USER, BENCH_PASSWORD) if signed_in else ""
            if signed_in:
                lesson_urls = next((e.urls for e in chosen[True] if e.key == "lesson"), [])
                # Every tenth lesson is for professionals only.
                restricted = next((u for u in lesson_urls if u.endswith("0/")), None)
                if restricted:
                    status_in, _, _ = request(server.base_url, restricted, cookie=cookie)
                    status_out, _, _ = request(server.base_url, restricted)
                    out(
                        f"signed in: {restricted} (professionals only) answers {status_in} "
                        f"signed in, {status_out} anonymous"
                    )
            for label, kind in (("cold (first pass)", "cold"), ("warm (second pass)", "warm")):
                if kind == "warm":
                    out(drain_tasks())
                progress(f"{who}, {kind} ...")
                passes = measure(
                    server.base_url,
                    chosen[signed_in],
                    samples=samples,
                    concurrency=concurrency,
                    cookie=cookie,
                    budget=pass_seconds,
                    progress=progress,
                    server=server,
                )
                title = f"{who}, {label}"
                out(format_table(title, passes, concurrency=concurrency))
                report["tables"][title] = passes
            memory.append((f"after {who}", server.memory()))
        rng = random.Random()
        rounds = []
        publisher = Publisher(env)
        for page_id, slug in lessons:
            word = marker_word(rng)
            start = server.log_position()
            rounds.append(
                probe_after_publish(
                    server.base_url,
                    lambda s=slug, w=word: publisher.publish(s, w),
                    slug=slug,
                    page_id=page_id,
                    word=word,
                    workers=len(server.workers()),
                    served_by=lambda tag, start=start: server.served_by(tag, start),
                )
            )
            publisher.wait()
            time.sleep(1)
        memory.append(("after publishing", server.memory()))
        out(format_publish(rounds))
        out(format_memory(memory))
        report["publish"] = rounds
        report["memory"] = memory
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
    report["seconds"] = time.perf_counter() - started
    out(f"done in {report['seconds']:.0f} s; {machine_load()}")
    return report
