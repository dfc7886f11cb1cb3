"""The processed folder is always one consistent version.

``--only`` rebuilds what depends on the named output; runs are serialised by a lock; a
SIGKILL at any moment of a real ``python -m etl`` leaves the complete old set or the
complete new set, and the next run cleans up; the browser's GeoJSON outside the output
folder follows the manifest; fingerprints cover exactly the code and date they depend on.

These are tests of the mechanism, so they run on a tiny registry made here: the reference
files, one province indicator, one table and the count derived from it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import etl.graph
from etl.build import build
from etl.graph import plan
from etl.provenance import sidecar_path, stamp
from etl.publish import lock_path, recover
from etl.reference import read_reference
from tests.conftest import REPO_RAW, REPO_REGISTRY, ROOT, hash_tree, quiet

POPULATION = "population_2020.csv"
TINY = ("population_2020", "regulations_provincial", "regulation_adoption_year")


def registry_subset(text: str, names: tuple[str, ...]) -> str:
    """The shared sections and the ``[datasets.NAME...]`` tables of ``names`` from a registry's text."""
    kept, keep = [], False
    for line in text.splitlines():
        if line.startswith("[datasets."):
            keep = line[len("[datasets."):].rstrip("]").split(".")[0] in names
        elif line.startswith("[normalisers."):
            keep = False  # they name datasets (gdp_2020) the tiny registry does not have
        elif line.startswith("["):
            keep = True  # [defaults], [licences], [columns.NAME], [topics], [confidence.LABEL]
        if keep:
            kept.append(line)
    return "\n".join(kept) + "\n"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Path, Path]:
    """A tiny raw folder and registry, and an output folder built from them once."""
    base = tmp_path_factory.mktemp("tiny")
    raw = base / "data" / "raw"
    raw.mkdir(parents=True)
    files = ["provinces.csv", "province_aliases.csv", "sources.csv", POPULATION, "regulations_provincial.csv"]
    for name in files:
        shutil.copy2(REPO_RAW / name, raw / name)
        shutil.copy2(sidecar_path(REPO_RAW / name), sidecar_path(raw / name))
    text = registry_subset(REPO_REGISTRY.read_text(encoding="utf-8"), TINY)
    (raw.parent / "registry.toml").write_text(text, encoding="utf-8")
    out = base / "built" / "processed"
    build(raw, out, progress=quiet)
    return raw, out


@pytest.fixture
def raw_copy(tiny, tmp_path) -> Path:
    shutil.copytree(tiny[0].parent, tmp_path / "data")
    return tmp_path / "data" / "raw"


@pytest.fixture
def out_copy(tiny, tmp_path) -> Path:
    shutil.copytree(tiny[1], tmp_path / "processed")
    return tmp_path / "processed"


def bump_guangdong(raw: Path) -> None:
    path = raw / POPULATION
    text = path.read_text(encoding="utf-8")
    assert "Guangdong,126012510," in text
    path.write_text(text.replace("Guangdong,126012510,", "Guangdong,126012511,", 1), encoding="utf-8")
    stamp(raw, path.stem)


def leftovers(out: Path) -> list[str]:
    """Anything an interrupted run could leave beside or inside the output folder."""
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p != lock_path(out)]
    inside = [p.name for p in out.glob(".tmp-*")]
    return beside + inside


