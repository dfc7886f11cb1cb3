"""BENCHMARKS.md: each command rewrites its own marked section and leaves the rest alone."""

from __future__ import annotations

import re
from pathlib import Path

from bench.harness import ROOT, load_average

BENCHMARKS = ROOT / "BENCHMARKS.md"
HEADER = """# Benchmarks

Measured by `python -m bench` (single-user numbers on the map explorer), `python -m bench pages`
(every page against the bare page: rerun, browser navigation, WebSocket bytes),
`python -m bench load` (25 concurrent sessions), `python -m bench load --client browser` (the
same with Chromium tabs) and `python -m bench replicas` (25 and 50 sessions against 1 and 2
replicas behind nginx); each command rewrites its own section below with the numbers of its
last run. `python -m bench profile [--page PATH]` prints where one rerun spends its time.
Nothing here is typed by hand except the "Reading the numbers" notes, which refer to a dated run.
Run them on an otherwise idle machine: the app, its baseline and the browser share the CPU.

"""


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"


def write_section(name: str, body: str, path: Path = BENCHMARKS) -> None:
    """Replace the ``name`` section of BENCHMARKS.md (append it if absent)."""
    start, end = _markers(name)
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def machine_lines(info: dict[str, str], command: str) -> str:
    return (
        f"- Date: {info['date']}\n"
        f"- Command: `{command}` (from the repository root, in the project's .venv)\n"
        f"- Machine: {info['nproc']} CPUs (nproc), {info['cpu']}, {info['ram']} RAM; {info['os']}\n"
        f"- Software: Python {info['python']}, {info['versions']}; {info['chromium']}\n"
        f"- Load average (1/5/15 min) when the run started: {info['loadavg']}; when it ended: {load_average()}\n"
    )


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def seconds(value: float) -> str:
    if value != value:  # NaN: nothing was measured
        return "—"
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def kb(value: float) -> str:
    return f"{value / 1000:,.1f} KB ({value:,.0f} B)"
