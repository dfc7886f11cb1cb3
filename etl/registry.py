"""Read ``data/registry.toml``: the one place each dataset is declared."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from etl.document import Shared, validate_document
from etl.issues import Issue
from etl.schema import ColumnSpec, Entry, check_citations, issues_locator, read_toml

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

def with_confidence_labels(columns: dict[str, Column], labels: tuple[str, ...]) -> dict[str, Column]:
    """The columns, a ``confidence`` column limited to the labels of the registry's ``[confidence]``."""
    confidence = columns.get("confidence")
    if confidence is None or confidence.allowed is not None:
        return columns
    return columns | {"confidence": replace(confidence, allowed=labels)}


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
    description_zh: str = ""
    file: str | None = None
    origin: str = ""
    origin_zh: str = ""
    licence: str = ""  # the sentence of [licences]
    licence_zh: str = ""  # its Chinese, from [licences_zh]
    licence_id: str = ""
    value_type: str = "count"
    unit_scale: float = 1.0
    base_unit: str = ""
    normalise: tuple[str, ...] = ()
    missing_reason: str = "not reported by source"
    coverage_note: str = ""
    absent_label: str = ""
    absent_label_zh: str = ""
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
    zero_note_zh: str = ""
    exhaustive: bool = True
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_province_level(self) -> bool:
        """Whether the dataset yields one value per province (a map layer)."""
        return self.kind in ("province_indicator", "derived")

    def metadata(self) -> dict[str, Any]:
        """The entry as stored in the Parquet metadata and shown on the sources page."""
        return {k: v for k, v in self.raw.items() if k != "columns"} | {"name": self.name}


def _column(name: str, spec: ColumnSpec) -> Column:
    allowed = tuple(spec.allowed) if spec.allowed is not None else None
    return Column(name=name, **(spec.model_dump() | {"allowed": allowed}))


def _dataset(name: str, entry: Entry, raw: dict[str, Any], shared: Shared) -> Dataset:
    return Dataset(
        name=name,
        kind=entry.kind,
        title=entry.title,
        title_zh=entry.title_zh,
        description=entry.description,
        description_zh=entry.description_zh,
        unit=entry.unit,
        topic=entry.topic,
        sources=tuple(entry.sources),
        file=entry.file,
        origin=entry.origin,
        origin_zh=entry.origin_zh,
        licence=shared.licences.get(entry.licence, ""),
        licence_zh=shared.licences_zh.get(entry.licence, ""),
        licence_id=entry.licence,
        value_type=entry.value_type or ("year" if entry.method == "min" else "count"),
        normalise=tuple(entry.normalise),
        unit_scale=entry.unit_scale,
        base_unit=entry.base_unit,
        missing_reason=entry.missing_reason,
        coverage_note=entry.coverage_note,
        absent_label=entry.absent_label,
        absent_label_zh=entry.absent_label_zh,
        columns={c: _column(c, s) for c, s in entry.columns.items()},
        key=tuple(entry.key),
        geocode=entry.geocode.model_dump(exclude_none=True) if entry.geocode else None,
        source_table=entry.from_,
        method=entry.method,
        column=entry.column,
        where={k: tuple(v) for k, v in entry.where.items()},
        time_column=entry.time_column,
        qualifier=entry.qualifier,
        zero_note=entry.zero_note,
        zero_note_zh=entry.zero_note_zh,
        exhaustive=entry.exhaustive,
        raw=raw | {"licence": shared.licences.get(entry.licence, ""), "licence_zh": shared.licences_zh.get(entry.licence, ""),
                   "licence_id": entry.licence} if entry.licence else raw,
    )


def load_registry(path: Path, source_ids: set[str] | None = None) -> tuple[dict[str, Dataset], list[Issue]]:
    """Read the registry and check each entry against the schema in :mod:`etl.schema`.

    Parameters
    ----------
    path : pathlib.Path
        ``registry.toml``.
    source_ids : set of str, optional
        The ids in ``sources.csv``; when given, every id an entry cites must be one.

    Returns
    -------
    datasets : dict of str to Dataset
        The entries that passed their checks, by name, in file order.
    issues : list of Issue
        Everything wrong with the registry itself, each with the entry's key path and,
        where the file has one, its line.
    """
    datasets, _, issues = load_registry_and_shared(path, source_ids)
    return datasets, issues


def load_registry_and_shared(
    path: Path, source_ids: set[str] | None = None
) -> tuple[dict[str, Dataset], Shared | None, list[Issue]]:
    """:func:`load_registry`, plus the sections declared once (licences, defaults, ...)."""
    document, issues = read_toml(path)
    if document is None:
        return {}, None, issues
    locate = issues_locator(path)
    shared, resolved, entries, issues = validate_document(path.name, document, locate)
    if shared is None:
        return {}, None, issues
    if source_ids is not None:
        issues += check_citations(path.name, document["datasets"], source_ids, locate)
    return {name: _dataset(name, entry, resolved[name], shared) for name, entry in entries.items()}, shared, issues
