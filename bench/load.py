"""Load test: many people on the map explorer at once (``python -m bench load``).

``sessions`` Streamlit sessions run side by side against a fresh server on localhost.
Sessions arrive ``ramp_s`` apart; each loads the map explorer, then flips the Colours
control between Continuous and Quantiles for ``duration_s`` seconds once its map is there,
pausing ``think_s`` after each update as a person would. Each change is timed from the
control change to the figure update. The run is bounded three ways: a per-session
deadline, a cap on changes per session, and a hard timeout on the whole test; every step
has its own timeout. It then stops by itself.

Two kinds of client:

``protocol`` (default)
    Speaks Streamlit's own WebSocket protocol (the protobuf ``BackMsg``/``ForwardMsg`` the
    browser sends and receives): it fetches the page and the province GeoJSON over HTTP,
    asks for a script run, reads the ``Colours`` radio's widget id from the deltas, then
    sends the same widget state the browser would send on a click. "Figure update" is the
    arrival of the new ``plotly_chart`` delta, whose spec must differ from the last one.
    It costs the client almost no CPU, so on a small machine the server, not the load
    generator, is what is measured.
``browser``
    One headless Chromium with one browser context per session, clicking the radio;
    "figure update" is the moment the province fills change on screen. Closer to a
    person, but 25 rendering tabs need far more CPU than the server does.

Errors counted: a step that times out, a Streamlit exception, a script run that does not
finish successfully, a figure that does not change, a dropped connection, and (browser)
any request to another host. The server's peak resident memory is its ``VmHWM`` from
``/proc/<pid>/status``.
"""

from __future__ import annotations

import asyncio
import os
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE_SELECTOR,
    PROVINCES,
    SHAPES,
    VIEWPORT,
    check_chromium,
    free_port,
    median,
    own_host,
    percentile,
    running_server,
)

STEP_TIMEOUT_S = 60.0
PAGE = "explorer"  # url_path of the map explorer in app.py
POLL_MS = 50  # how often a tab checks for its redrawn map: every animation frame would load the CPU
OPTIONS = ["Quantiles", "Continuous"]  # the Colours radio's labels, which are also its widget values
FILLS_JS = "(s) => JSON.stringify([...document.querySelectorAll(s)].map(p => getComputedStyle(p).fill))"
CHANGED_JS = (
    "([s, old]) => JSON.stringify([...document.querySelectorAll(s)].map(p => getComputedStyle(p).fill)) !== old"
)


@dataclass
class LoadResult:
    client: str
    sessions: int
    duration_s: float
    ramp_s: float
    think_s: float
    rerun_s: list[float] = field(default_factory=list)
    first_map_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changes: int = 0
    bytes_per_change: list[int] = field(default_factory=list)
    peak_rss_kib: int | None = None
    rss_before_kib: int | None = None
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    machine_busy_cpu_s: float = 0.0
    replicas: int = 0  # 0: one plain Streamlit server; N: N replicas behind nginx


def _process_cpu_s(pid: int) -> float:
    """utime + stime of one process, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _machine_busy_cpu_s() -> float:
    """CPU seconds spent not idle by every CPU since boot (from /proc/stat)."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


# --- protocol client ----------------------------------------------------------------------


@dataclass
class RunOutcome:
    """What one script run sent back."""

    chart_s: float | None = None  # seconds from the request to the plotly_chart delta
    spec: str = ""
    radios: dict = field(default_factory=dict)
    page_hash: str = ""
    exceptions: list[str] = field(default_factory=list)
    status: str = ""
    nbytes: int = 0
    query_string: str | None = None  # the URL the app wrote, which a browser sends back next run


