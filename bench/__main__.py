"""Command line: ``python -m bench [core|load|all] [--runs N] [--sessions N] [--duration S]``.

``python -m bench`` (same as ``core``) measures, with medians of ``--runs`` runs:

1. navigation to a drawn map on the map explorer, against a bare Streamlit page with one
   Plotly bar chart (bench/baseline_app.py) measured in the same run (target <= 1.5x);
2. bytes received over the app's WebSocket for the first map view and for one control
   change (targets <= 400 KB and <= 20 KB; 1 KB = 1,000 bytes);
3. the server time of a rerun after changing the indicator, with AppTest (target < 0.25 s);
4. the ETL: full rebuild with ``--force`` into a temp folder, then a no-op rebuild
   (targets < 30 s and < 2 s);
5. cold start: launching the app until the health endpoint answers, the first HTML, and
   the first map drawn in a browser.

``python -m bench load`` runs bench/load.py: 25 concurrent sessions for 60 s.
``python -m bench pages`` times a rerun of every page against the bare page.
``python -m bench replicas`` runs the load (25 and 50 sessions, 1 s think time; then a saturated run
with no think time) against 1 and 2 replicas behind nginx, with the CPU time of every process.
``python -m bench profile [--page PATH]`` prints a cProfile of one rerun of each page.
Results are written into BENCHMARKS.md (``--no-write`` only prints them).
"""

from __future__ import annotations

import argparse
import sys

from bench import report
from bench.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    BenchError,
    check_chromium,
    machine,
    median,
    running_server,
)
from bench.replicas import replicas_section

NAV_RATIO_TARGET = 1.5
FIRST_VIEW_BYTES_TARGET = 400_000
CHANGE_BYTES_TARGET = 20_000
RERUN_TARGET_S = 0.25
ETL_FULL_TARGET_S = 30.0
ETL_NOOP_TARGET_S = 2.0


def core(runs: int, log=print) -> str:
    """Run benchmarks 1-5; return the markdown section."""
    info, rerun, nav, cold, etl = _measure_core(runs, log)
    m = {key: median(values) for key, values in nav.items() if key != "foreign"}
    command = " ".join(["python -m bench", *sys.argv[1:]]).strip()
    return (
        "## Single user (`python -m bench`)\n\n" + report.machine_lines(info, command) + "\n"
        + _core_runs_line(runs, rerun) + "\n\n" + _core_table(m, rerun, etl, cold) + "\n"
        + _core_context(m, rerun, etl, nav) + "\n" + _core_raw(nav, rerun, etl, cold)
    )


