"""Serving many readers: N Streamlit replicas behind nginx (``make serve``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import urllib.request
from pathlib import Path

from websockets.sync.client import connect

from bench.harness import free_port
from bench.procstat import connections_by_port
from deploy.serve import main, nginx_binary, render_config, render_site, replicas


def _upstream_servers(config: str) -> list[str]:
    return [line.strip() for line in config.splitlines() if line.strip().startswith("server 127")]


def test_config_names_every_replica_and_only_those_can_be_chosen_by_cookie(tmp_path: Path):
    config = render_config([8601, 8602, 8603], "127.0.0.1:8501", tmp_path)
    assert _upstream_servers(config) == [
        "server 127.0.0.1:8601 max_fails=0;", "server 127.0.0.1:8602 max_fails=0;", "server 127.0.0.1:8603 max_fails=0;"]
    assert "r1 127.0.0.1:8601;" in config and "r3 127.0.0.1:8603;" in config
    assert '"~(^| )127\\.0\\.0\\.1:8602$" r2;' in config
    assert "listen 127.0.0.1:8501;" in config
    assert f"pid {tmp_path}/nginx.pid;" in config
    assert "{" + "servers}" not in config and "{" + "run_dir}" not in config and "{" + "site}" not in config


def test_the_local_config_is_valid_nginx(tmp_path: Path):
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / sub).mkdir()
    (tmp_path / "nginx.conf").write_text(render_config([8601, 8602], "127.0.0.1:8501", tmp_path))
    check = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                           capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr


def test_the_site_for_a_real_host_is_http_level_only_and_names_the_systemd_ports(capsys):
    assert main(["--render-site", "--replicas", "2", "--replica-port", "8601", "--port", "80", "--host", "0.0.0.0"]) == 0
    site = capsys.readouterr().out
    assert _upstream_servers(site) == ["server 127.0.0.1:8601 max_fails=0;", "server 127.0.0.1:8602 max_fails=0;"]
    assert "listen 0.0.0.0:80;" in site
    # Debian's nginx.conf already sets these outside the http block: repeating them breaks it.
    for directive in ("worker_processes", "pid ", "events", "http {"):
        assert directive not in site
    assert site == render_site([8601, 8602], "0.0.0.0:80")


def test_the_systemd_unit_and_the_readme_give_the_same_replica_ports():
    unit = (Path(__file__).resolve().parent.parent / "deploy" / "scs-streamlit@.service").read_text()
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for text in (unit, readme):
        assert "scs-streamlit@8601 scs-streamlit@8602" in text
        assert "--render-site --replicas 2 --replica-port 8601" in text


def _cookies(response) -> list[str]:
    return response.headers.get_all("Set-Cookie") or []


def _replica_cookie(url: str, cookie: str | None = None) -> str | None:
    """The ``scs_replica=...`` pair nginx sets on a GET of the page, if it sets one."""
    request = urllib.request.Request(f"{url}/", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()
        pairs = [c.split(";")[0] for c in _cookies(answer) if c.startswith("scs_replica=")]
    return pairs[0] if pairs else None


def test_new_readers_are_spread_evenly_and_each_stays_on_its_replica():
    port = free_port()
    with replicas(2, port=port, base_port=free_port()) as deployment:
        cookies = [_replica_cookie(deployment.url) for _ in range(6)]
        assert sorted(cookies) == ["scs_replica=r1"] * 3 + ["scs_replica=r2"] * 3
        assert _replica_cookie(deployment.url, "scs_replica=r2") is None  # already placed
        ws_url = deployment.url.replace("http://", "ws://") + "/_stcore/stream"
        with connect(ws_url, subprotocols=["streamlit"], additional_headers={"Cookie": "scs_replica=r2"},
                     open_timeout=10):
            by_port = connections_by_port(deployment.replica_ports)
        assert [by_port[p] for p in deployment.replica_ports] == [0, 1]


def test_a_cookie_naming_no_replica_or_a_stopped_one_starts_the_reader_again():
    port = free_port()
    with replicas(2, port=port, base_port=free_port()) as deployment:
        assert _replica_cookie(deployment.url, "scs_replica=example.org:80") in {"scs_replica=r1", "scs_replica=r2"}
        os.kill(deployment.replica_pids[0], signal.SIGKILL)
        os.waitpid(deployment.replica_pids[0], 0)
        assert _replica_cookie(deployment.url, "scs_replica=r1") == "scs_replica=r2"


def test_two_replicas_serve_pages_and_websockets_through_nginx():
    port = free_port()
    with replicas(2, port=port, base_port=free_port()) as deployment:
        url = deployment.url
        assert len(deployment.replica_pids) == 2 and len(deployment.replica_ports) == 2
        first = urllib.request.urlopen(f"{url}/", timeout=10)
        assert first.status == 200 and b"<html" in first.read().lower()
        cookie = next(c for c in _cookies(first) if c.startswith("scs_replica="))
        again = urllib.request.urlopen(urllib.request.Request(
            f"{url}/_stcore/health", headers={"Cookie": cookie.split(";")[0]}), timeout=10)
        assert not any(c.startswith("scs_replica=") for c in _cookies(again))  # already sticky

        # The sync client: the browser tests leave an asyncio loop running in this process.
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        with connect(ws_url, subprotocols=["streamlit"], open_timeout=10) as stream:
            assert stream.subprotocol == "streamlit"


def test_a_browser_on_a_host_name_and_any_port_gets_its_websocket():
    """Streamlit accepts a WebSocket whose Origin equals the Host it sees, port included: nginx
    must pass the browser's Host on as it came, or every origin but localhost is refused."""
    port = free_port()
    with replicas(1, port=port, base_port=free_port()):
        host = f"dashboard.example:{port}"
        raw = socket.create_connection(("127.0.0.1", port), timeout=10)
        with connect(f"ws://{host}/_stcore/stream", sock=raw, origin=f"http://{host}", subprotocols=["streamlit"],
                     open_timeout=10) as stream:
            assert stream.subprotocol == "streamlit"
