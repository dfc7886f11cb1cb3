"""The protocol load client of bench/load.py, spread over several processes.

Each session speaks Streamlit's own WebSocket protocol (the protobuf ``BackMsg``/``ForwardMsg``
the browser sends and receives): it fetches the page over HTTP, keeps the cookie the server
sets (nginx's replica cookie, as a browser would), asks for a script run of the map explorer,
reads the ``Colours`` radio's widget id, fetches the province GeoJSON, then sends the widget
state a click would send, again and again. "Figure update" is the arrival of the new
``plotly_chart`` delta, whose spec must differ from the last one.

Sessions are dealt round-robin over ``processes`` client processes (one asyncio loop each), so
that parsing the server's messages never queues behind one Python thread: at think time 0 the
clients must not be what limits the server. Every timestamp is ``time.monotonic()``, one clock
for every process on the machine.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import time
import urllib.request
from dataclasses import asdict, dataclass, field

STEP_TIMEOUT_S = 60.0
PAGE = "explorer"  # url_path of the map explorer in app.py
OPTIONS = ["Quantiles", "Continuous"]  # the Colours radio's labels, which are also its widget values
REPLICA_COOKIE = "scs_replica"


@dataclass
class Plan:
    """What every session of a run does, and when (monotonic clock)."""

    url: str
    port: int
    start_at: float  # session i arrives at start_at + i * ramp_s
    ramp_s: float
    think_s: float
    duration_s: float  # of changes per session, counted from its first map ...
    until: float | None = None  # ... unless every session stops at this common moment
    max_changes: int = 500


@dataclass
class SessionLog:
    """What the sessions of one client process measured."""

    rerun_s: list[float] = field(default_factory=list)
    done_at: list[float] = field(default_factory=list)  # when each change's figure arrived
    first_map_s: list[float] = field(default_factory=list)
    ready_at: list[float] = field(default_factory=list)  # when each session had its first map
    stopped_at: list[float] = field(default_factory=list)  # when each session sent its last change
    bytes_per_change: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changes: int = 0
    cpu_s: float = 0.0  # the client processes' own CPU time (user + system)

    def merge(self, other: SessionLog) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


def split_sessions(sessions: int, processes: int) -> list[list[int]]:
    """Session indices dealt round-robin over at most ``processes`` processes (none empty).

    Round-robin, not in blocks, so that every process has early and late arrivals.
    """
    count = max(1, min(processes, sessions))
    return [list(range(start, sessions, count)) for start in range(count)]


def cookie_pair(set_cookie: list[str], name: str = REPLICA_COOKIE) -> str | None:
    """``name=value`` of the named cookie among ``Set-Cookie`` header values, as a browser returns it."""
    for header in set_cookie:
        pair = header.split(";", 1)[0].strip()
        if pair.startswith(name + "="):
            return pair
    return None


@dataclass
class RunOutcome:
    """What one script run sent back."""

    chart_s: float | None = None  # seconds from the request to the plotly_chart delta
    spec: str = ""
    radios: dict = field(default_factory=dict)
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
        if kind == "page_info_changed":
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


def _http_get(url: str, cookie: str | None = None) -> str | None:
    """GET ``url`` (with ``cookie``), read it all; return the replica cookie the answer sets, if any."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=STEP_TIMEOUT_S) as answer:
        answer.read()
        return cookie_pair(answer.headers.get_all("Set-Cookie") or [])


def _run_failure(outcome: RunOutcome, last_spec: str | None) -> str | None:
    """Why a script run does not count as a figure update, or None if it does."""
    if outcome.exceptions or outcome.status != "FINISHED_SUCCESSFULLY":
        return f"status {outcome.status}" + (f"; {outcome.exceptions[0]}" if outcome.exceptions else "")
    if outcome.chart_s is None:
        return "no map"
    if last_spec is not None and outcome.spec == last_spec:
        return "the figure did not change"
    return None


