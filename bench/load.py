"""Load test: many people on the map explorer at once (``python -m bench load``, ``replicas``).

``sessions`` Streamlit sessions run side by side against a fresh server on localhost (or N
replicas behind nginx). Sessions arrive ``ramp_s`` apart; each loads the map explorer, then
flips the Colours control between Continuous and Quantiles for ``duration_s`` seconds once its
map is there (or, with ``common_end``, until ``duration_s`` after the last arrival, so that
every session is active together for that long), pausing ``think_s`` after each update as a
person would. Each change is timed from the control change to the figure update. The run is
bounded three ways: a per-session deadline, a cap on changes per session, and a hard timeout
on the whole test; every step has its own timeout. It then stops by itself.

Two kinds of client:

``protocol`` (default)
    Speaks Streamlit's own WebSocket protocol (bench/load_protocol.py), in several client
    processes. It costs the client little CPU, and the run reports how much, so on a small
    machine the server, not the load generator, is what is measured.
``browser``
    One headless Chromium with one browser context per session, clicking the radio;
    "figure update" is the moment the province fills change on screen. Closer to a
    person, but 25 rendering tabs need far more CPU than the server does.

Throughput is counted in the steady window, from the moment every session has its map until
the first one stops, so arrivals and departures do not dilute it. The CPU seconds of each
server process, of nginx, of the clients and of the whole machine during the run are read
from ``/proc`` (bench/procstat.py), to say where the cores went.

Errors counted: a step that times out, a Streamlit exception, a script run that does not
finish successfully, a figure that does not change, a dropped connection, and (browser)
any request to another host. The server's peak resident memory is its ``VmHWM`` from
``/proc/<pid>/status``.
"""

from __future__ import annotations

import asyncio
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from bench import procstat
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
from bench.load_protocol import OPTIONS, PAGE, STEP_TIMEOUT_S, Plan, run_clients

POLL_MS = 50  # how often a tab checks for its redrawn map: every animation frame would load the CPU
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
    client_processes: int = 1
    common_end: bool = False
    done_at: list[float] = field(default_factory=list)  # monotonic time of each change's figure update
    ready_at: list[float] = field(default_factory=list)  # ... of each session's first map
    stopped_at: list[float] = field(default_factory=list)  # ... of each session's last change
    cpu_s: dict[str, float] = field(default_factory=dict)  # CPU seconds during the run, by process group
    sessions_per_replica: list[int] = field(default_factory=list)  # WebSockets on each, half-way


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
        await page.goto(f"{server.url}/{PAGE}", wait_until="commit", timeout=timeout_ms)  # not the default page
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


# --- driver ---------------------------------------------------------------------------------


def hard_limit_s(sessions: int, duration_s: float, ramp_s: float) -> float:
    return sessions * ramp_s + duration_s + 180


@dataclass
class Target:
    """What the clients connect to and what the run measures: one server, or nginx and replicas."""

    url: str
    port: int
    cpu_groups: dict[str, list[int]]  # process ids whose CPU time is counted, by name
    replica_ports: list[int] = field(default_factory=list)
    server: object | None = None  # the plain server (bench.harness.Server), for its memory


@contextmanager
def _target(replicas: int):
    """One plain server (``replicas == 0``), or ``replicas`` Streamlit processes behind nginx."""
    if replicas == 0:
        with running_server("app.py", name="load") as server:
            yield Target(server.url, server.port, {"server": [server.pid]}, server=server)
        return
    from deploy.serve import replicas as serve_replicas

    port = free_port()
    with serve_replicas(replicas, port=port, base_port=free_port()) as deployment:
        groups = {f"replica {i + 1}": [pid] for i, pid in enumerate(deployment.replica_pids)}
        groups["nginx"] = [deployment.nginx_pid, *procstat.children(deployment.nginx_pid)]
        yield Target(deployment.url, port, groups, replica_ports=deployment.replica_ports)


def steady_window(ready_at: list[float], stopped_at: list[float]) -> tuple[float, float] | None:
    """From the moment the last session had its map to the moment the first one stopped, or
    None if they never were all active together."""
    if not ready_at or not stopped_at:
        return None
    start, end = max(ready_at), min(stopped_at)
    return (start, end) if end > start else None


def in_window(done_at: list[float], values: list[float], window: tuple[float, float]) -> list[float]:
    """The ``values`` whose ``done_at`` falls inside ``window``."""
    start, end = window
    return [value for at, value in zip(done_at, values, strict=True) if start <= at <= end]


def _halfway_sampler(result: LoadResult, plan: Plan, target: Target):
    """Count each replica's WebSockets half-way through the steady part of the run."""
    def sample() -> None:
        all_in = plan.start_at + (result.sessions - 1) * plan.ramp_s
        end = plan.until if plan.until is not None else all_in + plan.duration_s
        time.sleep(max(0.0, (all_in + end) / 2 - time.monotonic()))
        counts = procstat.connections_by_port(target.replica_ports)
        result.sessions_per_replica = [counts[port] for port in target.replica_ports]
    return sample if target.replica_ports else None


