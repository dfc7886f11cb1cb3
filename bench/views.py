"""What every page sends and draws: WebSocket bytes of the first view and of one control
change, and browser navigation until every figure is drawn, against the bare page.

Bytes come from a client of Streamlit's WebSocket protocol (as in bench/load.py): it asks for
a page by name, counts every ``ForwardMsg`` byte until the script run is finished, then
changes one control on the page exactly as a browser does, including the list of large
messages it already holds (Streamlit then sends a reference instead of an unchanged element
of 10 KB or more) (the first radio, selectbox, select slider or toggle the page
itself draws, set to another option) and counts that run too. The shared sidebar controls
(language, presentation) are used only on a page that has nothing else to change.

Navigation time is measured in Chromium: a fresh browser context opens the page's URL, and
the clock stops when as many Plotly figures are drawn as the page sends and the script run
is over. The bare page (bench/baseline_app.py, one bar chart) is timed the same way,
interleaved with the pages, so both see the same machine load.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from bench.harness import IDLE_SELECTOR, VIEWPORT, median

FINISHED = ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")  # a whole run, or one fragment's
SHARED_KEYS = ("-lang", "-present")  # widget ids end in their key: the sidebar every page shares
# A drawn figure has its SVG (Plotly makes two .main-svg per figure, so count the figures).
DRAWN_JS = "(n) => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg')).length >= n"


@dataclass
class Control:
    """One widget as the page sent it: its id, the kind of value and the value to send."""

    widget_id: str
    kind: str  # the WidgetState field: string_value, string_array_value or bool_value
    value: object
    label: str
    fragment_id: str = ""  # the fragment that drew it: a browser reruns only that fragment


@dataclass
class Run:
    """Bytes and messages of one script run, as the protocol client received them."""

    nbytes: int = 0
    messages: int = 0
    charts: int = 0
    controls: list[Control] = field(default_factory=list)
    status: str = ""
    exceptions: list[str] = field(default_factory=list)
    query_string: str | None = None
    cached: set[str] = field(default_factory=set)  # hashes of the messages a browser keeps (>= 10 KB)


def control_of(element) -> Control | None:
    """The change a person could make to ``element`` (a ``new_element`` delta), if it is a control."""
    which = element.WhichOneof("type")
    if which in ("radio", "selectbox"):
        proto = getattr(element, which)
        options = list(proto.options)
        if len(options) < 2:
            return None
        current = proto.default if proto.HasField("default") else -1
        return Control(proto.id, "string_value", options[1] if current == 0 else options[0], proto.label)
    if which == "slider" and element.slider.options:  # st.select_slider
        options = list(element.slider.options)
        current = int(element.slider.default[0]) if element.slider.default else -1
        if len(options) < 2:
            return None
        return Control(element.slider.id, "string_array_value", [options[0] if current != 0 else options[1]],
                       element.slider.label)
    if which == "checkbox":
        return Control(element.checkbox.id, "bool_value", not element.checkbox.default, element.checkbox.label)
    return None


def count_message(run: Run, data: bytes) -> str | None:
    """Add one ForwardMsg to ``run``; returns its type (``script_finished`` ends a run)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    run.nbytes += len(data)
    run.messages += 1
    message = ForwardMsg()
    message.ParseFromString(data)
    kind = message.WhichOneof("type")
    if message.metadata.cacheable and message.hash:
        run.cached.add(message.hash)
    if kind == "page_info_changed":
        run.query_string = message.page_info_changed.query_string
    elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element
        which = element.WhichOneof("type")
        run.charts += which == "plotly_chart"
        if which == "exception":
            run.exceptions.append(element.exception.message[:200])
        control = control_of(element)
        if control is not None:
            control.fragment_id = message.delta.fragment_id
            run.controls.append(control)
    elif kind == "script_finished":
        run.status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
        if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return kind
    return kind


async def _run(socket, request) -> Run:
    from bench.load import STEP_TIMEOUT_S

    await socket.send(request.SerializeToString())
    run = Run()
    while count_message(run, await asyncio.wait_for(socket.recv(), timeout=STEP_TIMEOUT_S)) != "script_finished" \
            or run.status == "FINISHED_EARLY_FOR_RERUN":
        pass
    if run.exceptions or run.status not in FINISHED:
        raise RuntimeError(f"script run ended {run.status}: {run.exceptions[:1]}")
    return run


