"""The bodies of the steps that turn checked raw tables into outputs.

Each is a function of declared inputs only (the shared :class:`~etl.reference.Context`,
one dataset's registry entry, the outputs it depends on), so the plan can fingerprint it.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from etl import boundaries
from etl.geocode import geocode
from etl.issues import Issue
from etl.readers import LINE, read_csv_strict
from etl.reference import Context
from etl.registry import INDICATOR_COLUMNS, Column, Dataset, with_confidence_labels
from etl.validate import validate_frame

INDICATOR_COLUMNS_TYPED = {name: Column(name=name, **spec) for name, spec in INDICATOR_COLUMNS.items()}


def indicator_columns(dataset: Dataset) -> dict[str, Column]:
    """The fixed columns of a province_indicator; a count's value is a whole number."""
    if dataset.value_type != "count":
        return INDICATOR_COLUMNS_TYPED
    value = INDICATOR_COLUMNS_TYPED["value"]
    return INDICATOR_COLUMNS_TYPED | {"value": Column(**{**value.__dict__, "type": "count"})}


def read_dataset(context: Context, dataset: Dataset) -> pd.DataFrame | None:
    path = context.raw / str(dataset.file)
    columns = indicator_columns(dataset) if dataset.kind == "province_indicator" else dataset.columns
    columns = with_confidence_labels(columns, tuple(context.shared.confidence))
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


def with_province_names(frame: pd.DataFrame, provinces: pd.DataFrame, column: str = "province") -> pd.DataFrame:
    names = provinces.set_index("adcode")[["name_en", "name_zh"]]
    frame = frame.rename(columns={column: "adcode"})
    position = frame.columns.get_loc("adcode") + 1
    frame.insert(position, "province_en", frame["adcode"].map(names["name_en"]).astype("string"))
    frame.insert(position + 1, "province_zh", frame["adcode"].map(names["name_zh"]).astype("string"))
    return frame


def source_confidence(context: Context) -> pd.Series:
    # Duplicate ids are reported as issues; keep the first so the other checks can run.
    return context.sources.drop_duplicates("source_id").set_index("source_id")["confidence"]


def indicator_rows(context: Context, dataset: Dataset, typed: pd.DataFrame) -> pd.DataFrame:
    """One row per in-scope province (more where several years are given), missing filled in."""
    frame = typed.drop(columns=LINE).rename(columns={"province": "adcode"})
    frame["confidence"] = frame["confidence"].fillna(frame["source_id"].map(source_confidence(context)))
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
    return with_province_names(frame, context.provinces, "adcode").sort_values(["adcode", "year"], ignore_index=True)


def table_rows(context: Context, dataset: Dataset, typed: pd.DataFrame) -> pd.DataFrame:
    """The typed table with province names, confidence filled in and map points added."""
    frame = typed.copy()
    frame["confidence"] = frame["confidence"].fillna(frame["source_id"].map(source_confidence(context)))
    if dataset.geocode:
        frame = geocode(context, dataset, frame)
    frame = frame.drop(columns=LINE)
    if "province" in frame.columns:
        frame = with_province_names(frame, context.provinces)
    return frame


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
    "kind", "title", "title_zh", "description", "description_zh", "unit", "topic", "value_type", "qualifier",
    "coverage_note", "missing_reason", "zero_note", "zero_note_zh", "origin", "origin_zh", "licence", "licence_zh",
    "file", "absent_label", "absent_label_zh",
)


def provenance(context: Context, dataset: Dataset) -> dict[str, str]:
    """The raw file's sidecar as catalogue cells (empty for a derived dataset: see its table)."""
    sidecar = context.sidecars.get(str(dataset.file))
    if sidecar is None:
        return dict.fromkeys(PROVENANCE_FIELDS, "")
    return {
        "licence_id": sidecar.licence,
        "origin_urls": ";".join(sidecar.origin_urls),
        "accessed": ";".join(sidecar.accessed),
        "transcribed": sidecar.transcribed,
        "transcribed_zh": sidecar.transcribed_zh,
        "sha256": sidecar.sha256,
        "stamped": sidecar.stamped,
    }


PROVENANCE_FIELDS = ("licence_id", "origin_urls", "accessed", "transcribed", "transcribed_zh", "sha256", "stamped")


def catalogue(context: Context) -> pd.DataFrame:
    """One row per dataset with the registry's metadata and its raw file's provenance."""
    records = []
    for name, dataset in context.registry.items():
        record = {"name": name, **{f: getattr(dataset, f) or "" for f in CATALOGUE_FIELDS}}
        record["province_level"] = dataset.is_province_level
        record["normalise"] = ";".join(dataset.normalise)
        record["sources"] = ";".join(dataset.sources)
        record["derived_from"] = dataset.source_table or ""
        records.append(record | provenance(context, dataset))
    frame = pd.DataFrame.from_records(records)
    frame["unit_scale"] = [float(d.unit_scale) for d in context.registry.values()]
    frame["base_unit"] = [d.base_unit for d in context.registry.values()]
    topics = context.shared.topics
    frame["topic_label"] = [topics[d.topic].label if d.topic in topics else "" for d in context.registry.values()]
    frame["topic_label_zh"] = [topics[d.topic].label_zh if d.topic in topics else "" for d in context.registry.values()]
    return frame.astype({c: "string" for c in frame.columns if c not in ("province_level", "unit_scale")})


def confidence_table(context: Context) -> pd.DataFrame:
    """Every confidence label of the registry with its gloss in English and Chinese, in order."""
    rows = [(label, spec.gloss, spec.gloss_zh) for label, spec in context.shared.confidence.items()]
    return pd.DataFrame(rows, columns=["label", "gloss", "gloss_zh"]).astype("string")


NORMALISER_TEXTS = ("unit", "unit_zh", "label", "label_zh", "suffix", "suffix_zh")


def normalisers_table(context: Context) -> pd.DataFrame:
    """One row per ``[normalisers.ID]``, with the factor that turns value / normaliser into its unit.

    ``factor = per / unit_scale`` of the normalising dataset: e.g. ``1e12 / 1e8`` for
    "per trillion yuan" over GDP in 100 million yuan. The app derives every per-capita
    and per-GDP number from this table.
    """
    records = []
    for key, spec in context.shared.normalisers.items():
        scale = context.registry[spec.dataset].unit_scale
        records.append({"id": key, "dataset": spec.dataset, "per": float(spec.per), "unit_scale": float(scale),
                        "factor": float(spec.per) / float(scale), **{f: getattr(spec, f) for f in NORMALISER_TEXTS}})
    columns = ["id", "dataset", "per", "unit_scale", "factor", *NORMALISER_TEXTS]
    frame = pd.DataFrame.from_records(records, columns=columns)
    return frame.astype({c: "string" for c in columns if c not in ("per", "unit_scale", "factor")} |
                        {c: "float64" for c in ("per", "unit_scale", "factor")})


def boundaries_layer(context: Context) -> gpd.GeoDataFrame:
    layer = boundaries.build_province_layer(context.provinces["adcode"].tolist())
    names = context.provinces.set_index("adcode")
    layer.insert(1, "name_en", layer["adcode"].map(names["name_en"]))
    layer.insert(2, "name_zh", layer["adcode"].map(names["name_zh"]))
    layer.insert(3, "in_scope", layer["adcode"].map(names["in_scope"]).astype(bool))
    return layer
