"""Serve the dashboard as N Streamlit replicas behind nginx: ``python -m deploy.serve``.

One Streamlit process runs every session's script on one core, so more readers than one
process can serve need more processes. This starts ``--replicas`` Streamlit servers on
consecutive loopback ports and Debian's nginx in front of them (sticky sessions by cookie,
WebSocket proxying), all in the foreground; Ctrl-C stops every process. Nothing is written
outside a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_TEMPLATE = Path(__file__).resolve().parent / "nginx-site.conf.template"
LOCAL_TEMPLATE = Path(__file__).resolve().parent / "nginx-local.conf.template"


def render_site(replica_ports: list[int], listen: str) -> str:
    """The http-context nginx directives for these replicas, listening on ``listen`` (``host:port``).

    On a real host this is the whole of ``/etc/nginx/conf.d/scs-dashboard.conf``.
    """
    servers = "\n".join(f"    server 127.0.0.1:{port} max_fails=0;" for port in replica_ports)
    names = replica_names(replica_ports)
    cookie_to_backend = "\n".join(f"    {name} 127.0.0.1:{port};" for port, name in names.items())
    # The last address tried is the one that answered ("a:1, b:2" after a retry, "a:1 : b:2" after a redirect).
    backend_to_cookie = "\n".join(f'    "~(^| )127\\.0\\.0\\.1:{port}$" {name};' for port, name in names.items())
    return SITE_TEMPLATE.read_text(encoding="utf-8").format(
        servers=servers, listen=listen, cookie_to_backend=cookie_to_backend, backend_to_cookie=backend_to_cookie)


def replica_names(replica_ports: list[int]) -> dict[int, str]:
    """The cookie value naming each replica: ``r1``, ``r2``, ... (not its address)."""
    return {port: f"r{i + 1}" for i, port in enumerate(replica_ports)}


def render_config(replica_ports: list[int], listen: str, run_dir: Path) -> str:
    """A whole nginx.conf for a local run: the site, with pid, logs and temp files in ``run_dir``."""
    site = "\n".join(f"    {line}" if line else "" for line in render_site(replica_ports, listen).splitlines())
    return LOCAL_TEMPLATE.read_text(encoding="utf-8").format(run_dir=run_dir, site=site)


@dataclass
class Deployment:
    """A running set of replicas behind nginx: what a benchmark needs to measure it."""

    url: str
    replica_ports: list[int]
    replica_pids: list[int]
    nginx_pid: int


def _wait_ready(url: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout_s:.0f} s")


def nginx_binary() -> str:
    """Path of Debian's nginx, or an error saying how to install it."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise SystemExit("nginx is not installed: `sudo apt-get install nginx-light` (Debian), then run this again.")
    return found


@contextmanager
def replicas(n: int, *, port: int, host: str = "127.0.0.1", base_port: int | None = None) -> Iterator[Deployment]:
    """Run ``n`` Streamlit replicas and nginx on ``host:port``; yield the running deployment."""
    base_port = base_port or port + 100
    ports = [base_port + i for i in range(n)]
    run_dir = Path(tempfile.mkdtemp(prefix="scs-serve-"))
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / sub).mkdir()
    processes: list[subprocess.Popen] = []
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    # Each process in a session of its own, as each systemd unit is in a cgroup of its own: Linux
    # shares the CPU fairly between sessions (autogroups), so N replicas started in one session
    # get no more CPU than one had whenever anything else on the machine is busy. Ctrl-C still
    # stops them all, through the `finally` below.
    detached = {"start_new_session": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        for replica_port in ports:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(replica_port),
                 "--server.address", "127.0.0.1", "--server.headless", "true"],
                cwd=ROOT, env=env, **detached))
        for replica_port in ports:
            _wait_ready(f"http://127.0.0.1:{replica_port}/_stcore/health")
        config = run_dir / "nginx.conf"
        config.write_text(render_config(ports, f"{host}:{port}", run_dir), encoding="utf-8")
        processes.append(subprocess.Popen([nginx_binary(), "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"],
                                          **detached))
        public = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"
        _wait_ready(f"{public}/_stcore/health")
        yield Deployment(public, ports, [p.pid for p in processes[:-1]], processes[-1].pid)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(run_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes (about one per core)")
    parser.add_argument("--port", type=int, default=8501, help="public port (nginx)")
    parser.add_argument("--host", default="127.0.0.1", help="public address; 0.0.0.0 for every interface")
    parser.add_argument("--replica-port", type=int, help="first replica's loopback port (default --port + 100)")
    parser.add_argument("--render-site", action="store_true",
                        help="print the nginx site for replicas on --replica-port, --replica-port + 1, … and exit "
                             "(for /etc/nginx/conf.d/ on a real host)")
    args = parser.parse_args(argv)
    base_port = args.replica_port or args.port + 100
    if args.render_site:
        print(render_site([base_port + i for i in range(args.replicas)], f"{args.host}:{args.port}"), end="")
        return 0
    stop = False

    def _stop(*_):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    with replicas(args.replicas, port=args.port, host=args.host, base_port=base_port) as deployment:
        print(f"Serving {args.replicas} replica(s) behind nginx at {deployment.url} (Ctrl-C stops)", flush=True)
        try:
            while not stop:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
