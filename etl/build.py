"""Build ``data/processed`` from ``data/raw`` and ``data/registry.toml``.

Each output is a step of the dependency graph (:mod:`etl.graph`) with a fingerprint of
exactly what makes it; an output whose fingerprint matches the manifest is not rebuilt.
Every input of every step to be built is validated before anything is written; the new
files go to a staging folder that replaces the output folder in one step
(:mod:`etl.publish`), so a failed, interrupted or killed run leaves the previous set.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.graph import Step, code_version, plan, with_dependencies, with_dependents
from etl.issues import Issue, ValidationFailed
from etl.outputs import load_manifest, manifest_entry, read_metadata, write_manifest
from etl.paths import DEFAULT_OUT, DEFAULT_RAW, DEFAULT_STATIC, REGISTRY, ROOT, sha256
from etl.publish import Generation, atomic_write, exclusive, recover
from etl.reference import Context, read_reference

__all__ = ["DEFAULT_OUT", "DEFAULT_RAW", "DEFAULT_STATIC", "ROOT", "Report", "build", "read_metadata"]


@dataclass
class Report:
    """What a run did."""

    built: list[str]
    unchanged: list[str]
    checked_only: bool = False

    def summary(self) -> str:
        if self.checked_only:
            stale = ", ".join(self.built) or "none"
            return f"All inputs are valid. Outputs that a build would rebuild: {stale}."
        if not self.built:
            return f"Nothing to rebuild: all {len(self.unchanged)} outputs are up to date."
        return f"Rebuilt {len(self.built)} of {len(self.built) + len(self.unchanged)} outputs: {', '.join(self.built)}."


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(
    raw: Path = DEFAULT_RAW,
    out: Path = DEFAULT_OUT,
    *,
    only: list[str] | None = None,
    check: bool = False,
    force: bool = False,
    static: Path | None = None,
    progress: Callable[[str], None] = _progress,
) -> Report:
    """Validate the inputs and rebuild the outputs that are out of date.

    Parameters
    ----------
    raw : pathlib.Path
        Folder of raw files; the registry is ``raw/../registry.toml``.
    out : pathlib.Path
        Folder of processed files.
    only : list of str, optional
        Build just these outputs (their dependencies are read, not rewritten).
    check : bool
        Validate every input and report what is stale, writing nothing.
    force : bool
        Rebuild even when fingerprints match.
    static : pathlib.Path, optional
        Where the browser's ``provinces.geojson`` goes: ``static/`` for the default
        output folder, otherwise the output folder itself.
    progress : callable
        Receives one line per step.

    Returns
    -------
    Report

    Raises
    ------
    ValidationFailed
        With every problem found; nothing has been written.
    """
    raw, out = Path(raw), Path(out)
    if static is None:
        static = DEFAULT_STATIC if out.resolve() == DEFAULT_OUT.resolve() else out
    if check:
        return _run(raw, out, static, only, check, force, progress)
    with exclusive(out, progress):
        for line in recover(out, static):
            progress(f"  cleaned up after an interrupted run: {line}")
        return _run(raw, out, static, only, check, force, progress)


def _is_stale(step: Step, fingerprint: str, entry: dict, out: Path, static: Path) -> bool:
    if entry.get("fingerprint") != fingerprint or not (out / step.filename).exists():
        return True
    for name in step.outside:
        # A file kept outside the output folder (the browser's GeoJSON) is trusted only
        # if it is the file this manifest was published with.
        path = static / name
        if not path.exists():
            return True
        if static != out and entry.get("static", {}).get(name) != sha256(path.read_bytes()):
            return True
    return False


def _run(
    raw: Path, out: Path, static: Path, only: list[str] | None, check: bool, force: bool,
    progress: Callable[[str], None],
) -> Report:
    context, issues = read_reference(raw)
    if context is None:
        raise ValidationFailed(issues)
    context.issues.extend(issues)
    steps = plan(raw, context)
    names = [s.name for s in steps]
    for name in only or []:
        if name not in names:
            raise ValidationFailed([Issue(REGISTRY, None, None, f"--only {name}: no such output; known: {', '.join(names)}")])
    manifest = load_manifest(out)
    previous = manifest.get("outputs", {})
    fingerprints: dict[str, str] = {}
    stale: list[str] = []
    for step in steps:
        fingerprints[step.name] = step.fingerprint(fingerprints)
        if force or _is_stale(step, fingerprints[step.name], previous.get(step.name, {}), out, static):
            stale.append(step.name)
    # --only NAME rebuilds NAME and everything downstream of it, so nothing that reads
    # it (indicators, a derived count) is left stale.
    wanted = with_dependents(steps, set(only)) if only else set(stale)
    if check:
        wanted = set(names)  # validate everything, write nothing
    results = _compute(steps, wanted, with_dependencies(steps, wanted), context, check, progress)
    if context.issues:
        raise ValidationFailed(context.issues)
    if check:
        return Report(built=stale, unchanged=[n for n in names if n not in stale], checked_only=True)
    to_write = [s for s in steps if s.name in wanted]
    if to_write:
        progress(f"  writing {len(to_write)} output(s) to a staging folder …")
        _publish(out, static, steps, to_write, results, fingerprints, previous, context, progress)
    built = [s.name for s in to_write]
    return Report(built=built, unchanged=[n for n in names if n not in built])
def _compute(
    steps: list[Step], wanted: set[str], needed: set[str], context: Context, check: bool, progress: Callable[[str], None]
) -> dict[str, pd.DataFrame]:
    results: dict[str, pd.DataFrame] = {}
    # Steps that read raw files and are to be rebuilt go first: if their inputs are
    # invalid, the run stops before computing the unchanged inputs of later steps.
    first = {s.name for s in steps if s.name in wanted and not s.depends}
    for step in [s for s in steps if s.name in first] + [s for s in steps if s.name not in first]:
        if step.name not in first and context.issues:
            break
        if step.name not in needed:
            continue
        started = time.perf_counter()
        if any(d not in results for d in step.depends):
            continue  # an input failed validation; its issues are already collected
        progress(f"  {'checking' if check else 'building'} {step.name} …")
        result = step.run(context, results)
        if result is not None:
            results[step.name] = result
        progress(f"  {step.name}: {time.perf_counter() - started:.1f} s")
    return results


def _publish(
    out: Path, static: Path, steps: list[Step], to_write: list[Step], results: dict[str, pd.DataFrame],
    fingerprints: dict[str, str], previous: dict, context: Context, progress: Callable[[str], None],
) -> None:
    """Write the new generation beside ``out`` and switch to it in one step."""
    generation = Generation(out)
    outside: dict[str, bytes] = {}
    try:
        for step in to_write:
            frame = results[step.name]
            files = step.write(generation.folder, step, frame, context)
            if static == out:  # tests and other output folders keep everything inside
                for name, data in files.items():
                    atomic_write(generation.path(name), lambda p, data=data: p.write_bytes(data))
                files = {}
            outside |= files
            previous[step.name] = manifest_entry(step, fingerprints[step.name], len(frame), files)
        names = [s.name for s in steps]
        write_manifest(generation.folder, code_version(steps), {n: previous[n] for n in names if n in previous})
        generation.publish(progress)
    finally:
        generation.discard()
    # Files outside the output folder follow the switch; a crash in between leaves their
    # checksums unequal to the manifest's, so the next run rewrites them.
    for name, data in outside.items():
        atomic_write(static / name, lambda p, data=data: p.write_bytes(data))
