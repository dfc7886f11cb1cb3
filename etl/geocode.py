"""Map points for table rows: the representative point of the named place's polygon."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from etl import boundaries
from etl.issues import Issue
from etl.readers import LINE
from etl.reference import Context
from etl.registry import Dataset


@lru_cache(maxsize=1)
def _places() -> boundaries.PlaceIndex:
    # One index per process: its sqlite rows are read once for every geocoded table.
    return boundaries.PlaceIndex(boundaries.package_root())


def geocode(context: Context, dataset: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
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