def page_control(run: Run) -> Control | None:
    """The control to change: the page's own first one, else a shared sidebar control."""
    own = [c for c in run.controls if not c.widget_id.endswith(SHARED_KEYS)]
    return (own or run.controls or [None])[0]


async def page_bytes(port: int, page: str) -> dict:
    """First-view and one-change bytes of ``page`` (a url_path, "" for the bare page).

    ``page`` may carry a query (``fragmentation?section=matrix``): the view a link opens.
    A control drawn inside a fragment is changed as a browser does, by a rerun of that
    fragment only.
    """
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg

    page, _, query = page.partition("?")

    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None) as socket:
        request = BackMsg()
        request.rerun_script.query_string = query
        request.rerun_script.page_name = page
        first = await _run(socket, request)
        control = page_control(first)
        change = None
        if control is not None:
            request = BackMsg()
            request.rerun_script.page_name = page
            request.rerun_script.query_string = query if first.query_string is None else first.query_string
            request.rerun_script.fragment_id = control.fragment_id
            # As the browser does: large elements it already holds come back as a reference.
            request.rerun_script.cached_message_hashes.extend(sorted(first.cached))
            widget = request.rerun_script.widget_states.widgets.add()
            widget.id = control.widget_id
            if control.kind == "string_array_value":
                widget.string_array_value.data.extend(control.value)
            else:
                setattr(widget, control.kind, control.value)
            change = await _run(socket, request)
    return {"first_bytes": first.nbytes, "first_messages": first.messages, "charts": first.charts,
            "change_bytes": change.nbytes if change else None, "control": control.label if control else None}


def browser_navigation(browser, url: str, charts: int) -> float:
    """Seconds from navigation to ``charts`` drawn Plotly figures and the script run over."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_function(DRAWN_JS, arg=charts, polling="raf", timeout=120_000)
        page.wait_for_selector(IDLE_SELECTOR, timeout=120_000)
        return time.perf_counter() - start
    finally:
        context.close()


def navigation_ratios(browser, app_url: str, base_url: str, charts: dict[str, int], runs: int,
                      log=print) -> dict[str, dict[str, float]]:
    """Median navigation seconds per page and the bare page's, interleaved run by run."""
    times: dict[str, list[float]] = {path: [] for path in charts}
    base: list[float] = []
    browser_navigation(browser, base_url + "/", 1)  # warm-up: the first visit loads the JavaScript bundle
    for path, n in charts.items():
        browser_navigation(browser, f"{app_url}/{path}", max(n, 0))
    for run in range(runs):
        for path, n in charts.items():
            base.append(browser_navigation(browser, base_url + "/", 1))
            times[path].append(browser_navigation(browser, f"{app_url}/{path}", max(n, 0)))
        log(f"  browser run {run + 1}/{runs}: bare page {median(base):.2f} s")
    reference = median(base)
    return {path: {"seconds": median(values), "base_seconds": reference, "ratio": median(values) / reference}
            for path, values in times.items()}


def measure(paths: list[str], runs: int, log=print) -> dict[str, dict]:
    """Bytes (first view, one change) and browser navigation of every page and of the bare page."""
    from playwright.sync_api import sync_playwright

    from bench.harness import CHROMIUM, CHROMIUM_ARGS, check_chromium, running_server

    check_chromium()
    results: dict[str, dict] = {}
    with running_server("app.py", name="views") as app, running_server("bench/baseline_app.py", name="bare") as bare:
        results["baseline"] = asyncio.run(page_bytes(bare.port, ""))
        for path in paths:
            results[path] = asyncio.run(page_bytes(app.port, path))
            log(f"  /{path}: first view {results[path]['first_bytes']:,} B, change of "
                f"'{results[path]['control']}' {results[path]['change_bytes'] or 0:,} B")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                charts = {path: results[path]["charts"] for path in paths}
                for path, timing in navigation_ratios(browser, app.url, bare.url, charts, runs, log).items():
                    results[path] |= timing
            finally:
                browser.close()
    return results
