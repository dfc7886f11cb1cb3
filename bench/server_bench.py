"""Server-side timings: a rerun after a control change, the ETL, and a cold start."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import (
    IDLE_SELECTOR,
    PROVINCES,
    ROOT,
    SHAPES,
    VIEWPORT,
    BenchError,
    http_get,
    launch_server,
)


def rerun_times(runs: int, log=print) -> dict[str, list[float]]:
    """Seconds of ``at.run()`` after changing the indicator, and after changing the colours.

    AppTest runs the real app script in this process, so the time is the server's own work
    for one rerun (script, data from cache, figure building, serialisation), with no network
    and no browser. The first run (imports, cold cache) is left out.
    """
    from streamlit.testing.v1 import AppTest

    from dashboard import data

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/explorer.py")
    at.run()
    if at.exception:
        raise BenchError(f"the map explorer raised in AppTest: {at.exception[0].message}")
    names = data.catalogue().province_level()
    first = at.selectbox(key="indicator").value
    other = next(name for name in names if name != first)
    indicator: list[float] = []
    for run in range(runs):
        at.selectbox(key="indicator").set_value(other if run % 2 == 0 else first)
        start = time.perf_counter()
        at.run()
        indicator.append(time.perf_counter() - start)
        if at.exception:
            raise BenchError(f"rerun raised: {at.exception[0].message}")
    colours: list[float] = []
    for run in range(runs):
        at.radio(key="bins").set_value("quantiles" if run % 2 == 0 else "continuous")
        start = time.perf_counter()
        at.run()
        colours.append(time.perf_counter() - start)
    spec_bytes = len(at.get("plotly_chart")[0].proto.spec.encode("utf-8"))
    log(f"  indicator reruns: {', '.join(f'{t * 1000:.0f}' for t in indicator)} ms")
    return {"indicator": indicator, "colours": colours, "spec_bytes": [float(spec_bytes)],
            "indicators": [first, other]}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _etl(out: Path, force: bool) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one ``python -m etl`` process."""
    command = [sys.executable, "-m", "etl", "--out", str(out)] + (["--force"] if force else [])
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed, _children_cpu() - cpu


def etl_times(runs: int, log=print) -> dict[str, list[float]]:
    """Full rebuild (``--force`` into an empty temp folder) and no-op rebuild, as subprocesses.

    Both include the Python start-up a person pays for ``python -m etl``. The repository's
    data/processed is never touched.
    """
    times: dict[str, list[float]] = {"full": [], "noop": [], "full_cpu": [], "noop_cpu": []}
    with tempfile.TemporaryDirectory(prefix="bench-etl-") as scratch:
        for run in range(runs):
            out = Path(scratch) / f"processed-{run}"
            for kind, force in (("full", True), ("noop", False)):
                wall, cpu = _etl(out, force=force)
                times[kind].append(wall)
                times[f"{kind}_cpu"].append(cpu)
            shutil.rmtree(out, ignore_errors=True)
            log(f"  ETL run {run + 1}/{runs}: full {times['full'][-1]:.2f} s, no-op {times['noop'][-1]:.2f} s")
    return times


def cold_starts(browser, runs: int, log=print) -> dict[str, list[float]]:
    """Launch the app, then time: health endpoint ok, first HTML, first map drawn in a browser."""
    health: list[float] = []
    html: list[float] = []
    drawn: list[float] = []
    for run in range(runs):
        start = time.perf_counter()
        server = launch_server("app.py", name="cold")
        try:
            server.wait_healthy()
            health.append(time.perf_counter() - start)
            status, body = http_get(server.url + "/", timeout=10)
            if status != 200 or b"<html" not in body.lower():
                raise BenchError(f"first page: HTTP {status}, {len(body)} bytes")
            html.append(time.perf_counter() - start)
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            page.goto(server.url + "/", wait_until="commit")
            page.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n",
                                   arg=[SHAPES, PROVINCES], polling="raf", timeout=120_000)
            drawn.append(time.perf_counter() - start)
            page.wait_for_selector(IDLE_SELECTOR, timeout=120_000)
            context.close()
        finally:
            server.stop()
        log(f"  cold start {run + 1}/{runs}: health {health[-1]:.2f} s, HTML {html[-1]:.2f} s, map {drawn[-1]:.2f} s")
    return {"health": health, "html": html, "map": drawn}
