"""``python -m bench replicas``: one Streamlit process against two behind nginx, in one run.

Two kinds of run, each against 1 and 2 replicas:

- the issue's runs: 25 and 50 sessions with 1 s think time (p95 target). Their throughput
  is bounded by the think time: a closed loop of S sessions completes S / (think + mean
  rerun) changes a second, so two replicas can only shorten the rerun term;
- a saturated run: sessions with no think time, so the servers never wait for a reader.
  Its 2/1 throughput ratio is the one the issue's 1.7x goal is about. The CPU seconds of
  each replica, nginx, the load clients and everything else on the machine during each run
  say where the cores went.
"""

from __future__ import annotations

import sys

from bench import report
from bench.harness import machine

P95_TARGET_S = 0.5
REPLICA_THROUGHPUT_TARGET = 1.7
REPLICA_COUNTS = (1, 2)


def think_bound(sessions: int, think_s: float, mean_rerun_s: float) -> float:
    """Changes a second a closed loop of ``sessions`` can complete at most: each session has one
    change in flight or is thinking (Little's law), so S / (think + mean rerun)."""
    cycle = think_s + mean_rerun_s
    return sessions / cycle if cycle > 0 else float("nan")


def cpu_shares(cpu_s: dict[str, float], wall_s: float, cores: int) -> dict[str, float]:
    """CPU seconds of a run by group, with ``others`` (the machine's busy time no group accounts
    for: other people's work) and ``idle`` (of ``cores`` × wall), none below zero."""
    ours = {name: value for name, value in cpu_s.items() if name != "machine"}
    shares = dict(ours)
    shares["others"] = max(0.0, cpu_s.get("machine", 0.0) - sum(ours.values()))
    shares["idle"] = max(0.0, cores * wall_s - cpu_s.get("machine", 0.0))
    return shares


def _server_cpu(cpu_s: dict[str, float]) -> float:
    return sum(value for name, value in cpu_s.items() if name.startswith("replica"))


def _measure(counts: list[int], think: float, duration: float, ramp: float, processes: int, log) -> dict:
    from bench.load import run_load, summary

    results = {}
    for sessions in counts:
        for replicas in REPLICA_COUNTS:
            log(f"Load: {sessions} sessions, think {think:g} s, against {replicas} replica(s) behind nginx ...")
            result = run_load(sessions=sessions, duration_s=duration, ramp_s=ramp, think_s=think, replicas=replicas,
                              client_processes=processes, common_end=True, log=log)
            results[sessions, replicas] = (result, summary(result))
    return results


def _think_rows(results: dict, think: float) -> str:
    rows = ""
    for (sessions, n), (_result, s) in results.items():
        p95 = s["steady_p95_s"]
        ok = p95 <= P95_TARGET_S and s["errors"] == 0
        rows += (f"| {sessions} | {n} | {s['errors']} | {s['steady_changes']} in {s['steady_s']:.0f} s | "
                 f"{s['throughput_per_s']:.1f} /s | {think_bound(sessions, think, s['steady_mean_s']):.1f} /s | "
                 f"{report.seconds(s['steady_median_s'])} | {report.seconds(p95)} | {report.verdict(ok)} |\n")
    return rows


def _think_ratios(results: dict, counts: list[int], think: float) -> str:
    lines = ""
    for sessions in counts:
        one, two = results[sessions, 1][1], results[sessions, 2][1]
        ratio = two["throughput_per_s"] / one["throughput_per_s"]
        bound = (think + one["steady_mean_s"]) / think if think else float("nan")
        lines += (f"- {sessions} sessions, {think:g} s think: 2 replicas / 1 = {ratio:.2f}x. Bounded by the think "
                  f"time, not the servers: even reruns of 0 ms with 2 replicas would give at most "
                  f"(think + mean rerun with 1 replica) / think = {bound:.2f}x.\n")
    return lines


def _cpu_cell(value: float, wall_s: float) -> str:
    return f"{value:.0f} s ({value / wall_s:.2f})"


def _saturated_rows(results: dict, cores: int) -> str:
    rows = ""
    for (sessions, n), (result, s) in results.items():
        shares = cpu_shares(result.cpu_s, result.wall_s, cores)
        replicas = " / ".join(_cpu_cell(shares[f"replica {i + 1}"], result.wall_s) for i in range(n))
        spread = " / ".join(str(c) for c in result.sessions_per_replica) or "—"
        per_change = _server_cpu(result.cpu_s) / result.changes * 1000 if result.changes else float("nan")
        rows += (f"| {sessions} | {n} | {s['errors']} | {s['steady_changes']} in {s['steady_s']:.0f} s | "
                 f"{s['throughput_per_s']:.1f} /s | "
                 f"{report.seconds(s['steady_median_s'])} / {report.seconds(s['steady_p95_s'])} | {spread} | "
                 f"{result.wall_s:.0f} s | {replicas} | {_cpu_cell(shares['nginx'], result.wall_s)} | "
                 f"{_cpu_cell(shares['client'], result.wall_s)} | {_cpu_cell(shares['others'], result.wall_s)} | "
                 f"{_cpu_cell(shares['idle'], result.wall_s)} | {per_change:.1f} ms |\n")
    return rows