def _change_request(radio_id: str, step: int, query_string: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    request = BackMsg()
    # By name: the hash new_session reports is the default page's, and a hash wins over a name.
    request.rerun_script.page_name = PAGE
    request.rerun_script.query_string = query_string
    widget = request.rerun_script.widget_states.widgets.add()
    widget.id = radio_id
    widget.string_value = OPTIONS[step % 2]
    return request.SerializeToString()


async def _changes(socket, first: RunOutcome, plan: Plan, log: SessionLog, index: int) -> None:
    """Flip the Colours radio until the session's deadline; record each figure update."""
    radio_id = first.radios.get("Colours")
    if radio_id is None:
        log.errors.append(f"session {index}: no 'Colours' radio on the map explorer")
        return
    slot = len(log.stopped_at)
    log.stopped_at.append(time.monotonic())
    try:
        await _change_loop(socket, radio_id, first, plan, log, index)
    finally:
        log.stopped_at[slot] = time.monotonic()  # from here on this session no longer loads the server


async def _change_loop(socket, radio_id: str, first: RunOutcome, plan: Plan, log: SessionLog, index: int) -> None:
    last_spec, query_string = first.spec, first.query_string or ""
    deadline = plan.until if plan.until is not None else time.monotonic() + plan.duration_s
    for step in range(plan.max_changes):
        if time.monotonic() >= deadline:
            break
        sent = time.perf_counter()
        await socket.send(_change_request(radio_id, step, query_string))
        outcome = await _read_run(socket, sent)
        failure = _run_failure(outcome, last_spec)
        if failure:
            log.errors.append(f"session {index}, change {step + 1}: {failure}")
            return
        last_spec = outcome.spec
        query_string = outcome.query_string if outcome.query_string is not None else query_string
        log.rerun_s.append(outcome.chart_s)
        log.done_at.append(time.monotonic())
        log.bytes_per_change.append(outcome.nbytes)
        log.changes += 1
        await asyncio.sleep(plan.think_s)


async def protocol_session(plan: Plan, log: SessionLog, index: int) -> None:
    """One reader: arrive on time, load the map explorer, then change the colours until the deadline."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg

    await asyncio.sleep(max(0.0, plan.start_at + index * plan.ramp_s - time.monotonic()))
    phase = "loading the map"
    try:
        start = time.perf_counter()
        # What a browser fetches before it opens the socket: the page, then (once drawn) the geometry.
        cookie = await asyncio.to_thread(_http_get, f"{plan.url}/{PAGE}")
        headers = {"Cookie": cookie} if cookie else None
        async with websockets.connect(f"ws://127.0.0.1:{plan.port}/_stcore/stream", subprotocols=["streamlit"],
                                      additional_headers=headers, proxy=None, max_size=None,
                                      open_timeout=STEP_TIMEOUT_S) as socket:
            request = BackMsg()
            request.rerun_script.query_string = ""
            request.rerun_script.page_name = PAGE  # the map explorer, no longer the default page
            await socket.send(request.SerializeToString())
            first = await _read_run(socket, time.perf_counter())
            await asyncio.to_thread(_http_get, plan.url + "/app/static/provinces.geojson", cookie)
            failure = _run_failure(first, None)
            if failure:
                log.errors.append(f"session {index}: first run: {failure}")
                return
            log.first_map_s.append(time.perf_counter() - start)
            log.ready_at.append(time.monotonic())
            phase = "changing the colours"
            await _changes(socket, first, plan, log, index)
    except Exception as error:  # noqa: BLE001 - every failure of a session is an error to report
        log.errors.append(f"session {index}, {phase}: {type(error).__name__}: {str(error)[:200]}")


async def _sessions(plan: Plan, indices: list[int], limit_s: float) -> SessionLog:
    log = SessionLog()
    try:
        await asyncio.wait_for(asyncio.gather(*(protocol_session(plan, log, i) for i in indices)), timeout=limit_s)
    except TimeoutError:
        log.errors.append("the load test hit its hard time limit")
    return log


def _client_process(connection, plan: Plan, indices: list[int], limit_s: float) -> None:
    log = asyncio.run(_sessions(plan, indices, limit_s))
    times = os.times()
    log.cpu_s = times.user + times.system
    connection.send(log)
    connection.close()


def run_clients(plan: Plan, sessions: int, processes: int, limit_s: float, during=None) -> SessionLog:
    """Run ``sessions`` sessions in ``processes`` forked client processes; merge what they measured.

    ``during`` (no arguments) is called in this process while the clients run, e.g. to look at
    the server's connections half-way through.
    """
    import streamlit.proto.BackMsg_pb2  # noqa: F401 - imported once here, inherited by every fork
    import streamlit.proto.ForwardMsg_pb2  # noqa: F401
    import websockets  # noqa: F401

    context = multiprocessing.get_context("fork")
    workers = []
    for indices in split_sessions(sessions, processes):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_client_process, args=(sender, plan, indices, limit_s), daemon=True)
        process.start()
        sender.close()
        workers.append((process, receiver))
    if during is not None:
        during()
    merged = SessionLog()
    for process, receiver in workers:
        try:
            merged.merge(receiver.recv() if receiver.poll(limit_s + 30) else SessionLog(errors=["a client hung"]))
        except EOFError:
            merged.errors.append(f"a client process died (exit code {process.exitcode})")
        process.join(timeout=30)
    return merged
