"""Derived datasets: a per-province count or earliest value computed from a table.

The registry's mini-language: ``from`` (the table), ``method`` (``count`` or ``min``),
``column`` (for ``min``), ``where`` (column -> allowed values) and ``time_column`` (a
count is also given as of the end of each year).
"""

from __future__ import annotations

import pandas as pd

from etl.reference import Context
from etl.registry import Dataset
from etl.tables import with_province_names


def _count_value(base: dict, n_dated: int, n_undated: int, dataset: Dataset, **extra) -> dict:
    """One count, honest about what the source cannot say.

    No row at all is 0 only for an exhaustive list; in a list that is not exhaustive it is
    missing. Rows whose year is unknown may already have existed by an earlier year, so a
    count that is 0 without them is missing ("year unknown"), and a positive one says how
    many more there may be.
    """
    if n_dated == 0 and n_undated == 0:
        if dataset.exhaustive:
            return base | extra | {"value": 0.0, "note": dataset.zero_note or pd.NA}
        return base | extra | {"value": pd.NA, "missing_reason": dataset.missing_reason, "note": pd.NA}
    if n_dated == 0:
        return base | extra | {"value": pd.NA, "note": pd.NA,
                               "missing_reason": f"year unknown: {n_undated} known, none with an established year"}
    note = f"{n_undated} more known without an established year" if n_undated else pd.NA
    return base | extra | {"value": float(n_dated), "note": note}


def _count_rows(base: dict, mine: pd.DataFrame, dataset: Dataset, as_of_years: list[int]) -> list[dict]:
    """The latest count of one province and, with a time column, its count as of each year."""
    undated = int(mine[dataset.time_column].isna().sum()) if as_of_years else 0
    latest_year = as_of_years[-1] if as_of_years and not undated else pd.NA
    latest = _count_value(base, len(mine), 0, dataset, year=latest_year, is_latest=True)
    if undated and latest["note"] is pd.NA:
        latest["note"] = f"{undated} of these {len(mine)} have no established year"
    rows = [latest]
    for year in as_of_years:
        dated = int((mine[dataset.time_column] <= year).sum())
        rows.append(_count_value(base, dated, undated, dataset, year=year, is_latest=False))
    return rows


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
            records += _count_rows(base, mine, dataset, as_of_years)
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
    return with_province_names(frame, context.provinces, "adcode")