def _saturated_verdict(results: dict, sessions: int, cores: int) -> str:
    (r1, s1), (r2, s2) = results[sessions, 1], results[sessions, 2]
    ratio = s2["throughput_per_s"] / s1["throughput_per_s"]
    used = [_server_cpu(r.cpu_s) / r.wall_s for r in (r1, r2)]
    per_change = [_server_cpu(r.cpu_s) / r.changes * 1000 if r.changes else float("nan") for r in (r1, r2)]
    shares = cpu_shares(r2.cpu_s, r2.wall_s, cores)
    return (
        f"- **Saturated, {sessions} sessions, no think time: throughput 2 replicas / 1 = {ratio:.2f}x** "
        f"(goal ≥ {REPLICA_THROUGHPUT_TARGET}x on {cores} cores: "
        f"{report.verdict(ratio >= REPLICA_THROUGHPUT_TARGET)}).\n"
        f"- Where the cores went: the replicas used {used[0]:.2f} core(s) with 1 replica and {used[1]:.2f} with 2 "
        f"({used[1] / used[0]:.2f}x), at {per_change[0]:.1f} and {per_change[1]:.1f} ms of replica CPU per change: "
        "each replica does the same work per change, so throughput follows the cores the replicas get. During the "
        f"2-replica run the load clients took {shares['client'] / r2.wall_s:.2f} core(s), nginx "
        f"{shares['nginx'] / r2.wall_s:.2f}, processes outside this run {shares['others'] / r2.wall_s:.2f}, and "
        f"{shares['idle'] / r2.wall_s:.2f} stayed idle.\n"
    )


def replicas_section(counts: list[int], duration: float, ramp: float, think: float, saturate: int,
                     saturate_duration: float, processes: int, log=print) -> str:
    """The markdown section: the issue's runs with think time, then the saturated runs."""
    info = machine()
    cores = int(info["nproc"])
    thinking = _measure(counts, think, duration, ramp, processes, log)
    saturated = _measure([saturate], 0.0, saturate_duration, 0.1, processes, log)
    command = " ".join(["python -m bench", *sys.argv[1:]]).strip()
    return (
        "## More readers than one process: replicas behind nginx (`python -m bench replicas`)\n\n"
        + report.machine_lines(info, command) + "\n"
        f"Protocol-level sessions (bench/load_protocol.py, dealt over {processes} client processes) on the map "
        "explorer against `make serve REPLICAS=1` and `REPLICAS=2` (deploy/serve.py: Streamlit processes behind "
        "Debian's nginx, sticky by cookie; each client keeps the cookie as a browser does), one after the other "
        "in the same run. Every session changes the Colours control until a common end, 10 s + "
        f"{duration:.0f} s (think-time runs) or 10 s + {saturate_duration:.0f} s (saturated runs) after the last "
        "arrival; throughput, median and p95 are counted in the steady window only, from the moment every "
        "session has its map to the moment the first one stops (its length is in the tables).\n\n"
        f"### With {think:g} s think time (the issue's sessions; target p95 ≤ {P95_TARGET_S} s, 0 errors)\n\n"
        f"Sessions arrive {ramp:g} s apart. Think-time bound = sessions / ({think:g} s + mean rerun).\n\n"
        "| Sessions | Replicas | Errors | Changes (steady) | Throughput | Think-time bound | Rerun median | "
        "Rerun p95 | p95 target |\n|---|---|---|---|---|---|---|---|---|\n"
        + _think_rows(thinking, think) + "\n" + _think_ratios(thinking, counts, think) + "\n"
        "### Saturated: no think time (the throughput ratio)\n\n"
        "Sessions arrive 0.1 s apart and send the next change as soon as the figure arrives. CPU: seconds "
        f"during the whole run (cores used = seconds / wall time, of {cores}); *others* is the machine's busy "
        "time outside this run's processes (other people's work on the shared machine). Sessions per replica: "
        "WebSockets on each replica half-way through.\n\n"
        "| Sessions | Replicas | Errors | Changes (steady) | Throughput | Rerun median / p95 | Sessions per replica | Wall | "
        "CPU replicas (cores) | nginx | Load clients | Others | Idle | Replica CPU per change |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        + _saturated_rows(saturated, cores) + "\n" + _saturated_verdict(saturated, saturate, cores)
    )
