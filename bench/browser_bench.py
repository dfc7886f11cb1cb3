"""What a person's browser sees: navigation to a drawn map, and bytes over the WebSocket.

Each run opens a fresh browser context (empty cache, new Streamlit session) against a
warm server, so the numbers are those of a new visitor once the app is up.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page

from bench.harness import BARS, IDLE_SELECTOR, PROVINCES, SHAPES, VIEWPORT, median, own_host

SETTLE_MS = 1000  # after the run ends, wait this long for trailing frames before counting


@dataclass
class Visit:
    """One page load: seconds to first drawn figure and to idle, frames received, hosts."""

    drawn_s: float
    idle_s: float
    frames: list[int] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


class Recorder:
    """Counts WebSocket payload bytes the page receives, and requests to other hosts."""

    def __init__(self, page: Page, port: int):
        self.frames: list[int] = []
        self.foreign: list[str] = []
        page.on("websocket", self._socket)
        page.on("request", lambda request: None if own_host(request.url, port) else self.foreign.append(request.url))

    def _socket(self, socket) -> None:
        socket.on("framereceived", lambda payload: self.frames.append(
            len(payload) if isinstance(payload, bytes) else len(payload.encode("utf-8"))))

    def take(self) -> list[int]:
        frames, self.frames = self.frames, []
        return frames


def _wait_count(page: Page, selector: str, minimum: int, timeout: int = 90_000) -> None:
    page.wait_for_function(
        "([selector, n]) => document.querySelectorAll(selector).length >= n",
        arg=[selector, minimum], polling="raf", timeout=timeout,
    )


def _fills(page: Page) -> list[str]:
    return page.evaluate("(s) => [...document.querySelectorAll(s)].map(p => getComputedStyle(p).fill)", SHAPES)


def _titles(page: Page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .g-gtitle .gtitle')].map(e => e.textContent)")


def _settled(page: Page) -> None:
    page.wait_for_selector(IDLE_SELECTOR, timeout=90_000)
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_selector(IDLE_SELECTOR, timeout=90_000)


def visit(page: Page, recorder: Recorder, url: str, selector: str, minimum: int) -> Visit:
    """Navigate and time until ``minimum`` elements match ``selector`` and the run is over."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    _wait_count(page, selector, minimum)
    drawn = time.perf_counter() - start
    page.wait_for_selector(IDLE_SELECTOR, timeout=90_000)
    idle = time.perf_counter() - start
    page.wait_for_timeout(SETTLE_MS)
    return Visit(drawn, idle, recorder.take(), list(recorder.foreign))


def change_colours(page: Page, recorder: Recorder, option: str) -> tuple[float, list[int]]:
    """Click a Colours option; seconds until the fills change, and the frames it cost."""
    recorder.take()
    before = _fills(page)
    radio = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').filter(has_text="Colours")
    start = time.perf_counter()
    radio.get_by_text(option, exact=True).click()
    page.wait_for_function(
        "([s, old]) => JSON.stringify([...document.querySelectorAll(s)].map(p => getComputedStyle(p).fill))"
        " !== JSON.stringify(old)", arg=[SHAPES, before], polling="raf", timeout=90_000)
    elapsed = time.perf_counter() - start
    _settled(page)
    return elapsed, recorder.take()


def change_indicator(page: Page, recorder: Recorder, title: str) -> tuple[float, list[int]]:
    """Pick an indicator by its displayed title; seconds until the figure title shows it."""
    recorder.take()
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Indicator").click()
    option = page.get_by_role("option", name=title, exact=True)
    start = time.perf_counter()
    option.click()
    page.wait_for_function(
        "(want) => [...document.querySelectorAll('.js-plotly-plot .g-gtitle .gtitle')]"
        ".some(e => e.textContent.includes(want))", arg=title, polling="raf", timeout=90_000)
    elapsed = time.perf_counter() - start
    _settled(page)
    return elapsed, recorder.take()


def navigation_and_bytes(browser: Browser, app, baseline, runs: int, other_title: str, log=print) -> dict:
    """Interleaved runs: map explorer vs baseline load times, and the map's WebSocket bytes."""
    results: dict[str, list] = {k: [] for k in (
        "map_drawn", "map_idle", "base_drawn", "base_idle", "map_first_bytes", "map_first_frames",
        "map_first_largest", "base_first_bytes", "colours_bytes", "colours_largest", "colours_s", "indicator_bytes", "indicator_s",
        "foreign")}
    targets = [(app, SHAPES, PROVINCES, "map"), (baseline, BARS, 1, "base")]
    # One warm-up visit each: the first script run imports modules and reads the data.
    for server, selector, minimum, _ in targets:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        visit(page, Recorder(page, server.port), server.url + "/", selector, minimum)
        context.close()
    for run in range(runs):
        for server, selector, minimum, label in targets:
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            recorder = Recorder(page, server.port)
            seen = visit(page, recorder, server.url + "/", selector, minimum)
            results[f"{label}_drawn"].append(seen.drawn_s)
            results[f"{label}_idle"].append(seen.idle_s)
            results[f"{label}_first_bytes"].append(sum(seen.frames))
            if label == "map":
                results["map_first_frames"].append(len(seen.frames))
                results["map_first_largest"].append(max(seen.frames, default=0))
                seconds, frames = change_colours(page, recorder, "Quantiles")
                results["colours_s"].append(seconds)
                results["colours_bytes"].append(sum(frames))
                results["colours_largest"].append(max(frames, default=0))
                seconds, frames = change_indicator(page, recorder, other_title)
                results["indicator_s"].append(seconds)
                results["indicator_bytes"].append(sum(frames))
            results["foreign"].extend(recorder.foreign)
            context.close()
        log(f"  run {run + 1}/{runs}: map drawn {results['map_drawn'][-1]:.2f} s, "
            f"baseline drawn {results['base_drawn'][-1]:.2f} s, first view {results['map_first_bytes'][-1]:,} B")
    return results


def summarise(results: dict) -> dict:
    return {key: (median(values) if key != "foreign" else values) for key, values in results.items()}
