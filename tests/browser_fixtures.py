"""Browser harness (a pytest plugin, loaded by tests/conftest.py).

Playwright drives Debian's Chromium against pytest-django's live server. Chromium is
started headless, without sandbox (CI runs as root) and without background networking
(this machine's network is closed). A missing Chromium fails the tests with the install
command, never a silent skip.
"""

import os
import shutil
import threading

import pytest
from django.core.signals import request_finished, request_started
from django.urls import get_resolver

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with 'apt-get install chromium' "
            "(.ci/run does this) or set CHROMIUM_PATH."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class _InFlight:
    """Requests the live server's threads are still handling.

    Closing a browser context does not wait for the server: a request Chromium sent last
    (a chart's data, a prefetch) can still be reading the shared in-memory SQLite database
    when the test's teardown flushes it, and the flush then fails on a locked table. The
    page fixture waits for this count to reach zero before the database is torn down.
    """

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self.changed:
                self.count += 1

    def finished(self, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self.changed:
                self.count = max(0, self.count - 1)
                self.changed.notify_all()

    def wait_idle(self, timeout=10.0):
        with self.changed:
            return self.changed.wait_for(lambda: self.count == 0, timeout=timeout)


_in_flight = _InFlight()


def _count_requests_last():
    """Count a request as done only after every other `request_finished` receiver ran (the
    query log writes its batch there): load the URLconf, which imports the views and their
    receivers, then connect ours after them. Receivers run in the order they connected."""
    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    request_started.disconnect(_in_flight.started)
    request_finished.disconnect(_in_flight.finished)
    request_started.connect(_in_flight.started, weak=False)
    request_finished.connect(_in_flight.finished, weak=False)


@pytest.fixture
def page(browser, live_server):
    _count_requests_last()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
    assert _in_flight.wait_idle(), "the live server still handles a request 10 s after the test"


@pytest.fixture
def axe_violations():
    """Run axe-core (bundled with axe-playwright-python) at WCAG 2.1 AA on a loaded page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]
        ]

    return run


def login(page, username, password):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
