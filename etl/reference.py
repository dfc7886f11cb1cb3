"""The reference inputs every step shares: registry, provinces, aliases and sources.

They are read and checked once per run into a :class:`Context`; metadata problems
(registry, duplicate source ids, cited ids missing from ``sources.csv``) stop the run
before any dataset is read, all reported together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.document import Shared
from etl.issues import Issue
from etl.paths import registry_path
from etl.provenance import Sidecar, read_all
from etl.provinces import ProvinceResolver, build_resolver
from etl.readers import LINE, read_csv_strict
from etl.registry import Column, Dataset, load_registry_and_shared
from etl.validate import validate_frame

SOURCE_COLUMNS = {
    "source_id": Column("source_id", "string", True, "Short unique id used by data rows"),
    "citation": Column("citation", "string", True, "Full citation"),
    "url": Column("url", "string", False, "Link to the source"),
    "source_type": Column(
        "source_type",
        "string",
        True,
        "What the source is",
        allowed=("official text", "official translation", "unofficial translation", "state media", "secondary", "academic",
                 "weak"),
    ),
    "published": Column("published", "date", False, "Publication date, as far as known"),
    "accessed": Column("accessed", "date", True, "Date the fact was taken into this project"),
    "licence": Column("licence", "string", False, "Licence or terms"),
    "confidence": Column("confidence", "string", True, "Default confidence of values from this source"),
    "via": Column("via", "string", False, "Where the text was read when not at url: a mirror or repost (URL)"),
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


@dataclass
class Context:
    """Everything the steps share: inputs read once, issues collected across steps."""

    raw: Path
    registry: dict[str, Dataset]
    resolver: ProvinceResolver
    provinces: pd.DataFrame
    sources: pd.DataFrame
    shared: Shared = field(default_factory=Shared)
    sidecars: dict[str, Sidecar] = field(default_factory=dict)  # by raw CSV file name
    issues: list[Issue] = field(default_factory=list)

    @property
    def source_ids(self) -> set[str]:
        return set(self.sources["source_id"].dropna())

    @property
    def in_scope(self) -> pd.DataFrame:
        return self.provinces[self.provinces["in_scope"]].reset_index(drop=True)


def read_reference(raw: Path) -> tuple[Context | None, list[Issue]]:
    issues: list[Issue] = []
    provinces_raw, problems = read_csv_strict(raw / "provinces.csv", list(PROVINCE_COLUMNS))
    issues += problems
    aliases_raw, problems = read_csv_strict(raw / "province_aliases.csv", ["alias", "adcode", "note"])
    issues += problems
    sources_raw, problems = read_csv_strict(raw / "sources.csv", list(SOURCE_COLUMNS))
    issues += problems
    known = None if sources_raw is None else set(sources_raw["source_id"].dropna())
    registry, shared, registry_issues = load_registry_and_shared(registry_path(raw), known)
    issues += registry_issues
    sidecars: dict[str, Sidecar] = {}
    if shared is not None:
        sidecars, problems = read_all(raw, set(shared.licences))
        issues += problems
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
        if label is not pd.NA and shared is not None and label not in shared.confidence:
            issues.append(Issue("sources.csv", int(sources[LINE].iloc[position]), "confidence", f"{label!r} is not a confidence label"))
    provinces, problems = validate_frame(
        provinces_raw, PROVINCE_COLUMNS, file="provinces.csv", resolver=resolver, source_ids=source_ids, key=("adcode",)
    )
    issues += problems
    if len(provinces) != 34:
        issues.append(Issue("provinces.csv", None, None, f"expected the 34 provincial-level units, found {len(provinces)}"))
    if registry_issues or shared is None:
        return None, issues  # the datasets cannot be checked against a broken registry
    context = Context(
        raw=raw,
        registry=registry,
        resolver=resolver,
        provinces=provinces.drop(columns=LINE),
        sources=sources.drop(columns=LINE),
        shared=shared,
        sidecars=sidecars,
    )
    return context, issues