def _measure_core(runs: int, log) -> tuple:
    """Server reruns, browser navigation and bytes, cold starts and the ETL, each measured ``runs`` times."""
    from playwright.sync_api import sync_playwright

    from bench import browser_bench, server_bench
    from dashboard import data

    check_chromium()
    info = machine()
    log("Rerun server time (AppTest) ...")
    rerun = server_bench.rerun_times(max(runs, 9), log=log)
    catalogue = data.catalogue()
    other_title = catalogue.get(rerun["indicators"][1])["title"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        log("Navigation and WebSocket bytes (map explorer vs baseline) ...")
        with running_server("app.py", name="app") as app, \
                running_server("bench/baseline_app.py", name="baseline") as baseline:
            nav = browser_bench.navigation_and_bytes(browser, app, baseline, runs, other_title, log=log)
        log("Cold start ...")
        cold = server_bench.cold_starts(browser, runs, log=log)
        browser.close()
    log("ETL ...")
    etl = server_bench.etl_times(runs, log=log)
    return info, rerun, nav, cold, etl


def _core_table(m: dict, rerun: dict, etl: dict, cold: dict) -> str:
    """The targets table of benchmarks 1-5."""
    ratio = m["map_drawn"] / m["base_drawn"]
    ratio_idle = m["map_idle"] / m["base_idle"]
    rows = [
        ("1", "Navigation → map drawn, map explorer", report.seconds(m["map_drawn"]), "", ""),
        ("1", "Navigation → bar chart drawn, baseline page", report.seconds(m["base_drawn"]), "", ""),
        ("1", "**Ratio** map explorer / baseline", f"{ratio:.2f}x", f"≤ {NAV_RATIO_TARGET}x",
         report.verdict(ratio <= NAV_RATIO_TARGET)),
        ("1", "(ratio of navigation → script run finished)", f"{ratio_idle:.2f}x", "", ""),
        ("2", "WebSocket bytes received, first map view", report.kb(m["map_first_bytes"]),
         f"≤ {FIRST_VIEW_BYTES_TARGET / 1000:.0f} KB", report.verdict(m["map_first_bytes"] <= FIRST_VIEW_BYTES_TARGET)),
        ("2", "WebSocket bytes received, one change: Colours → Quantiles", report.kb(m["colours_bytes"]),
         f"≤ {CHANGE_BYTES_TARGET / 1000:.0f} KB", report.verdict(m["colours_bytes"] <= CHANGE_BYTES_TARGET)),
        ("2", "WebSocket bytes received, one change: another indicator", report.kb(m["indicator_bytes"]),
         f"≤ {CHANGE_BYTES_TARGET / 1000:.0f} KB", report.verdict(m["indicator_bytes"] <= CHANGE_BYTES_TARGET)),
        ("3", "Server time of a rerun after changing the indicator (AppTest)", report.seconds(median(rerun["indicator"])),
         f"< {RERUN_TARGET_S} s", report.verdict(median(rerun["indicator"]) < RERUN_TARGET_S)),
        ("3", "Server time of a rerun after changing the colours (AppTest)", report.seconds(median(rerun["colours"])),
         f"< {RERUN_TARGET_S} s", report.verdict(median(rerun["colours"]) < RERUN_TARGET_S)),
        ("4", "ETL full rebuild (`python -m etl --force --out <temp>`)", report.seconds(median(etl["full"])),
         f"< {ETL_FULL_TARGET_S:.0f} s", report.verdict(median(etl["full"]) < ETL_FULL_TARGET_S)),
        ("4", "ETL no-op rebuild (`python -m etl --out <same temp>`)", report.seconds(median(etl["noop"])),
         f"< {ETL_NOOP_TARGET_S:.0f} s", report.verdict(median(etl["noop"]) < ETL_NOOP_TARGET_S)),
        ("5", "Cold start → `/_stcore/health` answers ok", report.seconds(median(cold["health"])), "", ""),
        ("5", "Cold start → first HTML served (`GET /`)", report.seconds(median(cold["html"])), "", ""),
        ("5", "Cold start → map drawn in a fresh browser (first script run)", report.seconds(median(cold["map"])), "", ""),
    ]
    table = "| # | Measure | Median | Target | Result |\n|---|---|---|---|---|\n"
    table += "".join(f"| {a} | {b} | {c} | {d} | {e} |\n" for a, b, c, d, e in rows)
    return table


def _core_runs_line(runs: int, rerun: dict) -> str:
    runs_line = (
        f"Runs: {runs} per browser measure (after one warm-up visit per server), {len(rerun['indicator'])} "
        f"AppTest reruns per control (first run excluded), {runs} ETL and {runs} cold-start runs. "
        "Servers run `streamlit run <script> --server.port <free port> --server.headless true "
        "--server.fileWatcherType none` (watcher off so edits elsewhere cannot disturb a run). "
        "1 KB = 1,000 bytes."
    )
    return runs_line


def _core_context(m: dict, rerun: dict, etl: dict, nav: dict) -> str:
    change_bytes = max(m["colours_bytes"], m["indicator_bytes"])
    context = (
        "Context (medians, same run):\n\n"
        f"- Time to script run finished: map explorer {report.seconds(m['map_idle'])}, "
        f"baseline {report.seconds(m['base_idle'])}.\n"
        f"- Browser-observed control change → figure updated (one user): Colours "
        f"{report.seconds(m['colours_s'])}, indicator {report.seconds(m['indicator_s'])}.\n"
        f"- First map view: {m['map_first_frames']:.0f} WebSocket frames, the largest "
        f"{report.kb(m['map_first_largest'])} (the figure); the baseline's first view is {report.kb(m['base_first_bytes'])}.\n"
        f"- The map figure's JSON spec as the server sends it: {report.kb(rerun['spec_bytes'][0])} "
        f"(indicator `{rerun['indicators'][0]}` ↔ `{rerun['indicators'][1]}` alternated).\n"
        f"- Largest change: {report.kb(change_bytes)}; the largest frame of the Colours change "
        f"(the redrawn figure) is {report.kb(m['colours_largest'])}, the rest is the page's other elements, "
        "which Streamlit sends again on every rerun.\n"
        f"- ETL CPU time (user + system): full {report.seconds(median(etl['full_cpu']))}, "
        f"no-op {report.seconds(median(etl['noop_cpu']))}; wall-clock above it is waiting (I/O, other processes).\n"
        f"- Requests to hosts other than the app during the browser runs: {len(nav['foreign'])}.\n"
        "- Not counted in the WebSocket bytes: static files over HTTP (Streamlit's JavaScript, "
        "the province GeoJSON at /app/static/provinces.geojson), which the browser caches.\n"
    )
    return context


def _core_raw(nav: dict, rerun: dict, etl: dict, cold: dict) -> str:
    raw = (
        "Raw values (seconds unless noted):\n\n"
        f"- map drawn: {_list(nav['map_drawn'])}\n- baseline drawn: {_list(nav['base_drawn'])}\n"
        f"- first-view bytes: {_list(nav['map_first_bytes'], 0)}\n- Colours change bytes: {_list(nav['colours_bytes'], 0)}\n"
        f"- indicator change bytes: {_list(nav['indicator_bytes'], 0)}\n"
        f"- AppTest indicator reruns: {_list(rerun['indicator'], 3)}\n- AppTest colours reruns: {_list(rerun['colours'], 3)}\n"
        f"- ETL full: {_list(etl['full'])}\n- ETL no-op: {_list(etl['noop'])}\n"
        f"- cold health: {_list(cold['health'])}\n- cold HTML: {_list(cold['html'])}\n- cold map: {_list(cold['map'])}\n"
    )
    return raw


def _list(values: list[float], digits: int = 2) -> str:
    return ", ".join(f"{v:,.{digits}f}" for v in values)


CLIENTS = {
    "protocol": (
        "clients that speak Streamlit's WebSocket protocol (the protobuf messages a browser sends and "
        "receives; see bench/load_protocol.py), dealt over {processes} client processes. Each fetches the page and the province "
        "GeoJSON over HTTP, runs the map explorer, then sends the Colours radio's new value exactly as a "
        "click does. Rerun time = control change sent → new figure (plotly_chart delta) received, which "
        "must differ from the previous figure. No browser draws anything, so the CPU goes to the server"
    ),
    "browser": (
        "browser contexts (one Streamlit session each) in one headless Chromium on the same machine as "
        "the server, clicking the Colours radio. Rerun time = click → redrawn province fills on screen"
    ),
}


def load(sessions: int, duration: float, ramp: float, think: float, client: str, processes: int = 2,
         log=print) -> str:
    from bench.load import hard_limit_s, run_load, summary

    info = machine()
    log(f"Load ({client} clients): {sessions} sessions, {ramp:g} s apart, {duration:.0f} s of changes each ...")
    result = run_load(sessions=sessions, duration_s=duration, ramp_s=ramp, think_s=think, client=client,
                      client_processes=processes, log=log)
    s = summary(result)
    command = " ".join(["python -m bench", *sys.argv[1:]]).strip()
    errors = "".join(f"  - {e}\n" for e in result.errors[:20])
    more = f"  - ... and {len(result.errors) - 20} more\n" if len(result.errors) > 20 else ""
    peak = f"{s['peak_rss_mib']:,.0f} MiB" if s["peak_rss_mib"] else "unknown"
    before = f"{result.rss_before_kib / 1024:,.0f} MiB" if result.rss_before_kib else "unknown"
    share = s["server_cpu_s"] / s["machine_busy_cpu_s"] if s["machine_busy_cpu_s"] else float("nan")
    title = "## Load (`python -m bench load`)" if client == "protocol" else \
        "## Load, real browsers (`python -m bench load --client browser`)"
    per_change = f"| WebSocket bytes received per change, median | {report.kb(s['bytes_per_change'])} | | |\n" \
        if client == "protocol" else ""
    return (
        title + "\n\n" + report.machine_lines(info, command) + "\n"
        f"{sessions} sessions: {CLIENTS[client].format(processes=processes)}. Sessions arrive {ramp:g} s apart; each loads the map "
        f"explorer, then flips the Colours control (Continuous ↔ Quantiles) for {duration:.0f} s once its "
        f"map is there, pausing {think:g} s after each update (at most 500 changes per session; every step "
        f"times out after 60 s and counts as an error; hard stop after "
        f"{hard_limit_s(sessions, duration, ramp):.0f} s). The server runs the documented command with the "
        "file watcher off (`--server.fileWatcherType none`).\n\n"
        "| Measure | Value | Target | Result |\n|---|---|---|---|\n"
        f"| Errors | {s['errors']} | 0 | {report.verdict(s['errors'] == 0)} |\n"
        f"| Control changes completed | {s['changes']} in {result.wall_s:.0f} s | | |\n"
        f"| Rerun time, median | {report.seconds(s['rerun_median_s'])} | | |\n"
        f"| Rerun time, p95 | {report.seconds(s['rerun_p95_s'])} | | |\n"
        f"| First map under load (page request → map), median / p95 | {report.seconds(s['first_map_median_s'])} / "
        f"{report.seconds(s['first_map_p95_s'])} | | |\n"
        f"| Server peak RSS (VmHWM) | {peak} (RSS {before} right after start) | | |\n"
        + per_change +
        f"| CPU time: server / whole machine during the run | {s['server_cpu_s']:.0f} s / "
        f"{s['machine_busy_cpu_s']:.0f} s ({share:.0%} server) | | |\n"
        + (f"\nErrors:\n\n{errors}{more}" if errors else "")
    )


PAGE_RERUN_RATIO_TARGET = 5.0


FIRST_VIEW_TARGET_B = 150_000
PAGE_CHANGE_TARGET_B = 25_000
PAGE_BROWSER_RATIO_TARGET = 1.5


def pages_section(runs: int, log=print) -> str:
    """Every page against the bare page in the same run: rerun, navigation, bytes."""
    from bench.pages import page_reruns
    from bench.views import measure

    info = machine()
    log("Rerun server time of every page (AppTest) ...")
    reruns = page_reruns(runs, log=log)
    base = reruns.pop("baseline")["seconds"]
    log("WebSocket bytes and browser navigation of every page ...")
    views = measure(list(reruns), max(3, runs // 2), log=log)
    rows = "".join(_page_row(path, r, views[path]) for path, r in reruns.items())
    nav_base = next(iter(views[p]["base_seconds"] for p in reruns))
    command = " ".join(["python -m bench", *sys.argv[1:]]).strip()
    return (
        "## Every page (`python -m bench pages`)\n\n" + report.machine_lines(info, command) + "\n"
        "Every page as a link opens it, then each further section of the long pages (`?section=`), which a "
        "visit sends alone. "
        f"Rerun: median of {runs} AppTest reruns of each view with nothing changed (the first run excluded; "
        "every script compiled once, as a server does), against bench/baseline_app.py (one Plotly bar chart): "
        f"{report.seconds(base)} in the same run. Browser: median of {max(3, runs // 2)} fresh Chromium visits "
        "from navigation until every Plotly figure the page sends is drawn and the run is over, interleaved "
        f"with visits to the bare page ({report.seconds(nav_base)}). Bytes: every WebSocket message of a new "
        f"visitor's first view ({report.kb(views['baseline']['first_bytes'])} for the bare page), then of one "
        "change of the page's first control (named), with the browser's cache of large messages. "
        "Targets: rerun ≤ 5x, browser ≤ 1.5x, first view ≤ 150 KB, change ≤ 25 KB. 1 KB = 1,000 bytes.\n\n"
        "| Page | Rerun | Ratio | Browser | Ratio | First view | Change (control) | Result |\n"
        "|---|---|---|---|---|---|---|---|\n" + rows
    )


def _page_row(path: str, rerun: dict, view: dict) -> str:
    change = view["change_bytes"]
    checks = {
        "rerun": rerun["ratio"] <= PAGE_RERUN_RATIO_TARGET,
        "browser": view["ratio"] <= PAGE_BROWSER_RATIO_TARGET,
        "first view": view["first_bytes"] <= FIRST_VIEW_TARGET_B,
        "change": change is None or change <= PAGE_CHANGE_TARGET_B,
    }
    missed = [name for name, ok in checks.items() if not ok]
    result = "met" if not missed else "**missed**: " + ", ".join(missed)
    change_text = f"{view['change_bytes'] / 1000:,.1f} KB ({view['control']})" if change is not None else "no control"
    return (f"| `/{path}` | {report.seconds(rerun['seconds'])} | {rerun['ratio']:.1f}x | "
            f"{report.seconds(view['seconds'])} | {view['ratio']:.2f}x | {view['first_bytes'] / 1000:,.1f} KB | "
            f"{change_text} | {result} |\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="?", default="core", choices=["core", "load", "pages", "replicas", "profile", "all"])
    parser.add_argument("--page", action="append", default=[], help="profile: a page's url_path (repeatable)")
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (medians; at least 5)")
    parser.add_argument("--sessions", type=int, default=25, help="concurrent sessions for the load test")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of control changes per session")
    parser.add_argument("--ramp", type=float, default=2.0, help="seconds between session arrivals")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a session pauses after each update")
    parser.add_argument("--client", choices=["protocol", "browser"], default="protocol",
                        help="load clients: Streamlit's WebSocket protocol (default) or Chromium tabs")
    parser.add_argument("--client-processes", type=int, default=2,
                        help="protocol clients: processes the sessions are dealt over")
    parser.add_argument("--saturate", type=int, default=25,
                        help="replicas: sessions of the saturated run (no think time)")
    parser.add_argument("--saturate-duration", type=float, default=30.0,
                        help="replicas: seconds all saturated sessions run together")
    parser.add_argument("--no-write", action="store_true", help="print the results, leave BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 (medians of 5 or more)")
    if args.what == "profile":
        from bench.profile import main as profile

        profile(args.page, top=30)
        return 0
    try:
        sections = []
        if args.what in ("core", "all"):
            sections.append(("core", core(args.runs)))
        if args.what in ("pages", "all"):
            sections.append(("pages", pages_section(args.runs)))
        if args.what in ("replicas", "all"):
            counts = [args.sessions] if args.sessions != 25 else [25, 50]  # the default: both
            sections.append(("replicas", replicas_section(counts, args.duration, args.ramp, args.think, args.saturate,
                                                          args.saturate_duration, args.client_processes)))
        if args.what in ("load", "all"):
            name = "load" if args.client == "protocol" else "load-browser"
            sections.append((name, load(args.sessions, args.duration, args.ramp, args.think, args.client,
                                        args.client_processes)))
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    for name, body in sections:
        print(body)
        if not args.no_write:
            report.write_section(name, body)
    if not args.no_write:
        print(f"written to {report.BENCHMARKS.relative_to(report.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
