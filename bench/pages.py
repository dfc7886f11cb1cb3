"""Server time of one rerun on every page, against the bare baseline page in the same run.

``python -m bench pages`` (or :func:`page_reruns`). AppTest runs the real script in this
process, so a rerun's time is the server's own work (script, cached data, figures,
serialisation) without network or browser. Each page is opened once (imports, cold
caches), then rerun ``runs`` times with nothing changed: what a session pays for any
interaction on that page. The baseline is bench/baseline_app.py (one Plotly bar chart).

A server parses and compiles each script once (Streamlit's ``ScriptCache``); AppTest makes a
new cache for every run, so it would charge a long page file 5-20 ms of parsing per rerun
that no reader ever waits for. :func:`compiled_once` gives AppTest one cache, as a server has.
"""

from __future__ import annotations

import ast
import statistics
import time
from contextlib import contextmanager

from bench.harness import ROOT, BenchError


def pages() -> list[tuple[str, str]]:
    """``(url_path, file)`` of every page registered in app.py, in menu order."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page" \
                and isinstance(node.args[0], ast.Constant):  # a file page, not a function alias
            file = node.args[0].value
            path = next((k.value.value for k in node.keywords if k.arg == "url_path"), file)
            found.append((path, file))
    return found


@contextmanager
def compiled_once():
    """AppTest runs that share one ``ScriptCache`` (each script compiled once, as on a server)."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    saved = app_test.ScriptCache, local_runner.ScriptCache
    app_test.ScriptCache = local_runner.ScriptCache = lambda: shared
    try:
        yield
    finally:
        app_test.ScriptCache, local_runner.ScriptCache = saved


def views() -> list[tuple[str, str]]:
    """``(view, file)`` of every page, then every further section of the long pages.

    A long page sends one section at a time (``?section=id``); its first section is what the
    bare page shows, so each further section is measured as a view of its own.
    """
    from dashboard.text.sections import PAGE_SECTIONS

    found = pages()
    return found + [(f"{path}?section={section}", file) for path, file in found
                    for section in PAGE_SECTIONS.get(path, [])[1:]]


def _median_rerun(script: str, runs: int, page: str | None = None) -> float:
    with compiled_once():
        return _median_rerun_compiled(script, runs, page)


def _median_rerun_compiled(script: str, runs: int, page: str | None) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / script), default_timeout=120)
    page, _, query = (page or "").partition("?")
    if page:
        at.switch_page(page)
    for name, value in (pair.split("=", 1) for pair in query.split("&") if pair):
        at.query_params[name] = value
    at.run()
    if at.exception:
        raise BenchError(f"{page or script} raised in AppTest: {at.exception[0].message}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_reruns(runs: int = 5, log=print) -> dict[str, dict[str, float]]:
    """Median rerun seconds per page (and section) and its ratio to the baseline page, measured together."""
    baseline = _median_rerun("bench/baseline_app.py", runs)
    log(f"  baseline page: {baseline * 1000:.1f} ms")
    results = {"baseline": {"seconds": baseline, "ratio": 1.0}}
    for path, file in views():
        query = path.partition("?")[2]
        seconds = _median_rerun("app.py", runs, page=f"{file}?{query}" if query else file)
        results[path] = {"seconds": seconds, "ratio": seconds / baseline}
        log(f"  {path}: {seconds * 1000:.0f} ms ({seconds / baseline:.1f}x)")
    return results
