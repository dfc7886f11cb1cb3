"""Read ``data/registry.toml``: the one place each dataset is declared."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl.issues import Issue

KINDS = ("province_indicator", "table", "derived")
COLUMN_TYPES = ("string", "integer", "number", "boolean", "date", "year", "province", "source")
VALUE_TYPES = ("count", "amount", "share", "year")
NORMALISERS = ("population", "gdp")
DERIVED_METHODS = ("count", "min")

# The fixed columns of a province_indicator CSV, with the schema the ETL applies to them.
INDICATOR_COLUMNS: dict[str, dict[str, Any]] = {
    "province": {"type": "province", "required": True, "description": "Province as written in the raw file"},
    "value": {"type": "number", "required": False, "min": 0, "description": "The value; empty when missing"},
    "year": {"type": "year", "required": False, "description": "Reference year of the value"},
    "source_id": {"type": "source", "required": True, "description": "Id of the source in the sources table"},
    "confidence": {"type": "string", "required": False, "description": "Confidence label; overrides the source's default"},
    "missing_reason": {"type": "string", "required": False, "description": "Why the value is missing"},
    "note": {"type": "string", "required": False, "description": "Note for analysts"},
}

CONFIDENCE_LABELS = (
    "exact from source",
    "official",
    "secondary",
    "read from a chart",
    "weak",
    "low",
    "not verified",
    "derived",
)


@dataclass(frozen=True)
class Column:
    """One declared column of a table dataset."""

    name: str
    type: str
    required: bool = False
    description: str = ""
    unit: str | None = None
    allowed: tuple | None = None
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True)
class Dataset:
    """One registry entry."""

    name: str
    kind: str
    title: str
    description: str
    unit: str
    topic: str
    sources: tuple[str, ...]
    title_zh: str = ""
    file: str | None = None
    origin: str = ""
    licence: str = ""
    value_type: str = "count"
    normalise: tuple[str, ...] = ()
    missing_reason: str = "not reported by source"
    coverage_note: str = ""
    columns: dict[str, Column] = field(default_factory=dict)
    key: tuple[str, ...] = ()
    geocode: dict[str, str] | None = None
    # derived only
    source_table: str | None = None
    method: str | None = None
    column: str | None = None
    where: dict[str, tuple] = field(default_factory=dict)
    time_column: str | None = None
    qualifier: str = ""
    zero_note: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_province_level(self) -> bool:
        """Whether the dataset yields one value per province (a map layer)."""
        return self.kind in ("province_indicator", "derived")

    def metadata(self) -> dict[str, Any]:
        """The entry as stored in the Parquet metadata and shown on the sources page."""
        return {k: v for k, v in self.raw.items() if k != "columns"} | {"name": self.name}


def _column(name: str, spec: dict[str, Any]) -> Column:
    allowed = spec.get("allowed")
    return Column(
        name=name,
        type=spec.get("type", "string"),
        required=bool(spec.get("required", False)),
        description=spec.get("description", ""),
        unit=spec.get("unit"),
        allowed=tuple(allowed) if allowed is not None else None,
        min=spec.get("min"),
        max=spec.get("max"),
    )


def _check_entry(name: str, entry: dict[str, Any], where: str) -> list[Issue]:
    issues: list[Issue] = []

    def bad(column: str, message: str) -> None:
        issues.append(Issue(where, None, f"{name}.{column}", message))

    kind = entry.get("kind")
    if kind not in KINDS:
        bad("kind", f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        return issues
    for required in ("title", "description", "unit", "topic", "sources"):
        if not entry.get(required):
            bad(required, "is required")
    if kind in ("province_indicator", "table") and not entry.get("file"):
        bad("file", "is required")
    if entry.get("value_type", "count") not in VALUE_TYPES:
        bad("value_type", f"must be one of {', '.join(VALUE_TYPES)}")
    for norm in entry.get("normalise", []):
        if norm not in NORMALISERS:
            bad("normalise", f"{norm!r} is not one of {', '.join(NORMALISERS)}")
    if kind == "table":
        columns = entry.get("columns", {})
        if not columns:
            bad("columns", "a table declares its columns")
        for col, spec in columns.items():
            if spec.get("type", "string") not in COLUMN_TYPES:
                bad(f"columns.{col}.type", f"must be one of {', '.join(COLUMN_TYPES)}")
        for required in ("source_id", "confidence"):
            if required not in columns:
                bad("columns", f"a table needs a {required!r} column")
        for col in entry.get("key", []):
            if col not in columns:
                bad("key", f"key column {col!r} is not declared")
        geocode = entry.get("geocode")
        if geocode:
            for role in ("name", "province"):
                if geocode.get(role) not in columns:
                    bad("geocode", f"geocode.{role} must name a declared column")
    if kind == "derived":
        if not entry.get("from"):
            bad("from", "is required")
        if entry.get("method") not in DERIVED_METHODS:
            bad("method", f"must be one of {', '.join(DERIVED_METHODS)}")
        if entry.get("method") == "min" and not entry.get("column"):
            bad("column", "method 'min' needs a column")
    return issues


def load_registry(path: Path) -> tuple[dict[str, Dataset], list[Issue]]:
    """Read the registry and check each entry.

    Parameters
    ----------
    path : pathlib.Path
        ``registry.toml``.

    Returns
    -------
    datasets : dict of str to Dataset
        The entries that passed their checks, by name, in file order.
    issues : list of Issue
        Everything wrong with the registry itself.
    """
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return {}, [Issue(path.name, None, None, f"cannot parse the registry: {error}")]
    datasets: dict[str, Dataset] = {}
    issues: list[Issue] = []
    entries = document.get("datasets", {})
    for name, entry in entries.items():
        entry_issues = _check_entry(name, entry, path.name)
        issues.extend(entry_issues)
        if entry_issues:
            continue
        datasets[name] = Dataset(
            name=name,
            kind=entry["kind"],
            title=entry["title"],
            title_zh=entry.get("title_zh", ""),
            description=entry["description"],
            unit=entry["unit"],
            topic=entry["topic"],
            sources=tuple(entry["sources"]),
            file=entry.get("file"),
            origin=entry.get("origin", ""),
            licence=entry.get("licence", ""),
            value_type=entry.get("value_type", "year" if entry.get("method") == "min" else "count"),
            normalise=tuple(entry.get("normalise", [])),
            missing_reason=entry.get("missing_reason", "not reported by source"),
            coverage_note=entry.get("coverage_note", ""),
            columns={c: _column(c, s) for c, s in entry.get("columns", {}).items()},
            key=tuple(entry.get("key", [])),
            geocode=entry.get("geocode"),
            source_table=entry.get("from"),
            method=entry.get("method"),
            column=entry.get("column"),
            where={k: tuple(v) for k, v in entry.get("where", {}).items()},
            time_column=entry.get("time_column"),
            qualifier=entry.get("qualifier", ""),
            zero_note=entry.get("zero_note", ""),
            raw=entry,
        )
    for name, ds in datasets.items():
        if ds.kind == "derived":
            base = datasets.get(ds.source_table or "")
            if base is None or base.kind != "table":
                issues.append(Issue(path.name, None, f"{name}.from", f"{ds.source_table!r} is not a table dataset"))
    return datasets, issues
