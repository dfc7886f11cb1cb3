"""Fixtures for the browser tests: a running app and Debian's headless Chromium.

The session starts ``streamlit run app.py`` on a free localhost port and one Chromium
(``/usr/bin/chromium``; Playwright's own browser download cannot work on this network).
Every test gets a fresh browser context, i.e. a fresh Streamlit session, whose requests
and WebSocket connections are recorded: a request to any host but the app's own fails
the test, because the dashboard must work offline and leak nothing to a CDN.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# One definition of the browser set-up serves the tests and the benchmarks.
from bench.harness import ARTIFACTS, CHROMIUM_ARGS, IDLE_SELECTOR, ROOT, VIEWPORT, free_port  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
MAX_SCREENSHOT_HEIGHT = 12_000
STARTUP_TIMEOUT_S = 90
IDLE_TIMEOUT_MS = 90_000
LOCAL_SCHEMES = {"data", "blob", "about"}


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_healthy(base_url: str, process: subprocess.Popen, log: Path, timeout: float = STARTUP_TIMEOUT_S) -> None:
    """Poll ``/_stcore/health`` until it answers ``ok``; fail with the log tail otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with code {process.returncode} before serving:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200 and answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit did not answer {base_url}/_stcore/health within {timeout} s:\n{_tail(log)}")


@contextmanager
def running_app(log_name: str = "streamlit-browser-tests.log") -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free port; yield its base URL; stop it."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log = ARTIFACTS / log_name
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.port", str(port), "--server.headless", "true"],
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=os.environ | {"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
        )
    base_url = f"http://localhost:{port}"
    try:
        wait_healthy(base_url, process, log)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL (``http://localhost:PORT``) of the dashboard, started once per session."""
    with running_app() as base_url:
        yield base_url


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless. Missing Chromium is a failure, never a skip."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium. "
            "Run `make test`, which installs it (apt-get install chromium fonts-noto-cjk)."
        )
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class AppPage:
    """One browser tab on the app, with everything it asked the network for."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    @property
    def own_hosts(self) -> set[str]:
        port = urlsplit(self.base_url).port
        return {f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}

    def foreign_requests(self) -> list[str]:
        """Every recorded request (HTTP or WebSocket) that left the app's own host."""
        foreign = []
        for url in [*self.requests, *self.websockets]:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.netloc not in self.own_hosts:
                foreign.append(url)
        return foreign

    def assert_local_only(self) -> None:
        foreign = self.foreign_requests()
        assert not foreign, f"the browser contacted hosts other than the app: {foreign[:10]}"

    def open(self, path: str) -> None:
        """Navigate to ``path`` (e.g. ``/?present=true``) and wait until the script run is over."""
        self.page.goto(self.base_url + path, wait_until="domcontentloaded")
        self.wait_idle()

    def wait_idle(self) -> None:
        """Wait until Streamlit has finished running the script (and the status widget is gone)."""
        self.page.wait_for_selector(IDLE_SELECTOR, timeout=IDLE_TIMEOUT_MS)
        try:
            self.page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=IDLE_TIMEOUT_MS)
        except PlaywrightTimeout:
            pytest.fail("Streamlit's status widget ('Running...') never went away")
        # A run can finish while the page is still laying out its elements: wait until no
        # element is marked stale and two animation frames have been drawn.
        self.page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')",
                                    timeout=IDLE_TIMEOUT_MS)
        self.next_frames()
        self.page.wait_for_selector(IDLE_SELECTOR, timeout=IDLE_TIMEOUT_MS)

    def next_frames(self) -> None:
        """Return once the browser has drawn two more frames (layout and paint are done)."""
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def screenshot(self, name: str, *, stretch: bool = True) -> Path:
        """Full-page screenshot saved as ``test-artifacts/<name>.png``.

        Streamlit scrolls inside its main container, not the document, so the viewport is
        stretched to the container's full height for the shot and restored afterwards
        (``stretch=False`` keeps the viewport, e.g. to keep a hover label on screen).
        """
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        if not stretch:
            self.page.screenshot(path=str(target))
            return target
        size = self.page.viewport_size or VIEWPORT
        height = self.page.evaluate(
            """() => Math.max(document.documentElement.scrollHeight,
                ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')]
                    .map(e => e.scrollHeight))"""
        )
        tall = min(max(int(height), size["height"]), MAX_SCREENSHOT_HEIGHT)
        self.page.set_viewport_size({"width": size["width"], "height": tall})
        try:
            self.next_frames()
            self.page.screenshot(path=str(target), full_page=True)
        finally:
            self.page.set_viewport_size(size)
        return target


@pytest.fixture
def app_page(browser: Browser, app_url: str) -> Iterator[AppPage]:
    """A fresh tab (own context, so its own Streamlit session) that records its requests."""
    yield from open_tab(browser, app_url)


def open_tab(browser: Browser, app_url: str) -> Iterator[AppPage]:
    """A tab on ``app_url`` that records its requests and checks them when closed."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    tab = AppPage(page=page, base_url=app_url)
    page.on("request", lambda request: tab.requests.append(request.url))
    page.on("websocket", lambda socket_: tab.websockets.append(socket_.url))
    page.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()
    # Checked again after the test: nothing may reach another host, whatever the test did.
    tab.assert_local_only()
