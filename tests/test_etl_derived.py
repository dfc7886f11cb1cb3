"""Derived counts say 'missing' where the source cannot tell, never a false 0."""

from __future__ import annotations

import pandas as pd

from etl.derived import _count_rows
from etl.registry import Dataset


def dataset(**overrides) -> Dataset:
    spec = {"name": "x", "kind": "derived", "title": "X", "description": "", "unit": "systems", "topic": "t",
            "sources": ("s",), "method": "count", "time_column": "year", "zero_note": "none",
            "missing_reason": "none known: the list is not exhaustive"}
    return Dataset(**(spec | overrides))


def rows_for(years: list) -> pd.DataFrame:
    return pd.DataFrame({"year": pd.array(years, dtype="Int64")})


def by_year(records: list[dict]) -> dict:
    return {("latest" if r["is_latest"] else r["year"]): r for r in records}


def test_exhaustive_list_counts_zero_with_its_note():
    records = by_year(_count_rows({}, rows_for([]), dataset(), [2018, 2019]))
    assert records["latest"]["value"] == 0 and records["latest"]["note"] == "none"
    assert records[2018]["value"] == 0


def test_non_exhaustive_list_makes_absence_missing_not_zero():
    records = by_year(_count_rows({}, rows_for([]), dataset(exhaustive=False), [2018, 2019]))
    for record in records.values():
        assert record["value"] is pd.NA and record["missing_reason"] == "none known: the list is not exhaustive"


def test_year_unknown_never_becomes_none_in_earlier_years():
    records = by_year(_count_rows({}, rows_for([None, 2021]), dataset(exhaustive=False), [2019, 2020, 2021]))
    assert records["latest"]["value"] == 2.0 and "1 of these 2" in records["latest"]["note"]
    assert records[2019]["value"] is pd.NA and "year unknown" in records[2019]["missing_reason"]
    assert records[2021]["value"] == 1.0 and "1 more known" in records[2021]["note"]


def test_dated_rows_count_as_of_their_year():
    records = by_year(_count_rows({}, rows_for([2018, 2020]), dataset(), [2018, 2019, 2020]))
    assert [records[y]["value"] for y in (2018, 2019, 2020)] == [1.0, 1.0, 2.0]
    assert records["latest"]["year"] == 2020
