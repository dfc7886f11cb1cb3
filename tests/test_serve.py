"""Serving many readers: N Streamlit replicas behind nginx (``make serve``)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from websockets.sync.client import connect

from bench.harness import free_port
from deploy.serve import render_config, replicas


def test_config_names_every_replica_and_keeps_sessions_sticky(tmp_path: Path):
    config = render_config([8601, 8602, 8603], "127.0.0.1:8501", tmp_path)
    assert [line.strip() for line in config.splitlines() if line.strip().startswith("server 127")] == [
        "server 127.0.0.1:8601 max_fails=0;", "server 127.0.0.1:8602 max_fails=0;", "server 127.0.0.1:8603 max_fails=0;"]
    assert "hash $replica_key consistent;" in config
    assert "listen 127.0.0.1:8501;" in config
    assert f"pid {tmp_path}/nginx.pid;" in config
    assert "{servers}" not in config and "{run_dir}" not in config


def _cookies(response) -> list[str]:
    return response.headers.get_all("Set-Cookie") or []


def test_two_replicas_serve_pages_and_websockets_through_nginx():
    port = free_port()
    with replicas(2, port=port, base_port=free_port()) as url:
        first = urllib.request.urlopen(f"{url}/", timeout=10)
        assert first.status == 200 and b"<html" in first.read().lower()
        cookie = next(c for c in _cookies(first) if c.startswith("scs_replica="))
        again = urllib.request.urlopen(urllib.request.Request(
            f"{url}/_stcore/health", headers={"Cookie": cookie.split(";")[0]}), timeout=10)
        assert not any(c.startswith("scs_replica=") for c in _cookies(again))  # already sticky

        # The sync client: the browser tests leave an asyncio loop running in this process.
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        with connect(ws_url, subprotocols=["streamlit"], open_timeout=10) as socket:
            assert socket.subprotocol == "streamlit"