async def _read_run(socket, started: float) -> RunOutcome:
    """Read ForwardMsgs until ``script_finished``."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    outcome = RunOutcome()
    while True:
        data = await asyncio.wait_for(socket.recv(), timeout=STEP_TIMEOUT_S)
        outcome.nbytes += len(data)
        message = ForwardMsg()
        message.ParseFromString(data)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            outcome.page_hash = message.new_session.page_script_hash
        elif kind == "page_info_changed":
            outcome.query_string = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            which = element.WhichOneof("type")
            if which == "radio":
                outcome.radios[element.radio.label] = element.radio.id
            elif which == "plotly_chart" and outcome.chart_s is None:
                outcome.chart_s = time.perf_counter() - started
                outcome.spec = element.plotly_chart.spec
            elif which == "exception":
                outcome.exceptions.append(element.exception.message[:200])
        elif kind == "script_finished":
            outcome.status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
            if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return outcome


def _http_get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=STEP_TIMEOUT_S) as answer:
        return len(answer.read())


async def _protocol_session(server, duration_s: float, max_changes: int, result: LoadResult, index: int,
                            delay_s: float, think_s: float) -> None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg

    await asyncio.sleep(delay_s)
    phase = "loading the map"
    try:
        start = time.perf_counter()
        # What a browser fetches before it opens the socket: the page, then (once drawn) the geometry.
        await asyncio.to_thread(_http_get, f"{server.url}/{PAGE}")
        async with websockets.connect(f"ws://127.0.0.1:{server.port}/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=STEP_TIMEOUT_S) as socket:
            request = BackMsg()
            request.rerun_script.query_string = ""
            request.rerun_script.page_name = PAGE  # the map explorer, no longer the default page
            await socket.send(request.SerializeToString())
            first = await _read_run(socket, time.perf_counter())
            await asyncio.to_thread(_http_get, server.url + "/app/static/provinces.geojson")
            if first.chart_s is None or first.exceptions or first.status != "FINISHED_SUCCESSFULLY":
                result.errors.append(f"session {index}: first run: status {first.status}, no map"
                                     f"{'; ' + first.exceptions[0] if first.exceptions else ''}")
                return
            result.first_map_s.append(time.perf_counter() - start)
            radio_id = first.radios.get("Colours")
            if radio_id is None:
                result.errors.append(f"session {index}: no 'Colours' radio on the map explorer")
                return
            last_spec = first.spec
            query_string = first.query_string or ""
            deadline = time.monotonic() + duration_s
            for step in range(max_changes):
                if time.monotonic() >= deadline:
                    break
                phase = f"change {step + 1}"
                request = BackMsg()
                # By name: the hash new_session reports is the default page's, and a hash wins over a name.
                request.rerun_script.page_name = PAGE
                request.rerun_script.query_string = query_string
                widget = request.rerun_script.widget_states.widgets.add()
                widget.id = radio_id
                widget.string_value = OPTIONS[step % 2]
                sent = time.perf_counter()
                await socket.send(request.SerializeToString())
                outcome = await _read_run(socket, sent)
                if outcome.exceptions or outcome.status != "FINISHED_SUCCESSFULLY":
                    result.errors.append(f"session {index}, {phase}: status {outcome.status}"
                                         f"{'; ' + outcome.exceptions[0] if outcome.exceptions else ''}")
                    return
                if outcome.chart_s is None or outcome.spec == last_spec:
                    result.errors.append(f"session {index}, {phase}: the figure did not change")
                    return
                last_spec = outcome.spec
                query_string = outcome.query_string if outcome.query_string is not None else query_string
                result.rerun_s.append(outcome.chart_s)
                result.bytes_per_change.append(outcome.nbytes)
                result.changes += 1
                await asyncio.sleep(think_s)
    except Exception as error:  # noqa: BLE001 - every failure of a session is an error to report
        result.errors.append(f"session {index}, {phase}: {type(error).__name__}: {str(error)[:200]}")


# --- browser client -----------------------------------------------------------------------


async def _browser_session(browser, server, duration_s: float, max_changes: int, result: LoadResult, index: int,
                           delay_s: float, think_s: float) -> None:
    await asyncio.sleep(delay_s)
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    foreign: list[str] = []
    page.on("request", lambda request: None if own_host(request.url, server.port) else foreign.append(request.url))
    timeout_ms = STEP_TIMEOUT_S * 1000
    phase = "loading the map"
    try:
        start = time.perf_counter()
        await page.goto(server.url + "/", wait_until="commit", timeout=timeout_ms)
        await page.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n",
                                     arg=[SHAPES, PROVINCES], polling=POLL_MS, timeout=timeout_ms)
        result.first_map_s.append(time.perf_counter() - start)
        await page.wait_for_selector(IDLE_SELECTOR, timeout=timeout_ms)
        radio = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').filter(has_text="Colours")
        deadline = time.monotonic() + duration_s
        for step in range(max_changes):
            if time.monotonic() >= deadline:
                break
            phase = f"change {step + 1}"
            before = await page.evaluate(FILLS_JS, SHAPES)
            start = time.perf_counter()
            await radio.get_by_text(OPTIONS[step % 2], exact=True).click(timeout=timeout_ms)
            await page.wait_for_function(CHANGED_JS, arg=[SHAPES, before], polling=POLL_MS, timeout=timeout_ms)
            result.rerun_s.append(time.perf_counter() - start)
            result.changes += 1
            await page.wait_for_selector(IDLE_SELECTOR, timeout=timeout_ms)
            exceptions = page.locator('[data-testid="stException"]')
            if await exceptions.count():
                text = (await exceptions.first.inner_text()).splitlines()[0][:200]
                result.errors.append(f"session {index}: exception on the page after {phase}: {text}")
                return
            await asyncio.sleep(think_s)
    except Exception as error:  # noqa: BLE001 - every failure of a session is an error to report
        result.errors.append(
            f"session {index}, {phase}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
    finally:
        result.errors.extend(f"session {index}: request to another host: {u}" for u in foreign[:3])
        await context.close()


# --- driver -------------------------------------------------------------------------------


def hard_limit_s(sessions: int, duration_s: float, ramp_s: float) -> float:
    return sessions * ramp_s + duration_s + 180


@dataclass
class Front:
    """nginx in front of replicas, looking like one server to the clients."""

    url: str
    port: int


@contextmanager
def _target(replicas: int):
    """One plain server (``replicas == 0``), or ``replicas`` Streamlit processes behind nginx."""
    if replicas == 0:
        with running_server("app.py", name="load") as server:
            yield server, server.pid
        return
    from deploy.serve import replicas as serve_replicas

    port = free_port()
    with serve_replicas(replicas, port=port, base_port=free_port()) as url:
        yield Front(url=url, port=port), None


async def _run(result: LoadResult, max_changes: int, log) -> LoadResult:
    with _target(result.replicas) as (server, pid):
        result.rss_before_kib = server.status_kib("VmRSS") if pid else None
        args = (result.duration_s, max_changes, result)
        browser = playwright = None
        if result.client == "browser":
            from playwright.async_api import async_playwright

            playwright = await async_playwright().start()
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        start = time.monotonic()
        server_cpu, machine_cpu = (_process_cpu_s(pid) if pid else 0.0), _machine_busy_cpu_s()
        if browser is not None:
            tasks = [_browser_session(browser, server, *args, i, i * result.ramp_s, result.think_s)
                     for i in range(result.sessions)]
        else:
            tasks = [_protocol_session(server, *args, i, i * result.ramp_s, result.think_s)
                     for i in range(result.sessions)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks),
                                   timeout=hard_limit_s(result.sessions, result.duration_s, result.ramp_s))
        except TimeoutError:
            result.errors.append("the load test hit its hard time limit")
        result.wall_s = time.monotonic() - start
        result.server_cpu_s = (_process_cpu_s(pid) - server_cpu) if pid else float("nan")
        result.machine_busy_cpu_s = _machine_busy_cpu_s() - machine_cpu
        if browser is not None:
            await browser.close()
            await playwright.stop()
        if pid:
            result.peak_rss_kib = server.status_kib("VmHWM")
            if server.process.poll() is not None:
                result.errors.append(f"the server exited with code {server.process.returncode}")
        if result.changes == 0:
            result.errors.append("no control change completed")
    log(f"  {result.changes} changes in {result.wall_s:.0f} s, {len(result.errors)} errors")
    return result


def run_load(sessions: int = 25, duration_s: float = 60.0, max_changes: int = 500, ramp_s: float = 2.0,
             think_s: float = 1.0, client: str = "protocol", replicas: int = 0, log=print) -> LoadResult:
    if client == "browser":
        check_chromium()
    result = LoadResult(client=client, sessions=sessions, duration_s=duration_s, ramp_s=ramp_s, think_s=think_s,
                        replicas=replicas)
    return asyncio.run(_run(result, max_changes, log))


def summary(result: LoadResult) -> dict[str, float | int | None]:
    return {
        "sessions": result.sessions,
        "changes": result.changes,
        "errors": len(result.errors),
        "rerun_median_s": median(result.rerun_s),
        "rerun_p95_s": percentile(result.rerun_s, 95),
        "first_map_median_s": median(result.first_map_s),
        "first_map_p95_s": percentile(result.first_map_s, 95),
        "peak_rss_mib": result.peak_rss_kib / 1024 if result.peak_rss_kib else None,
        "server_cpu_s": result.server_cpu_s,
        "machine_busy_cpu_s": result.machine_busy_cpu_s,
        "bytes_per_change": median([float(b) for b in result.bytes_per_change]),
        "throughput_per_s": result.changes / result.wall_s if result.wall_s else float("nan"),
        "replicas": result.replicas,
    }
