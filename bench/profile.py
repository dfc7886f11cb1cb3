"""Where a page's rerun spends its time: cProfile of one AppTest rerun after a warm-up.

``python -m bench profile [PAGE ...] [--top N]``. AppTest runs the page script in a thread
of its own for every run; the profiler is switched on inside that thread only, so the
numbers are the script's work (data from cache, figures, Streamlit's element
serialisation), not AppTest's waiting.
"""

from __future__ import annotations

import cProfile
import io
import pstats

from bench.harness import ROOT, BenchError
from bench.pages import compiled_once, pages


def profile_rerun(file: str, script: str = "app.py", warmups: int = 2) -> pstats.Stats:
    """Stats of one rerun of page ``file`` (after ``warmups`` runs that fill the caches)."""
    with compiled_once():
        return _profile(file, script, warmups)


def _profile(file: str, script: str, warmups: int) -> pstats.Stats:
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    profiler = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread
    at = AppTest.from_file(str(ROOT / script), default_timeout=120)
    at.switch_page(file)
    for _ in range(warmups):
        at.run()
    if at.exception:
        raise BenchError(f"{file} raised in AppTest: {at.exception[0].message}")

    def profiled(runner):
        profiler.enable()
        try:
            original(runner)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = profiled
    try:
        at.run()
    finally:
        LocalScriptRunner._run_script_thread = original
    return pstats.Stats(profiler)


def report(stats: pstats.Stats, top: int = 25) -> str:
    """The ``top`` functions by cumulative time, as pstats prints them."""
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(names: list[str], top: int, log=print) -> None:
    """Print the profile of every page named (all pages when none is)."""
    for path, file in pages():
        if names and path not in names:
            continue
        stats = profile_rerun(file)
        log(f"===== /{path}: {stats.total_tt * 1000:.0f} ms in the profiled rerun; what the page calls:")
        log("\n".join(f"  {seconds * 1000:7.1f} ms  {name}" for seconds, name in by_call(stats, file)))
        log(report(stats, top))


def by_call(stats: pstats.Stats, file: str, top: int = 15) -> list[tuple[float, str]]:
    """What the page script itself calls, by cumulative seconds (largest first)."""
    rows = []
    for (filename, line, name), (_cc, _nc, _tt, _ct, callers) in stats.stats.items():
        for caller, (_, _, _, cumulative) in callers.items():
            if caller[0].endswith(file) and caller[2] == "<module>":
                short = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
                rows.append((cumulative, f"{short}:{line}({name})"))
    return sorted(rows, reverse=True)[:top]
