"""The load benchmark's bookkeeping (bench/procstat.py, bench/load_protocol.py, bench/load.py,
bench/replicas.py): parsing /proc, dealing sessions over client processes, the steady window
and where the CPU went. Pure functions on small inputs; nothing is timed."""

from __future__ import annotations

import math

import pytest

from bench.load import in_window, steady_window
from bench.load_protocol import SessionLog, cookie_pair, split_sessions
from bench.procstat import busy_ticks, cpu_ticks, established_by_port, parent_pid
from bench.replicas import cpu_shares, think_bound

# /proc/<pid>/stat of a process whose name holds a space and a parenthesis.
STAT = "4242 (python (x) 3) S 17 4242 4242 0 -1 4194304 900 0 0 0 1234 56 7 8 20 0 3 0 100 0 0"


def test_stat_fields_are_read_after_the_last_parenthesis_of_the_name():
    assert cpu_ticks(STAT) == 1234 + 56  # utime + stime, not the children's 7 + 8
    assert parent_pid(STAT) == 17


def test_busy_ticks_leave_out_idle_and_iowait():
    proc_stat = "cpu  100 5 50 1000 40 3 2 1 0 0\ncpu0 50 2 25 500 20 1 1 0 0 0\n"
    assert busy_ticks(proc_stat) == 100 + 5 + 50 + 3 + 2 + 1


def test_established_connections_are_counted_by_local_port():
    tcp = (
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
        "   0: 0100007F:2199 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1\n"  # 8601 listening
        "   1: 0100007F:2199 0100007F:D431 01 00000000:00000000 00:00000000 00000000 0 0 2\n"  # 8601
        "   2: 0100007F:2199 0100007F:D432 01 00000000:00000000 00:00000000 00000000 0 0 3\n"  # 8601
        "   3: 0100007F:219A 0100007F:D433 01 00000000:00000000 00:00000000 00000000 0 0 4\n"  # 8602
        "   4: 0100007F:D431 0100007F:2199 01 00000000:00000000 00:00000000 00000000 0 0 5\n"  # nginx's end
        "   5: 0100007F:219A 0100007F:D434 06 00000000:00000000 00:00000000 00000000 0 0 6\n"  # TIME_WAIT
    )
    assert established_by_port(tcp, [8601, 8602, 8603]) == {8601: 2, 8602: 1, 8603: 0}


@pytest.mark.parametrize(("sessions", "processes"), [(25, 2), (50, 3), (3, 8), (1, 1), (7, 7)])
def test_every_session_runs_in_exactly_one_process_and_none_is_idle(sessions, processes):
    groups = split_sessions(sessions, processes)
    assert sorted(i for group in groups for i in group) == list(range(sessions))
    assert len(groups) == min(sessions, processes) and all(groups)
    assert max(map(len, groups)) - min(map(len, groups)) <= 1


def test_sessions_are_dealt_round_robin_so_each_process_has_early_and_late_arrivals():
    assert split_sessions(5, 2) == [[0, 2, 4], [1, 3]]


def test_the_replica_cookie_is_returned_as_a_browser_would():
    headers = ["other=1; Path=/", "scs_replica=9f3a; Path=/; HttpOnly; SameSite=Lax"]
    assert cookie_pair(headers) == "scs_replica=9f3a"
    assert cookie_pair(["other=1"]) is None
    assert cookie_pair([]) is None


def test_session_logs_of_client_processes_merge_into_one():
    one = SessionLog(rerun_s=[0.1], done_at=[5.0], errors=["a"], changes=1, cpu_s=1.5)
    two = SessionLog(rerun_s=[0.2, 0.3], done_at=[6.0, 7.0], changes=2, cpu_s=0.5)
    one.merge(two)
    assert one.rerun_s == [0.1, 0.2, 0.3] and one.done_at == [5.0, 6.0, 7.0]
    assert one.changes == 3 and one.cpu_s == 2.0 and one.errors == ["a"]


def test_the_steady_window_runs_from_the_last_first_map_to_the_first_stop():
    assert steady_window(ready_at=[1.0, 3.0, 2.0], stopped_at=[20.0, 18.0, 19.0]) == (3.0, 18.0)
    assert steady_window(ready_at=[1.0, 30.0], stopped_at=[20.0, 40.0]) is None  # never all active together
    assert steady_window(ready_at=[], stopped_at=[]) is None


def test_only_changes_completed_inside_the_window_count():
    done_at, reruns = [1.0, 3.0, 10.0, 18.0, 19.0], [0.5, 0.1, 0.2, 0.3, 0.9]
    assert in_window(done_at, reruns, (3.0, 18.0)) == [0.1, 0.2, 0.3]


def test_think_time_bounds_a_closed_loop():
    assert think_bound(sessions=50, think_s=1.0, mean_rerun_s=0.25) == pytest.approx(40.0)
    assert think_bound(sessions=25, think_s=0.0, mean_rerun_s=0.5) == pytest.approx(50.0)
    assert math.isnan(think_bound(sessions=25, think_s=0.0, mean_rerun_s=0.0))


def test_cpu_not_accounted_for_by_the_run_is_other_peoples_work_and_the_rest_idle():
    cpu = {"replica 1": 20.0, "replica 2": 18.0, "nginx": 1.0, "client": 3.0, "machine": 50.0}
    shares = cpu_shares(cpu, wall_s=30.0, cores=2)
    assert shares["others"] == pytest.approx(8.0)
    assert shares["idle"] == pytest.approx(10.0)
    assert shares["replica 1"] == 20.0 and "machine" not in shares


def test_cpu_shares_never_go_below_zero_when_samples_race():
    shares = cpu_shares({"replica 1": 31.0, "machine": 30.5}, wall_s=15.0, cores=2)
    assert shares["others"] == 0.0 and shares["idle"] == 0.0