def etl_process(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", *map(str, args)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


# ----------------------------------------------------------------------------- --only


def test_only_rebuilds_the_dataset_and_everything_downstream(raw_copy, out_copy):
    bump_guangdong(raw_copy)
    report = build(raw_copy, out_copy, only=["population_2020"], progress=quiet)
    assert report.built == ["population_2020", "catalogue", "indicators"]
    indicators = pd.read_parquet(out_copy / "indicators.parquet")
    assert 126012511 in indicators["value"].tolist()
    assert build(raw_copy, out_copy, check=True, progress=quiet).built == []


def test_only_a_table_rebuilds_its_derived_counts_and_indicators(raw_copy, out_copy):
    report = build(raw_copy, out_copy, only=["regulations_provincial"], progress=quiet)
    assert report.built == ["regulations_provincial", "regulation_adoption_year", "catalogue", "indicators"]


# ----------------------------------------------------------------------------- lock


def test_a_second_run_waits_for_the_first(raw_copy, out_copy):
    bump_guangdong(raw_copy)
    before = hash_tree(out_copy)
    handle = os.open(lock_path(out_copy), os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)  # stands in for a first run
    try:
        process = etl_process("--raw", raw_copy, "--out", out_copy)
        waiting = process.stderr.readline()
        assert "Another ETL run is writing" in waiting and "waiting" in waiting
        time.sleep(1.0)
        assert process.poll() is None
        assert hash_tree(out_copy) == before
    finally:
        os.close(handle)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert "Rebuilt 3 of" in out  # population_2020, the catalogue (its checksum) and indicators
    assert hash_tree(out_copy) != before


def test_two_runs_at_once_both_land_in_the_manifest(raw_copy, out_copy):
    bump_guangdong(raw_copy)
    table = raw_copy / "regulations_provincial.csv"
    table.write_bytes(table.read_bytes() + b"\n")  # changes its bytes, not its data
    stamp(raw_copy, table.stem)
    results: dict[str, object] = {}

    def run(name: str) -> None:
        results[name] = build(raw_copy, out_copy, only=[name], progress=quiet)

    threads = [threading.Thread(target=run, args=(n,)) for n in ("population_2020", "regulations_provincial")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    assert build(raw_copy, out_copy, check=True, progress=quiet).built == []


# ----------------------------------------------------------------------------- SIGKILL


@pytest.fixture(scope="module")
def old_and_new(tiny, tmp_path_factory) -> tuple[Path, Path, dict, dict]:
    """A raw folder with one changed value, an old built set, and the hashes of both sets."""
    base = tmp_path_factory.mktemp("kill")
    shutil.copytree(tiny[0].parent, base / "data")
    raw = base / "data" / "raw"
    old = base / "old" / "processed"
    shutil.copytree(tiny[1], old)
    bump_guangdong(raw)
    new = base / "new" / "processed"
    shutil.copytree(old, new)
    build(raw, new, force=True, progress=quiet)
    old_hashes, new_hashes = hash_tree(old), hash_tree(new)
    assert old_hashes != new_hashes
    return raw, old, old_hashes, new_hashes


# (line on stderr to wait for, then milliseconds to wait before SIGKILL)
KILL_POINTS = [
    ("building boundaries", 200),
    ("building population_2020", 0),
    ("writing", 0),  # the staging folder is being filled (about 250 ms in all)
    ("writing", 60),
    ("writing", 120),
    ("writing", 180),
    ("writing", 230),  # about when the folders are swapped and the old set removed
    ("switched", 0),
]


def test_sigkill_at_any_point_leaves_the_old_or_the_new_set(old_and_new, tmp_path):
    raw, old, old_hashes, new_hashes = old_and_new
    outcomes = []
    for trigger, delay in KILL_POINTS:
        out = tmp_path / f"{len(outcomes)}" / "processed"
        shutil.copytree(old, out)
        process = etl_process("--raw", raw, "--out", out, "--force")
        if trigger:
            for line in process.stderr:
                if trigger in line:
                    break
        time.sleep(delay / 1000)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        process.stderr.close()
        process.stdout.close()
        state = hash_tree(out)
        assert state in (old_hashes, new_hashes), f"mixed set after kill at {trigger!r} + {delay} ms"
        outcomes.append("new" if state == new_hashes else "old")
        # The next run removes what the killed one left and brings the folder up to date.
        assert build(raw, out, progress=quiet) is not None
        assert hash_tree(out) == new_hashes
        assert leftovers(out) == []
    print("kill outcomes:", outcomes)
    assert set(outcomes) == {"old", "new"}


def test_recovery_restores_the_old_set_when_a_fallback_switch_was_cut(raw_copy, out_copy):
    before = hash_tree(out_copy)
    parked = out_copy.parent / ".processed.old-abc"
    os.rename(out_copy, parked)  # the first of the fallback's two renames
    staging = out_copy.parent / ".processed.staging-abc"
    staging.mkdir()
    (staging / "population_2020.parquet").write_bytes(b"half")
    cleaned = recover(out_copy)
    assert hash_tree(out_copy) == before
    assert leftovers(out_copy) == []
    assert any("restored" in line for line in cleaned)


def test_orphan_temporary_files_are_removed(raw_copy, out_copy):
    (out_copy / ".tmp-abc123").write_bytes(b"orphan")
    build(raw_copy, out_copy, progress=quiet)
    assert leftovers(out_copy) == []


# ----------------------------------------------------------------------------- static GeoJSON


def test_static_geojson_follows_the_manifest(raw_copy, out_copy, tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    build(raw_copy, out_copy, static=static, only=["boundaries"], progress=quiet)
    geojson = static / "provinces.geojson"
    good = geojson.read_bytes()
    manifest = json.loads((out_copy / "manifest.json").read_text(encoding="utf-8"))
    assert "static" in manifest["outputs"]["boundaries"]
    # A crash between the switch and the static write leaves an old or missing copy:
    # the next run sees that it is not the file the manifest names, and rewrites it.
    geojson.write_bytes(good[: len(good) // 2])
    assert build(raw_copy, out_copy, static=static, progress=quiet).built == ["boundaries"]
    assert geojson.read_bytes() == good
    geojson.unlink()
    assert build(raw_copy, out_copy, static=static, progress=quiet).built == ["boundaries"]
    assert geojson.read_bytes() == good
    assert build(raw_copy, out_copy, static=static, progress=quiet).built == []


# ----------------------------------------------------------------------------- fingerprints


def _fingerprints(raw: Path) -> dict[str, str]:
    context, issues = read_reference(raw)
    assert context is not None and issues == []
    fingerprints: dict[str, str] = {}
    for step in plan(raw, context):
        fingerprints[step.name] = step.fingerprint(fingerprints)
    return fingerprints


def test_each_step_fingerprints_its_own_code_not_the_cli_or_dictionary(raw_copy):
    context, _ = read_reference(raw_copy)
    steps = {s.name: s for s in plan(raw_copy, context)}
    for step in steps.values():
        assert not {"__main__", "dictionary", "publish", "build"} & set(step.code), step.name
    assert "derived" in steps["regulation_adoption_year"].code
    assert "derived" not in steps["population_2020"].code
    assert "boundaries" in steps["boundaries"].code and "boundaries" not in steps["population_2020"].code


def test_editing_a_module_changes_only_the_fingerprints_of_steps_using_it(raw_copy, monkeypatch):
    before = _fingerprints(raw_copy)
    real = etl.graph.code_hash
    monkeypatch.setattr(etl.graph, "code_hash", lambda modules: real(modules) + ("!" if "derived" in modules else ""))
    after = _fingerprints(raw_copy)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"regulation_adoption_year", "indicators"}


def test_the_year_validation_takes_as_now_is_in_the_fingerprint(raw_copy, monkeypatch):
    before = _fingerprints(raw_copy)
    monkeypatch.setattr(etl.graph, "current_year", lambda: 2999)
    after = _fingerprints(raw_copy)
    assert all(before[name] != after[name] for name in ("provinces", "sources", "population_2020", "indicators"))
    assert before["boundaries"] == after["boundaries"]  # no raw cell is validated there
