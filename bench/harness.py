"""Shared plumbing for the benchmarks: a Streamlit server on a free port, Debian's
Chromium, waits on Streamlit's script state, the machine's description, medians."""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
IDLE_SELECTOR = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SHAPES = ".js-plotly-plot g.choroplethlocation path, .js-plotly-plot path.choroplethlocation"
BARS = ".js-plotly-plot .barlayer path"
PROVINCES = 31


class BenchError(RuntimeError):
    """A benchmark could not be measured (server did not start, browser missing, ...)."""


def free_port() -> int:
    """A TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def streamlit_command(script: str, port: int) -> list[str]:
    """The documented command, with the file watcher off: an edit to a module during a run
    makes Streamlit unload modules under concurrent sessions (KeyError on import), which
    would measure the editing, not the app."""
    return [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.headless", "true",
            "--server.fileWatcherType", "none"]


def http_get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.status, answer.read()


@dataclass
class Server:
    """A running ``streamlit run`` process."""

    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def status_kib(self, field: str) -> int | None:
        """A ``/proc/<pid>/status`` memory field (``VmHWM``, ``VmRSS``) in KiB."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None

    def wait_healthy(self, timeout: float = 90.0) -> float:
        """Seconds until ``/_stcore/health`` answered ``ok``."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                raise BenchError(f"streamlit exited ({self.process.returncode}); see {self.log}")
            try:
                status, body = http_get(f"{self.url}/_stcore/health", timeout=1.0)
                if status == 200 and body.strip() == b"ok":
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.02)
        raise BenchError(f"streamlit did not become healthy within {timeout} s; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def launch_server(script: str = "app.py", port: int | None = None, name: str = "app") -> Server:
    """Start ``streamlit run script`` from the repository root (its .streamlit/ config applies)."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = port or free_port()
    log = ARTIFACTS / f"bench-{name}-{port}.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            streamlit_command(script, port), cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
            env=os.environ | {"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
        )
    return Server(process, port, log)


@contextmanager
def running_server(script: str = "app.py", name: str = "app"):
    server = launch_server(script, name=name)
    try:
        server.wait_healthy()
        yield server
    finally:
        server.stop()


def check_chromium() -> None:
    if not Path(CHROMIUM).exists():
        raise BenchError(f"{CHROMIUM} is missing: run `make bench` (or `make chromium`) to install Debian's chromium.")


def own_host(url: str, port: int) -> bool:
    """True for requests that stay on the app's own host (or never touch the network)."""
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.netloc in {
        f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def load_average() -> str:
    """The 1/5/15-minute load averages: other work on the machine skews wall-clock times."""
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def machine() -> dict[str, str]:
    """nproc, CPU model, RAM, OS and the versions that shape the numbers."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    versions = {}
    for package in ("streamlit", "plotly", "pandas", "playwright"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "?"
    chromium = "?"
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return {
        "loadavg": load_average(),
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": model,
        "ram": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "chromium": chromium,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