def _protocol_run(result: LoadResult, target: Target, max_changes: int) -> None:
    start_at = time.monotonic() + 0.5  # every client process forked and waiting
    last_in = start_at + (result.sessions - 1) * result.ramp_s
    # A common end leaves time for the last session's first map (a few seconds under load).
    until = last_in + 10.0 + result.duration_s if result.common_end else None
    plan = Plan(target.url, target.port, start_at, result.ramp_s, result.think_s, result.duration_s, until,
                max_changes)
    limit = hard_limit_s(result.sessions, result.duration_s, result.ramp_s)
    sessions = run_clients(plan, result.sessions, result.client_processes, limit,
                           during=_halfway_sampler(result, plan, target))
    for name in ("rerun_s", "done_at", "first_map_s", "ready_at", "stopped_at", "bytes_per_change", "errors"):
        setattr(result, name, getattr(sessions, name))
    result.changes = sessions.changes
    result.cpu_s["client"] = sessions.cpu_s


async def _browser_run(result: LoadResult, target: Target, max_changes: int) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tasks = [_browser_session(browser, target, result.duration_s, max_changes, result, i, i * result.ramp_s,
                                  result.think_s) for i in range(result.sessions)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks),
                                   timeout=hard_limit_s(result.sessions, result.duration_s, result.ramp_s))
        except TimeoutError:
            result.errors.append("the load test hit its hard time limit")
        await browser.close()


def _run(result: LoadResult, max_changes: int, log) -> LoadResult:
    with _target(result.replicas) as target:
        server = target.server
        result.rss_before_kib = server.status_kib("VmRSS") if server else None
        before, own = procstat.group_cpu_s(target.cpu_groups), procstat.process_cpu_s(os.getpid())
        start = time.monotonic()
        if result.client == "browser":
            asyncio.run(_browser_run(result, target, max_changes))
        else:
            _protocol_run(result, target, max_changes)
        result.wall_s = time.monotonic() - start
        cpu = procstat.delta(procstat.group_cpu_s(target.cpu_groups), before)
        # The driver's own time: all of a browser run's clients' (Chromium is not counted), little otherwise.
        cpu["client"] = result.cpu_s.get("client", 0.0) + procstat.process_cpu_s(os.getpid()) - own
        result.cpu_s = cpu
        result.machine_busy_cpu_s = cpu["machine"]
        result.server_cpu_s = sum(v for k, v in cpu.items() if k == "server" or k.startswith("replica"))
        if server:
            result.peak_rss_kib = server.status_kib("VmHWM")
            if server.process.poll() is not None:
                result.errors.append(f"the server exited with code {server.process.returncode}")
        if result.changes == 0:
            result.errors.append("no control change completed")
    log(f"  {result.changes} changes in {result.wall_s:.0f} s, {len(result.errors)} errors")
    return result


def run_load(sessions: int = 25, duration_s: float = 60.0, max_changes: int = 500, ramp_s: float = 2.0,
             think_s: float = 1.0, client: str = "protocol", replicas: int = 0, client_processes: int = 2,
             common_end: bool = False, log=print) -> LoadResult:
    """Run one load test; see the module's docstring."""
    if client == "browser":
        check_chromium()
    result = LoadResult(client=client, sessions=sessions, duration_s=duration_s, ramp_s=ramp_s, think_s=think_s,
                        replicas=replicas, client_processes=client_processes, common_end=common_end)
    return _run(result, max_changes, log)


def summary(result: LoadResult) -> dict[str, float | int | None]:
    """The numbers the report prints; throughput and ``steady_*`` from the steady window when there is one."""
    window = steady_window(result.ready_at, result.stopped_at)
    steady = in_window(result.done_at, result.rerun_s, window) if window else result.rerun_s
    span = (window[1] - window[0]) if window else result.wall_s
    return {
        "sessions": result.sessions,
        "changes": result.changes,
        "errors": len(result.errors),
        "rerun_median_s": median(result.rerun_s),
        "rerun_p95_s": percentile(result.rerun_s, 95),
        "steady_s": span,
        "steady_changes": len(steady),
        "steady_median_s": median(steady),
        "steady_mean_s": sum(steady) / len(steady) if steady else float("nan"),
        "steady_p95_s": percentile(steady, 95),
        "first_map_median_s": median(result.first_map_s),
        "first_map_p95_s": percentile(result.first_map_s, 95),
        "peak_rss_mib": result.peak_rss_kib / 1024 if result.peak_rss_kib else None,
        "server_cpu_s": result.server_cpu_s,
        "machine_busy_cpu_s": result.machine_busy_cpu_s,
        "bytes_per_change": median([float(b) for b in result.bytes_per_change]),
        "throughput_per_s": len(steady) / span if span else float("nan"),
        "replicas": result.replicas,
    }
