"""Where the cores went during a load run: CPU seconds of given processes, of the whole
machine, and which replica each WebSocket landed on, all read from ``/proc``.

The parsers take the file's text, so they are tested on small strings; the readers around
them return 0 / nothing for a process that has gone.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
TCP_ESTABLISHED = "01"


def stat_fields(stat_text: str) -> list[str]:
    """The fields of ``/proc/<pid>/stat`` after the command name (field 3, ``state``, first).

    The name sits in parentheses and may itself hold spaces and ``)``, so split after the last one.
    """
    return stat_text.rsplit(")", 1)[1].split()


def cpu_ticks(stat_text: str) -> int:
    """utime + stime (fields 14 and 15 of ``/proc/<pid>/stat``), in clock ticks."""
    fields = stat_fields(stat_text)
    return int(fields[11]) + int(fields[12])


def parent_pid(stat_text: str) -> int:
    """The ppid (field 4 of ``/proc/<pid>/stat``)."""
    return int(stat_fields(stat_text)[1])


def busy_ticks(proc_stat_text: str) -> int:
    """Ticks every CPU spent not idle since boot, from the ``cpu`` line of ``/proc/stat``.

    idle and iowait are the 4th and 5th values; guest time is already inside user and nice.
    """
    values = [int(v) for v in proc_stat_text.splitlines()[0].split()[1:9]]
    return sum(values) - values[3] - (values[4] if len(values) > 4 else 0)


def established_by_port(tcp_text: str, ports: list[int]) -> dict[int, int]:
    """How many established TCP connections have each of ``ports`` as their local port.

    ``tcp_text`` is ``/proc/net/tcp``: a header line, then ``sl local_address rem_address st ...``
    with addresses as ``HEXIP:HEXPORT`` and the state in hex (``01`` = established).
    """
    counts = dict.fromkeys(ports, 0)
    for line in tcp_text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 4 or fields[3] != TCP_ESTABLISHED:
            continue
        port = int(fields[1].rsplit(":", 1)[1], 16)
        if port in counts:
            counts[port] += 1
    return counts


def _tick_s() -> float:
    return 1.0 / os.sysconf("SC_CLK_TCK")


def process_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of one process so far; 0 if it is gone."""
    try:
        return cpu_ticks((PROC / str(pid) / "stat").read_text()) * _tick_s()
    except (OSError, IndexError, ValueError):
        return 0.0


def machine_busy_cpu_s() -> float:
    """CPU seconds spent not idle by every CPU since boot."""
    try:
        return busy_ticks((PROC / "stat").read_text()) * _tick_s()
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (nginx's workers under its master)."""
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                if parent_pid((entry / "stat").read_text()) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def connections_by_port(ports: list[int]) -> dict[int, int]:
    """Established IPv4 connections to each loopback port right now (nginx → replica)."""
    try:
        return established_by_port((PROC / "net" / "tcp").read_text(), ports)
    except OSError:
        return dict.fromkeys(ports, 0)


def group_cpu_s(groups: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds so far of each named group of processes, plus ``machine`` (every CPU, busy)."""
    totals = {name: sum(process_cpu_s(pid) for pid in pids) for name, pids in groups.items()}
    totals["machine"] = machine_busy_cpu_s()
    return totals


def delta(after: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    """``after - before`` for every key of ``after`` (a key missing before counts from 0)."""
    return {name: value - before.get(name, 0.0) for name, value in after.items()}
